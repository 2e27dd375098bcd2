import { startFakeOpenAI, type FakeServer } from '@toolgate/testing';
import { OpenAIRouter } from '../routers/openai.router';
import { CANDIDATES } from '../routers/router.fixtures';

const KEY = 'sk-test-breaker-0123456789';

describe('circuit breaker per dependency', () => {
  let fake: FakeServer;
  let router: OpenAIRouter;
  beforeEach(async () => {
    fake = await startFakeOpenAI({ apiKey: KEY });
    router = new OpenAIRouter({ apiKey: KEY, baseURL: `${fake.url}/v1`, model: 'gpt-4o-mini', maxRetries: 0, breaker: { failureThreshold: 2, resetTimeoutMs: 300 } });
  });
  afterEach(async () => {
    router.breaker.shutdown();
    await fake.close();
  });

  it('opens after N failures, fails fast while open, lets a trial through half-open, and closes on success', async () => {
    fake.failAlways({ kind: 'status', status: 500 });
    expect(router.breakerState()).toBe('closed');
    await expect(router.route('weather in Paris', CANDIDATES)).rejects.toMatchObject({ code: 'PROVIDER.UNAVAILABLE' });
    expect(router.breakerState()).toBe('closed');
    await expect(router.route('weather in Paris', CANDIDATES)).rejects.toMatchObject({ code: 'PROVIDER.UNAVAILABLE' });
    expect(router.breakerState()).toBe('open');

    // Open: no request reaches the service.
    await expect(router.route('weather in Paris', CANDIDATES)).rejects.toMatchObject({ code: 'PROVIDER.CIRCUIT_OPEN' });
    expect(fake.requests).toHaveLength(2);

    fake.heal();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(router.breakerState()).toBe('half-open');
    const decision = await router.route('weather forecast for Paris', CANDIDATES);
    expect(decision.choice).toBe('weather/get_forecast');
    expect(router.breakerState()).toBe('closed');
    expect(fake.requests).toHaveLength(3);
  });

  it('a failed half-open trial opens the circuit again', async () => {
    fake.failAlways({ kind: 'status', status: 502 });
    for (let i = 0; i < 2; i++) await router.route('x', CANDIDATES).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(router.breakerState()).toBe('half-open');
    await expect(router.route('x', CANDIDATES)).rejects.toMatchObject({ code: 'PROVIDER.UNAVAILABLE' });
    expect(router.breakerState()).toBe('open');
  });

  it('does not count our own bad requests (400) as the dependency failing', async () => {
    fake.failAlways({ kind: 'status', status: 400 });
    for (let i = 0; i < 4; i++) await router.route('x', CANDIDATES).catch(() => undefined);
    expect(router.breakerState()).toBe('closed');
  });
});
