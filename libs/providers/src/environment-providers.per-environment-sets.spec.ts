import { loadProviderConfig } from '@toolgate/config';
import { LocalRouter } from '@toolgate/pipeline';
import { EnvironmentProviders } from './environment-providers';

describe('EnvironmentProviders', () => {
  const providers = new EnvironmentProviders(loadProviderConfig({}), {});
  afterAll(() => providers.close());

  it('uses the deployment defaults for empty or invalid overrides', () => {
    expect(providers.for({})).toBe(providers.defaults);
    expect(providers.for(undefined)).toBe(providers.defaults);
    expect(providers.for({ embedder: { apiKey: 'sk-raw' } })).toBe(providers.defaults);
  });

  it('builds one set per distinct override and reuses it (breakers count across requests)', () => {
    const overrides = { router: { kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-test', apiKeyEnv: 'TOOLGATE_PROVIDER_KEY_UNSET' } };
    const first = providers.for(overrides);
    expect(first).not.toBe(providers.defaults);
    expect(providers.for(JSON.parse(JSON.stringify(overrides)))).toBe(first);
    // No key in the named variable: the router falls back to local rather than calling without one.
    expect(first.describe()).toEqual({ embedder: providers.defaults.describe().embedder, router: new LocalRouter().model });
    const scopes = providers.states().map((s) => s.scope);
    expect(scopes[0]).toBe('default');
    expect(scopes.slice(1).map((scope) => JSON.parse(scope))).toContainEqual(overrides);
  });

  it('applies an embedder override and reports its breaker state', () => {
    const set = providers.for({ embedder: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'nomic-embed-text', dimensions: 8 } });
    expect(set.embedder.model).toContain('nomic-embed-text');
    const state = providers.states().find((s) => s.embedder.model === set.embedder.model);
    expect(state?.embedder.breaker).toBe('closed');
    expect(state?.router.breaker).toBe('none');
  });
});
