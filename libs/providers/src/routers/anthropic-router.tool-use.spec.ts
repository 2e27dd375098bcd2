import { startFakeAnthropic, type FakeMessagesRequest, type FakeReply, type FakeServer } from '@toolgate/testing';
import { AnthropicRouter } from './anthropic.router';
import { CANDIDATES } from './router.fixtures';

const KEY = 'sk-ant-test-0123456789abcdef';

describe('AnthropicRouter against a fake Messages API', () => {
  let fake: FakeServer;
  let reply: ((r: FakeMessagesRequest) => FakeReply) | undefined;
  let router: AnthropicRouter;
  beforeEach(async () => {
    reply = undefined;
    fake = await startFakeAnthropic({ apiKey: KEY, chooser: (r) => (reply ? reply(r) : { content: 'unset' }) });
    router = new AnthropicRouter({ apiKey: KEY, baseURL: fake.url, model: 'claude-3-5-haiku-latest', maxRetries: 0 });
  });
  afterEach(async () => {
    router.breaker.shutdown();
    await fake.close();
  });

  it('sends tools with input_schema, the key and anthropic-version, and reads the tool_use block', async () => {
    reply = () => ({ content: 'I will check the forecast.', tool: 'get_forecast', arguments: '{"city":"Paris"}' });
    const decision = await router.route('will it rain in Paris?', CANDIDATES);
    expect(fake.violations).toEqual([]);
    expect(decision.choice).toBe('weather/get_forecast');
    const request = fake.requests[0];
    expect(request.path).toBe('/v1/messages');
    // The SDK 1.x sends the key as a bearer token; older ones used x-api-key. Either way, exactly once.
    expect([request.headers['x-api-key'], request.headers.authorization]).toContain(request.headers['x-api-key'] ? KEY : `Bearer ${KEY}`);
    expect(request.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const body = request.body as FakeMessagesRequest;
    expect(body).toMatchObject({ model: 'claude-3-5-haiku-latest', tool_choice: { type: 'auto' }, messages: [{ role: 'user', content: 'will it rain in Paris?' }] });
    expect(body.tools?.map((t) => t.name)).toEqual(['create_event', 'get_forecast', 'files_read', 'files_read_2']);
    expect(body.tools?.[0].input_schema).toEqual(CANDIDATES[0].inputSchema);
    expect(router.meter.byModel()[0]).toMatchObject({ model: 'claude-3-5-haiku-latest', calls: 1, outputTokens: 20, priced: true });
  });

  it('records "none" without a tool_use block, and for an unknown tool', async () => {
    reply = () => ({ content: 'No tool fits.' });
    expect(await router.route('order a pizza', CANDIDATES)).toMatchObject({ choice: null, reason: 'no tool called: No tool fits.' });
    reply = () => ({ tool: 'made_up_tool' });
    expect(await router.route('order a pizza', CANDIDATES)).toMatchObject({ choice: null, reason: expect.stringMatching(/unknown tool "made_up_tool"/) });
  });

  it('waits for Retry-After on a 429 (SDK maxRetries), then routes', async () => {
    const patient = new AnthropicRouter({ apiKey: KEY, baseURL: fake.url, model: 'claude-3-5-haiku-latest', maxRetries: 1 });
    fake.fail({ kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } });
    reply = () => ({ tool: 'create_event' });
    const decision = await patient.route('book a meeting', CANDIDATES);
    patient.breaker.shutdown();
    expect(decision.choice).toBe('calendar/create_event');
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1].at - fake.requests[0].at).toBeGreaterThanOrEqual(950);
  });

  it('never puts the API key in a 401 error', async () => {
    const wrongKey = 'sk-ant-wrong-never-in-errors';
    const bad = new AnthropicRouter({ apiKey: wrongKey, baseURL: fake.url, model: 'claude-3-5-haiku-latest', maxRetries: 0 });
    const error = await bad.route('anything', CANDIDATES).then(
      () => { throw new Error('expected a failure'); },
      (e: unknown) => e as Error,
    );
    bad.breaker.shutdown();
    expect(error).toMatchObject({ code: 'PROVIDER.AUTH', status: 401 });
    expect(`${error.message}${error.stack}`).not.toContain(wrongKey);
  });
});
