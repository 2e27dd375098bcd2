import { startFakeOpenAI, type FakeChatRequest, type FakeReply, type FakeServer } from '@toolgate/testing';
import { UsageMeter } from '../usage/usage-meter';
import { OpenAIRouter } from './openai.router';
import { CANDIDATES } from './router.fixtures';

const KEY = 'sk-test-router-abcdefghij';

describe('OpenAIRouter against a fake chat completions server', () => {
  let fake: FakeServer;
  let reply: ((r: FakeChatRequest) => FakeReply) | undefined;
  let router: OpenAIRouter;
  const meter = new UsageMeter();
  beforeEach(async () => {
    reply = undefined;
    fake = await startFakeOpenAI({ apiKey: KEY, chooser: (r) => (reply ? reply(r) : { content: 'unset' }) });
    router = new OpenAIRouter({ apiKey: KEY, baseURL: `${fake.url}/v1`, model: 'gpt-4o-mini', temperature: 0.3, maxRetries: 0, meter });
  });
  afterEach(async () => {
    router.breaker.shutdown();
    await fake.close();
  });

  it('sends the candidates as real function tools and maps the tool call back to the candidate', async () => {
    reply = () => ({ tool: 'create_event', arguments: '{"title":"1:1","start":"10:00"}' });
    const decision = await router.route('schedule a meeting with Bob', CANDIDATES, { temperature: 0.9 });
    expect(fake.violations).toEqual([]);
    expect(decision).toEqual({ choice: 'calendar/create_event', ranking: [{ id: 'calendar/create_event', score: 1 }] });
    const body = fake.requests[0].body as FakeChatRequest;
    expect(body).toMatchObject({ model: 'gpt-4o-mini', tool_choice: 'auto', temperature: 0.9 });
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: 'schedule a meeting with Bob' });
    expect(body.tools?.[0]).toEqual({ type: 'function', function: { name: 'create_event', description: CANDIDATES[0].description, parameters: CANDIDATES[0].inputSchema } });
    // Unsafe and duplicate names get safe, unique aliases; a missing schema becomes an empty object schema.
    expect(body.tools?.map((t) => t.function.name)).toEqual(['create_event', 'get_forecast', 'files_read', 'files_read_2']);
    expect(body.tools?.[2].function.parameters).toEqual({ type: 'object', properties: {} });
    expect(meter.total().calls).toBeGreaterThan(0);
  });

  it('uses the configured temperature when the caller gives none, and maps an alias back', async () => {
    reply = () => ({ tool: 'files_read_2' });
    expect((await router.route('open my drive document', CANDIDATES)).choice).toBe('drive/files.read');
    expect((fake.requests[0].body as FakeChatRequest).temperature).toBe(0.3);
  });

  it('records "none" when the model calls no tool', async () => {
    reply = () => ({ content: 'None of these tools can order pizza.' });
    const decision = await router.route('order a pizza', CANDIDATES);
    expect(decision.choice).toBeNull();
    expect(decision.reason).toMatch(/no tool called: None of these tools can order pizza/);
  });

  it('treats an unknown tool name as "none" with the reason', async () => {
    reply = () => ({ tool: 'delete_everything' });
    const decision = await router.route('schedule a meeting', CANDIDATES);
    expect(decision).toEqual({ choice: null, ranking: [], reason: 'model called an unknown tool "delete_everything"' });
  });

  it('keeps the choice but flags invalid JSON arguments', async () => {
    reply = () => ({ tool: 'get_forecast', arguments: '{"city": "Paris"' });
    const decision = await router.route('weather in Paris', CANDIDATES);
    expect(decision.choice).toBe('weather/get_forecast');
    expect(decision.reason).toMatch(/arguments were malformed: invalid JSON/);
  });

  it('never puts the API key in a 401 error', async () => {
    const wrongKey = 'sk-wrong-key-should-never-leak-42';
    const bad = new OpenAIRouter({ apiKey: wrongKey, baseURL: `${fake.url}/v1`, model: 'gpt-4o-mini', maxRetries: 0 });
    const error = await bad.route('anything', CANDIDATES).then(
      () => { throw new Error('expected a failure'); },
      (e: unknown) => e as Error,
    );
    bad.breaker.shutdown();
    expect(error).toMatchObject({ code: 'PROVIDER.AUTH', status: 401 });
    expect(error.message).toMatch(/Incorrect API key provided: \*\*\*/);
    expect(error.message).not.toContain(wrongKey);
    expect(error.stack).not.toContain(wrongKey);
  });
});
