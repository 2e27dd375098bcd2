import { loadProviderConfig } from '@toolgate/config';
import { startFakeAnthropic, startFakeOpenAI, type FakeServer } from '@toolgate/testing';
import { MemoryEmbeddingCache } from './cache/cached.embedder';
import { createProviders, type Providers } from './create-providers';

describe('createProviders', () => {
  let openai: FakeServer;
  let anthropic: FakeServer;
  const made: Providers[] = [];
  const make = (env: Record<string, string>) => {
    const p = createProviders(loadProviderConfig(env));
    made.push(p);
    return p;
  };
  beforeAll(async () => {
    openai = await startFakeOpenAI({ apiKey: 'sk-factory-0123456789', azure: { deployment: 'emb', apiKey: 'az-factory-0123456789' }, dimensions: 768 });
    anthropic = await startFakeAnthropic({ apiKey: 'sk-ant-factory-0123456789' });
  });
  afterAll(async () => {
    for (const p of made) p.close();
    await openai.close();
    await anthropic.close();
  });

  it('uses the local providers by default, with no breakers', () => {
    const p = make({});
    expect(p.describe()).toEqual({ embedder: expect.stringMatching(/^local/), router: expect.stringMatching(/^local/) });
    expect(p.breakerState()).toEqual({ embedder: 'none', router: 'none' });
  });

  it('builds the OpenAI embedder and router from the environment, and they work against the fake', async () => {
    const p = make({ EMBEDDER: 'openai', ROUTER: 'openai', OPENAI_API_KEY: 'sk-factory-0123456789', OPENAI_BASE_URL: `${openai.url}/v1`, EMBEDDING_DIMENSIONS: '32' });
    expect(p.describe()).toEqual({ embedder: 'openai:text-embedding-3-small:32', router: 'openai:gpt-4o-mini' });
    expect(p.breakerState()).toEqual({ embedder: 'closed', router: 'closed' });
    expect((await p.embedder.embed(['a']))[0]).toHaveLength(32);
    const decision = await p.router.route('weather in Paris', [{ id: 'w', name: 'get_weather', description: 'weather forecast for a city' }]);
    expect(decision.choice).toBe('w');
    expect(p.meter.byModel().map((l) => l.model).sort()).toEqual(['gpt-4o-mini', 'text-embedding-3-small']);
  });

  it('wraps a remote embedder with the given cache: the same text is embedded once', async () => {
    const env = { EMBEDDER: 'openai', OPENAI_API_KEY: 'sk-factory-0123456789', OPENAI_BASE_URL: `${openai.url}/v1`, EMBEDDING_DIMENSIONS: '32' };
    const p = createProviders(loadProviderConfig(env), { embeddingCache: new MemoryEmbeddingCache() });
    made.push(p);
    const before = openai.requests.length;
    await p.embedder.embed(['cached text']);
    await p.embedder.embed(['cached text']);
    expect(openai.requests.length - before).toBe(1);
    expect(p.breakerState().embedder).toBe('closed');
  });

  it('builds the OpenAI-compatible embedder (no key, explicit size) and the Azure one', async () => {
    const compatible = make({ EMBEDDER: 'openai-compatible', OPENAI_BASE_URL: `${openai.url}/v1`, EMBEDDING_MODEL: 'nomic-embed-text', EMBEDDING_DIMENSIONS: '768' });
    expect(compatible.describe().embedder).toBe('openai-compatible:nomic-embed-text');
    // No key configured: the fake answers 401, proving the request went to the base URL with a placeholder, not a real key.
    await expect(compatible.embedder.embed(['a'])).rejects.toMatchObject({ code: 'PROVIDER.AUTH' });

    const azure = make({ EMBEDDER: 'azure', AZURE_OPENAI_ENDPOINT: openai.url, AZURE_OPENAI_API_KEY: 'az-factory-0123456789', AZURE_OPENAI_DEPLOYMENT: 'emb', EMBEDDING_DIMENSIONS: '16' });
    expect(azure.describe().embedder).toBe('azure:emb:text-embedding-3-small:16');
    expect((await azure.embedder.embed(['a']))[0]).toHaveLength(16);
  });

  it('builds the Anthropic router', async () => {
    const p = make({ ROUTER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-factory-0123456789', ANTHROPIC_BASE_URL: anthropic.url, ROUTER_MODEL: 'claude-haiku-4-5' });
    expect(p.describe().router).toBe('anthropic:claude-haiku-4-5');
    const decision = await p.router.route('send an email to Bob', [{ id: 'm', name: 'send_email', description: 'Send an email message' }]);
    expect(decision.choice).toBe('m');
    expect(anthropic.violations).toEqual([]);
    expect(openai.violations).toEqual([]);
  });
});
