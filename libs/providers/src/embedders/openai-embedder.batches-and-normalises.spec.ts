import { startFakeOpenAI, type FakeServer } from '@toolgate/testing';
import { ProviderError } from '../provider.errors';
import { UsageMeter } from '../usage/usage-meter';
import { OpenAIEmbedder } from './openai.embedder';

const KEY = 'sk-test-embeddings-0123456789';

describe('OpenAIEmbedder against a fake OpenAI server', () => {
  let fake: FakeServer;
  beforeEach(async () => (fake = await startFakeOpenAI({ apiKey: KEY })));
  afterEach(() => fake.close());

  it('batches under the input limit, keeps order, sends dimensions, and returns unit vectors', async () => {
    const meter = new UsageMeter();
    const embedder = new OpenAIEmbedder({ apiKey: KEY, baseURL: `${fake.url}/v1`, dimensions: 256, batchLimits: { maxInputs: 2, maxTokens: 1000 }, meter });
    const texts = ['create a jira issue', 'send an email', 'get the weather', 'create a jira issue', 'delete a file'];
    const vectors = await embedder.embed(texts);
    embedder.breaker.shutdown();

    expect(fake.violations).toEqual([]);
    expect(fake.requests.map((r) => (r.body as { input: string[] }).input.length)).toEqual([2, 2, 1]);
    expect(fake.requests[0].body).toMatchObject({ model: 'text-embedding-3-small', dimensions: 256, encoding_format: 'float' });
    expect(embedder.model).toBe('openai:text-embedding-3-small:256');
    expect(vectors).toHaveLength(5);
    for (const v of vectors) {
      expect(v).toHaveLength(256);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
    // Same text, same vector, whatever batch it was in (order is kept).
    expect([...vectors[3]]).toEqual([...vectors[0]]);
    expect([...vectors[1]]).not.toEqual([...vectors[0]]);
    const usage = meter.byModel()[0];
    expect(usage).toMatchObject({ model: 'text-embedding-3-small', calls: 3, priced: true });
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.costUsd).toBeCloseTo((usage.inputTokens * 0.02) / 1e6, 12);
  });

  it('splits a batch by the token budget too', async () => {
    const embedder = new OpenAIEmbedder({ apiKey: KEY, baseURL: `${fake.url}/v1`, batchLimits: { maxInputs: 2048, maxTokens: 40 } });
    await embedder.embed(['x'.repeat(60), 'y'.repeat(60), 'z'.repeat(60)]);
    embedder.breaker.shutdown();
    expect(fake.requests).toHaveLength(3);
  });

  it('rejects vectors of another size than configured with a clear error', async () => {
    await fake.close();
    fake = await startFakeOpenAI({ apiKey: KEY, forceDimensions: 10 });
    const embedder = new OpenAIEmbedder({ apiKey: KEY, baseURL: `${fake.url}/v1`, model: 'text-embedding-3-large' });
    const error = await embedder.embed(['hello']).catch((e: unknown) => e);
    embedder.breaker.shutdown();
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'PROVIDER.DIMENSION_MISMATCH' });
    expect((error as Error).message).toMatch(/10-dimensional vector, expected 3072/);
  });

  it('needs EMBEDDING_DIMENSIONS for a model it does not know', () => {
    expect(() => new OpenAIEmbedder({ baseURL: `${fake.url}/v1`, model: 'nomic-embed-text' })).toThrow(/EMBEDDING_DIMENSIONS/);
  });
});
