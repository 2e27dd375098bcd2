import { ConfigError } from './config.errors';
import { loadConfig } from './load-config';
import { loadProviderConfig } from './load-provider-config';

describe('loadProviderConfig', () => {
  it('needs no DATABASE_URL and ignores non-provider variables', () => {
    const config = loadProviderConfig({ NODE_ENV: 'production', ROUTER: 'openai', OPENAI_API_KEY: 'sk-test', PORT: 'not a port' });
    expect(config.ROUTER).toBe('openai');
    expect(config.ROUTER_MODEL).toBe('gpt-4o-mini');
    expect(config.EMBEDDER).toBe('local');
    expect(config.PROVIDER_TIMEOUT_MS).toBe(30_000);
    expect(config.ROUTER_TEMPERATURE).toBe(0);
  });

  it('applies the same cross-field rules as loadConfig, without echoing keys', () => {
    expect.assertions(4);
    expect(() => loadProviderConfig({ EMBEDDER: 'azure', AZURE_OPENAI_API_KEY: 'azure-secret-key' })).toThrow(ConfigError);
    try {
      loadProviderConfig({ EMBEDDER: 'azure', AZURE_OPENAI_API_KEY: 'azure-secret-key', ROUTER_TEMPERATURE: '3' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/AZURE_OPENAI_ENDPOINT is required when EMBEDDER=azure/);
      expect(message).toMatch(/ROUTER_TEMPERATURE must be a number between 0 and 2/);
      expect(message).not.toContain('azure-secret-key');
    }
  });

  it('parses the resilience settings, and the full schema knows them too', () => {
    const env = { EMBEDDER: 'openai-compatible', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', EMBEDDING_DIMENSIONS: '768', PROVIDER_TIMEOUT_MS: '500', BREAKER_FAILURE_THRESHOLD: '2', ROUTER_TEMPERATURE: '0.7' };
    const config = loadProviderConfig(env);
    expect(config).toMatchObject({ EMBEDDING_DIMENSIONS: 768, PROVIDER_TIMEOUT_MS: 500, BREAKER_FAILURE_THRESHOLD: 2, ROUTER_TEMPERATURE: 0.7 });
    const full = loadConfig({ ...env, DATABASE_URL: 'postgres://localhost/x', REDIS_URL: 'redis://localhost' });
    expect(full.EMBEDDING_DIMENSIONS).toBe(768);
    expect(full.BREAKER_RESET_MS).toBe(30_000);
  });
});
