import { analyze, makeTool } from '@toolgate/pipeline';
import { startFakeOpenAI, type FakeServer } from '@toolgate/testing';
import { OpenAIEmbedder } from '../embedders/openai.embedder';
import { CachedEmbedder, MemoryEmbeddingCache, textHash } from './cached.embedder';

const KEY = 'sk-cache-0123456789abcdef';
const REGISTRY = [
  makeTool('github', { name: 'create_issue', description: 'Create a new issue in a GitHub repository.', inputSchema: { type: 'object', properties: {} } }),
  makeTool('gitlab', { name: 'open_issue', description: 'Create a new issue in a GitLab repository project.', inputSchema: { type: 'object', properties: {} } }),
  makeTool('weather', { name: 'get_forecast', description: 'Get the weather forecast for a city.', inputSchema: { type: 'object', properties: {} } }),
];

describe('CachedEmbedder', () => {
  let fake: FakeServer;
  let inner: OpenAIEmbedder;
  beforeEach(async () => {
    fake = await startFakeOpenAI({ apiKey: KEY });
    inner = new OpenAIEmbedder({ apiKey: KEY, baseURL: `${fake.url}/v1`, dimensions: 64 });
  });
  afterEach(async () => {
    inner.breaker.shutdown();
    await fake.close();
  });

  it('a second analysis of an unchanged registry makes zero embedding calls, with the same result', async () => {
    const store = new MemoryEmbeddingCache();
    const first = await analyze({ registry: REGISTRY }, { embedder: new CachedEmbedder(inner, store), stages: ['lexical', 'schema', 'semantic'] });
    const calls = fake.requests.length;
    expect(calls).toBeGreaterThan(0);
    const second = await analyze({ registry: REGISTRY }, { embedder: new CachedEmbedder(inner, store), stages: ['lexical', 'schema', 'semantic'] });
    expect(fake.requests).toHaveLength(calls);
    expect(second.conflicts).toEqual(first.conflicts);

    // One changed tool: only its text goes to the provider.
    const changed = [...REGISTRY.slice(0, 2), makeTool('weather', { name: 'get_forecast', description: 'Weather forecast for any city, next 7 days.', inputSchema: { type: 'object', properties: {} } })];
    await analyze({ registry: changed }, { embedder: new CachedEmbedder(inner, store), stages: ['lexical', 'schema', 'semantic'] });
    const last = fake.requests.at(-1)?.body as { input: string[] };
    expect(fake.requests).toHaveLength(calls + 1);
    expect(last.input).toHaveLength(1);
    expect(last.input[0]).toContain('7 days');
  });

  it('refuses a cached vector of another size than the model now returns', async () => {
    const store = new MemoryEmbeddingCache();
    await store.putMany(inner.model, [{ textHash: textHash('hello'), vector: new Float32Array(32) }]);
    await expect(new CachedEmbedder(inner, store).embed(['hello'])).rejects.toMatchObject({ code: 'PROVIDER.DIMENSION_MISMATCH' });
    expect(fake.requests).toHaveLength(0);
  });
});
