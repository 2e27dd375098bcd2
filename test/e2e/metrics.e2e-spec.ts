import { type FakeServer, startFakeOpenAI } from '@toolgate/testing';
import { logIn, registryClient, type RegistryClient, toolDef, weatherTools } from './registry.client';
import { waitFor } from './support/app-process';
import { freePort } from './support/free-port';
import { E2E_ADMIN, type Stack, startStack } from './support/stack';

const KEY = 'sk-metrics-e2e-key-3b9d';
const METRICS_TOKEN = 'metrics-e2e-token-5a1c2e7f';

describe('GET /metrics (real API, Redis, Postgres, fake OpenAI embeddings server)', () => {
  let stack: Stack;
  let api: RegistryClient;
  let openai: FakeServer;

  beforeAll(async () => {
    openai = await startFakeOpenAI({ apiKey: KEY });
    // One failure opens a provider breaker (no SDK retries), so the test can open it with one request.
    stack = await startStack({ worker: false, apiEnv: { METRICS_TOKEN, TOOLGATE_PROVIDER_KEY_METRICS: KEY, BREAKER_FAILURE_THRESHOLD: '1', PROVIDER_MAX_RETRIES: '0' } });
    api = registryClient(stack.baseUrl);
  });
  afterAll(async () => {
    await stack?.stop();
    await openai?.close();
  });

  const scrape = async (authorization = `Bearer ${METRICS_TOKEN}`) => {
    const response = await fetch(`${stack.baseUrl}/metrics`, { headers: { authorization } });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };
  const ciCheck = async (tools: unknown[]) =>
    fetch(`${stack.baseUrl}/v1/webhooks/ci-check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await logInToken()}` },
      body: JSON.stringify({ environment: 'metrics-env-q7', server: 'weather', tools }),
    });
  let token: Promise<string> | undefined;
  const logInToken = () => (token ??= logIn(stack.baseUrl, E2E_ADMIN));

  it('requires the bearer token when METRICS_TOKEN is set (401 { code, message, details } otherwise)', async () => {
    const none = await fetch(`${stack.baseUrl}/metrics`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ code: 'METRICS.UNAUTHENTICATED', message: expect.stringContaining('METRICS_TOKEN'), details: {} });
    expect((await scrape('Bearer wrong-token')).status).toBe(401);
    expect((await scrape(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.type).toContain('text/plain');
    expect(ok.text).toMatch(/^toolgate_process_resident_memory_bytes \d+/m);
  });

  it('labels request durations with the route template, never the raw environment name or server id', async () => {
    const overrides = { embedder: { kind: 'openai', baseUrl: `${openai.url}/v1`, model: 'text-embedding-3-small', dimensions: 64, apiKeyEnv: 'TOOLGATE_PROVIDER_KEY_METRICS' } };
    expect((await api.post('/v1/environments', { name: 'metrics-env-q7', providerOverrides: overrides })).status).toBe(201);
    const server = await api.post('/v1/environments/metrics-env-q7/servers', { name: 'weather', transport: 'stdio' });
    expect(server.status).toBe(201);
    const serverId = (server.body as { id: string }).id;
    expect((await api.get(`/v1/environments/metrics-env-q7/servers/${serverId}`)).status).toBe(200);
    expect((await api.get(`/v1/environments/metrics-env-q7/servers/${serverId}`)).status).toBe(200);

    const { text } = await scrape();
    expect(text).toContain('toolgate_http_request_duration_seconds_count{method="GET",route="/v1/environments/:env/servers/:id",status_code="200"} 2');
    expect(text).toContain('toolgate_http_request_duration_seconds_count{method="POST",route="/v1/environments/:env/servers",status_code="201"} 1');
    // Scrapes (including the 401s above) are not timed.
    expect(text).not.toContain('route="/metrics"');
    expect(text).not.toContain('metrics-env-q7');
    expect(text).not.toContain(serverId);
    expect(text).not.toContain(KEY);
  });

  it('reports BullMQ job counts for every queue', async () => {
    const { text } = await scrape();
    for (const queue of ['analysis', 'simulation', 'notifications', 'sync', 'maintenance']) {
      expect(text).toMatch(new RegExp(`^toolgate_queue_jobs\\{queue="${queue}",state="waiting"\\} \\d+$`, 'm'));
    }
    expect(text).toMatch(/^toolgate_queue_jobs\{queue="analysis",state="failed"\} \d+$/m);
  });

  it('reports the provider breaker closed, then open once the embeddings server is gone; counts CI gate outcomes', async () => {
    const first = await ciCheck(weatherTools);
    expect([200, 409]).toContain(first.status);
    const outcome = first.status === 200 ? 'passed' : 'blocked';
    const breaker = (text: string) => text.match(/^toolgate_provider_breaker_state\{provider_set="([^"\n]|\\")*",dependency="embedder"\} (\S+)$/m)?.[2];
    let scraped = await scrape();
    expect(breaker(scraped.text)).toBe('0');
    expect(scraped.text).toContain(`toolgate_ci_gate_checks_total{outcome="${outcome}"} 1`);
    expect(scraped.text).toMatch(/^toolgate_registry_index_refresh_seconds_count [1-9]/m);

    await openai.close();
    // New tools: their embeddings are not cached, so the check must call the (now gone) provider.
    const second = await ciCheck([toolDef('get_tide_tables', 'Tide times and heights for a harbour on a given date.', { harbour: { type: 'string' } }, ['harbour'])]);
    expect(second.status).toBe(503);
    scraped = await scrape();
    expect(breaker(scraped.text)).toBe('1');
    // /readiness tells the same story.
    const readiness = (await (await fetch(`${stack.baseUrl}/readiness`)).json()) as { checks: { providers: { status: string } } };
    expect(readiness.checks.providers.status).toBe('degraded');
  });
});

describe("the worker's GET /metrics (real worker process, WORKER_METRICS_PORT)", () => {
  let stack: Stack;
  let openai: FakeServer;
  let url: string;

  beforeAll(async () => {
    openai = await startFakeOpenAI({ apiKey: KEY });
    const port = await freePort();
    url = `http://127.0.0.1:${port}/metrics`;
    // The deployment's router is remote here, so the worker's default provider set has a router breaker.
    stack = await startStack({ workerEnv: { WORKER_METRICS_PORT: String(port), METRICS_TOKEN, ROUTER: 'openai', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${openai.url}/v1` } });
    await waitFor('the worker metrics listener', async () => ((await fetch(url).catch(() => undefined)) ? true : undefined));
  });
  afterAll(async () => {
    await stack?.stop();
    await openai?.close();
  });

  it("serves the worker's provider breakers and process metrics, behind the same METRICS_TOKEN", async () => {
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'METRICS.UNAUTHENTICATED' });
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-000000' } })).status).toBe(401);

    const ok = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
    const text = await ok.text();
    expect(text).toContain('toolgate_provider_breaker_state{provider_set="default",dependency="router"} 0');
    expect(text).toMatch(/^toolgate_process_resident_memory_bytes \d+/m);
    expect(text).not.toContain(KEY);
    expect((await fetch(url.replace('/metrics', '/other'))).status).toBe(404);
  });

  it('closes the listener on SIGTERM, even with a scraper holding a keep-alive connection, and exits 0', async () => {
    // Keep-alive: the connection stays open after the answer.
    expect((await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}`, connection: 'keep-alive' } })).status).toBe(200);
    expect(await stack.worker!.stop('SIGTERM', 10_000)).toEqual({ code: 0, signal: null });
    await expect(fetch(url)).rejects.toThrow();
  });
});
