import { type ConfigError } from './config.errors';
import { loadConfig, type Env } from './load-config';

const minimal = { DATABASE_URL: 'postgres://postgres@127.0.0.1/toolgate', REDIS_URL: 'redis://127.0.0.1:6379' };

function problemsFor(env: Env): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as ConfigError).problems;
  }
  return [];
}

describe('loadConfig rules that span several variables', () => {
  it('requires a JWT verification key in production', () => {
    expect(problemsFor({ ...minimal, NODE_ENV: 'production' })).toEqual([
      'JWT_SECRET is required when NODE_ENV=production and neither JWT_PUBLIC_KEY nor JWKS_URL is set',
    ]);
  });

  it('accepts a JWKS URL instead of a secret in production', () => {
    expect(problemsFor({ ...minimal, NODE_ENV: 'production', JWKS_URL: 'https://id.example.com/.well-known/jwks.json' })).toEqual([]);
  });

  it('lets development run without any JWT key', () => {
    expect(problemsFor(minimal)).toEqual([]);
  });

  it('requires the Azure endpoint, key and deployment for EMBEDDER=azure', () => {
    expect(problemsFor({ ...minimal, EMBEDDER: 'azure', AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com' })).toEqual([
      'AZURE_OPENAI_API_KEY is required when EMBEDDER=azure',
      'AZURE_OPENAI_DEPLOYMENT is required when EMBEDDER=azure',
    ]);
  });

  it('refuses LLM probes or recommendations without a model router (they would silently do nothing)', () => {
    expect(problemsFor({ ...minimal, PROBE_GENERATOR: 'llm' })).toEqual(['ROUTER must be openai or anthropic when PROBE_GENERATOR=llm']);
    expect(problemsFor({ ...minimal, LLM_RECOMMENDATIONS: 'true', ROUTER: 'local' })).toEqual(['ROUTER must be openai or anthropic when LLM_RECOMMENDATIONS=true (got "local")']);
    expect(problemsFor({ ...minimal, PROBE_GENERATOR: 'llm', LLM_RECOMMENDATIONS: 'true', ROUTER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-x' })).toEqual([]);
  });

  it('requires an API key for the hosted providers', () => {
    expect(problemsFor({ ...minimal, EMBEDDER: 'openai' })).toEqual(['OPENAI_API_KEY is required when EMBEDDER=openai']);
    expect(problemsFor({ ...minimal, ROUTER: 'anthropic' })).toEqual(['ANTHROPIC_API_KEY is required when ROUTER=anthropic']);
  });

  it('requires only a base URL for an OpenAI-compatible server', () => {
    expect(problemsFor({ ...minimal, EMBEDDER: 'openai-compatible' })).toEqual([
      'OPENAI_BASE_URL is required when EMBEDDER=openai-compatible',
    ]);
    expect(problemsFor({ ...minimal, EMBEDDER: 'openai-compatible', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' })).toEqual([]);
  });

  it('requires the bootstrap admin email and password together', () => {
    expect(problemsFor({ ...minimal, TOOLGATE_BOOTSTRAP_ADMIN_EMAIL: 'admin@example.com' })).toEqual([
      'TOOLGATE_BOOTSTRAP_ADMIN_PASSWORD is required when TOOLGATE_BOOTSTRAP_ADMIN_EMAIL is set',
    ]);
  });

  it('reports rule failures together with per-variable errors', () => {
    expect(problemsFor({ ...minimal, PORT: 'x', ROUTER: 'anthropic' })).toEqual([
      'PORT must be an integer between 1 and 65535 (got "x")',
      'ANTHROPIC_API_KEY is required when ROUTER=anthropic',
    ]);
  });
});
