import { loadProviderConfig } from './load-provider-config';
import { applyProviderOverrides, ProviderOverridesSchema, secretLikeFields, unsetKeyVariables } from './provider-overrides';

describe('provider overrides', () => {
  const deployment = loadProviderConfig({ EMBEDDER: 'openai', OPENAI_API_KEY: 'sk-deployment', ROUTER: 'openai' });

  it('accepts non-secret settings and the name of a key variable', () => {
    const parsed = ProviderOverridesSchema.parse({
      embedder: { kind: 'openai-compatible', model: 'nomic-embed-text', baseUrl: 'http://127.0.0.1:11434/v1', dimensions: 768 },
      router: { kind: 'anthropic', model: 'claude-3-5-haiku-latest', apiKeyEnv: 'TOOLGATE_PROVIDER_KEY_TEAM_A' },
    });
    expect(parsed.router?.apiKeyEnv).toBe('TOOLGATE_PROVIDER_KEY_TEAM_A');
  });

  it('refuses raw keys, arbitrary key variables and unknown fields, naming the field', () => {
    const raw = ProviderOverridesSchema.safeParse({ embedder: { apiKey: 'sk-live-123' } });
    expect(raw.success).toBe(false);
    expect(secretLikeFields({ embedder: { apiKey: 'sk-live-123' }, router: { token: 'x', apiKeyEnv: 'TOOLGATE_PROVIDER_KEY_A' } })).toEqual(['embedder.apiKey', 'router.token']);
    const variable = ProviderOverridesSchema.safeParse({ router: { kind: 'openai', apiKeyEnv: 'DATABASE_URL' } });
    expect(variable.success).toBe(false);
    expect(variable.error?.issues[0]?.path).toEqual(['router', 'apiKeyEnv']);
    const unknown = ProviderOverridesSchema.safeParse({ embedder: { modle: 'x' } });
    expect(unknown.error?.issues[0]?.message).toMatch(/modle/);
    const kindless = ProviderOverridesSchema.safeParse({ embedder: { baseUrl: 'https://models.example/v1' } });
    expect(kindless.error?.issues[0]?.path).toEqual(['embedder', 'kind']);
  });

  it('applies overrides per provider, never sending the deployment key to an overridden base URL', () => {
    const { embedder, router } = applyProviderOverrides(
      deployment,
      { embedder: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }, router: { kind: 'anthropic', apiKeyEnv: 'TOOLGATE_PROVIDER_KEY_B' } },
      { TOOLGATE_PROVIDER_KEY_B: 'anthropic-key' },
    );
    expect(embedder).toMatchObject({ EMBEDDER: 'openai-compatible', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', EMBEDDING_MODEL: 'm', OPENAI_API_KEY: undefined });
    expect(router).toMatchObject({ ROUTER: 'anthropic', ANTHROPIC_API_KEY: 'anthropic-key', ROUTER_MODEL: undefined });
    // The router's own settings are untouched by the embedder's base URL, and vice versa.
    expect(router.OPENAI_BASE_URL).toBeUndefined();
    expect(applyProviderOverrides(deployment, {}).embedder).toEqual(deployment);
  });

  it('reports key variables that are not set', () => {
    expect(unsetKeyVariables({ router: { apiKeyEnv: 'TOOLGATE_PROVIDER_KEY_MISSING' } }, {})).toEqual([{ path: 'router.apiKeyEnv', variable: 'TOOLGATE_PROVIDER_KEY_MISSING' }]);
  });
});
