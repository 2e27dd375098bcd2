import { startFakeOpenAI, type FakeServer } from '@toolgate/testing';
import { OpenAIEmbedder } from '../embedders/openai.embedder';
import { ProviderError } from '../provider.errors';

const KEY = 'sk-test-resilience-0123456789';

describe('provider calls: retries, Retry-After and timeouts (SDK maxRetries/timeout, configured here)', () => {
  let fake: FakeServer;
  const embedders: OpenAIEmbedder[] = [];
  const embedder = (options: { maxRetries: number; timeoutMs?: number }) => {
    const e = new OpenAIEmbedder({ apiKey: KEY, baseURL: `${fake.url}/v1`, dimensions: 8, ...options });
    embedders.push(e);
    return e;
  };
  beforeEach(async () => (fake = await startFakeOpenAI({ apiKey: KEY })));
  afterEach(async () => {
    for (const e of embedders.splice(0)) e.breaker.shutdown();
    await fake.close();
  });

  it('waits as long as Retry-After says on a 429, then succeeds', async () => {
    fake.fail({ kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'Rate limit reached', type: 'requests' } } });
    const [vector] = await embedder({ maxRetries: 2 }).embed(['hello']);
    expect(vector).toHaveLength(8);
    expect(fake.requests).toHaveLength(2);
    const waited = fake.requests[1].at - fake.requests[0].at;
    // The SDK's own backoff without the header would be ~0.5 s; Retry-After: 1 makes it one second.
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(3000);
  });

  it('retries 500s and gives up after maxRetries with PROVIDER.UNAVAILABLE', async () => {
    fake.fail({ kind: 'status', status: 500 });
    await expect(embedder({ maxRetries: 1 }).embed(['a'])).resolves.toHaveLength(1);
    expect(fake.requests).toHaveLength(2);

    fake.failAlways({ kind: 'status', status: 503 });
    const error = await embedder({ maxRetries: 1 }).embed(['b']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'PROVIDER.UNAVAILABLE', status: 503 });
    expect(fake.requests).toHaveLength(4);
  });

  it('does not retry a 400 (our request is wrong, retrying cannot help)', async () => {
    fake.fail({ kind: 'status', status: 400, body: { error: { message: 'bad input', type: 'invalid_request_error' } } });
    await expect(embedder({ maxRetries: 3 }).embed(['a'])).rejects.toMatchObject({ code: 'PROVIDER.BAD_REQUEST' });
    expect(fake.requests).toHaveLength(1);
  });

  it('times out a slow response at the configured timeout', async () => {
    fake.failAlways({ kind: 'delay', ms: 2000 });
    const started = Date.now();
    const error = await embedder({ maxRetries: 0, timeoutMs: 200 }).embed(['slow']).catch((e: unknown) => e);
    const took = Date.now() - started;
    expect(error).toMatchObject({ code: 'PROVIDER.TIMEOUT' });
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(1500);
  });

  it('rejects a malformed (non-JSON) success body as an error, not as vectors', async () => {
    fake.fail({ kind: 'raw', status: 200, text: '{"object":"list","data":[' });
    await expect(embedder({ maxRetries: 0 }).embed(['x'])).rejects.toBeInstanceOf(ProviderError);
  });
});
