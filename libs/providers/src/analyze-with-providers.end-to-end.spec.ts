import { analyze, makeTool, type Tool } from '@toolgate/pipeline';
import { startFakeOpenAI, type FakeServer } from '@toolgate/testing';
import { analyzeWithProviders } from './analyze-with-providers';
import { createProviders, type Providers } from './create-providers';
import { loadProviderConfig } from '@toolgate/config';

const KEY = 'sk-e2e-0123456789abcdef';
const tool = (server: string, name: string, description: string, properties: Record<string, unknown>): Tool =>
  makeTool(server, { name, description, inputSchema: { type: 'object', properties } });

const REGISTRY: Tool[] = [
  tool('github', 'create_issue', 'Create a new issue in a GitHub repository.', { repo: { type: 'string' }, title: { type: 'string' } }),
  tool('gitlab', 'open_issue', 'Create a new issue in a GitLab repository project.', { project: { type: 'string' }, title: { type: 'string' } }),
  tool('weather', 'get_forecast', 'Get the weather forecast for a city for the next days.', { city: { type: 'string' } }),
  tool('mail', 'send_email', 'Send an email message to one or more recipients.', { to: { type: 'string' }, body: { type: 'string' } }),
];

describe('analyze() end to end with the OpenAI embedder and router against the fake', () => {
  let fake: FakeServer;
  let providers: Providers;
  const count = (path: string) => fake.requests.filter((r) => r.path === path).length;
  beforeEach(async () => {
    fake = await startFakeOpenAI({ apiKey: KEY });
    const env = { EMBEDDER: 'openai', ROUTER: 'openai', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${fake.url}/v1`, EMBEDDING_DIMENSIONS: '256', PROVIDER_MAX_RETRIES: '0', BREAKER_FAILURE_THRESHOLD: '1' };
    providers = createProviders(loadProviderConfig(env));
  });
  afterEach(async () => {
    providers.close();
    await fake.close();
  });

  it('embeds the registry, routes the flagged pair through chat tool calls, and reports the conflict', async () => {
    const report = await analyze({ registry: REGISTRY }, { embedder: providers.embedder, router: providers.router, trials: 1, probesPerTool: 2 });
    expect(fake.violations).toEqual([]);
    expect(count('/v1/embeddings')).toBeGreaterThan(0);
    const routing = report.summary.stages.find((s) => s.stage === 'routing');
    expect(routing?.skipped).toBeUndefined();
    expect(routing?.items).toBeGreaterThan(0);
    expect(count('/v1/chat/completions')).toBeGreaterThan(0);
    const issues = report.conflicts.find((c) => [c.a.tool, c.b.tool].sort().join() === 'create_issue,open_issue');
    expect(issues).toBeDefined();
    expect(providers.meter.total().calls).toBe(fake.requests.length);
    expect(providers.meter.total().costUsd).toBeGreaterThan(0);
  });

  it('marks routing SKIPPED with the reason when the router fails, without re-embedding', async () => {
    await analyzeWithProviders({ registry: REGISTRY }, providers, { trials: 1, probesPerTool: 2 });
    const embeddingsPerRun = count('/v1/embeddings');

    fake.failAlways({ kind: 'status', status: 503 }, '/v1/chat/completions');
    // Trial 0's answers are cached from the first run; a second trial has to reach the router.
    const report = await analyzeWithProviders({ registry: REGISTRY }, providers, { trials: 2, probesPerTool: 2 });
    const routing = report.summary.stages.find((s) => s.stage === 'routing');
    expect(routing?.skipped).toMatch(/^router unavailable: openai:gpt-4o-mini: failed \(503\)/);
    expect(report.conflicts.length).toBeGreaterThan(0);
    // The restart without routing reused the run's vectors: no more embedding calls than a clean run.
    expect(count('/v1/embeddings')).toBe(2 * embeddingsPerRun);
    expect(providers.breakerState()).toEqual({ embedder: 'closed', router: 'open' });

    // With the circuit already open, the next run skips routing up front and calls no model for it.
    fake.heal();
    const chatBefore = count('/v1/chat/completions');
    const again = await analyzeWithProviders({ registry: REGISTRY }, providers, { trials: 1, probesPerTool: 2 });
    expect(again.summary.stages.find((s) => s.stage === 'routing')?.skipped).toMatch(/circuit open/);
    expect(count('/v1/chat/completions')).toBe(chatBefore);
  });
});
