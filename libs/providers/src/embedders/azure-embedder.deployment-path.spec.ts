import { startFakeOpenAI, type FakeServer } from '@toolgate/testing';
import { AzureOpenAIEmbedder } from './openai.embedder';

const AZURE_KEY = 'azure-key-abcdef0123456789';

describe('AzureOpenAIEmbedder', () => {
  let fake: FakeServer;
  beforeEach(async () => (fake = await startFakeOpenAI({ azure: { deployment: 'embed-small', apiKey: AZURE_KEY, apiVersion: '2024-10-21' } })));
  afterEach(() => fake.close());

  it('posts to the deployment path with api-version and the api-key header', async () => {
    const embedder = new AzureOpenAIEmbedder({ endpoint: `${fake.url}/`, apiKey: AZURE_KEY, deployment: 'embed-small', apiVersion: '2024-10-21', dimensions: 64 });
    const [vector] = await embedder.embed(['list files in a folder']);
    embedder.breaker.shutdown();
    expect(fake.violations).toEqual([]);
    const request = fake.requests[0];
    expect(request.path).toBe('/openai/deployments/embed-small/embeddings');
    expect(request.query.get('api-version')).toBe('2024-10-21');
    expect(request.headers['api-key']).toBe(AZURE_KEY);
    expect(request.headers.authorization).toBeUndefined();
    expect(vector).toHaveLength(64);
    expect(embedder.model).toBe('azure:embed-small:text-embedding-3-small:64');
  });

  it('reports a wrong key as an auth error without the key', async () => {
    const wrong = 'azure-wrong-key-9876543210';
    const embedder = new AzureOpenAIEmbedder({ endpoint: fake.url, apiKey: wrong, deployment: 'embed-small', apiVersion: '2024-10-21', maxRetries: 0 });
    const error = await embedder.embed(['x']).then(
      () => { throw new Error('expected a failure'); },
      (e: unknown) => e as Error,
    );
    embedder.breaker.shutdown();
    expect(error).toMatchObject({ code: 'PROVIDER.AUTH', status: 401 });
    expect(String(error)).not.toContain(wrong);
    expect(JSON.stringify(error)).not.toContain(wrong);
  });
});
