import { makeTool, simulateRouting, type Tool } from '@toolgate/pipeline';
import { loadProviderConfig } from '@toolgate/config';
import { startFakeOpenAI, type FakeServer, type FakeStructuredCall, type FakeStructuredReply } from '@toolgate/testing';
import { analyzeWithProviders } from './analyze-with-providers';
import { createProviders, type Providers } from './create-providers';

const KEY = 'sk-llm-features-0123456789';
const tool = (server: string, name: string, description: string, properties: Record<string, unknown>): Tool =>
  makeTool(server, { name, description, inputSchema: { type: 'object', properties } });
const GITHUB = tool('github', 'create_issue', 'Create a new issue in a GitHub repository.', { repo: { type: 'string' }, title: { type: 'string' } });
const GITLAB = tool('gitlab', 'open_issue', 'Create a new issue in a GitLab repository project.', { project: { type: 'string' }, title: { type: 'string' } });
const REGISTRY: Tool[] = [
  GITHUB,
  GITLAB,
  tool('weather', 'get_forecast', 'Get the weather forecast for a city for the next days.', { city: { type: 'string' } }),
  tool('mail', 'send_email', 'Send an email message to one or more recipients.', { to: { type: 'string' }, body: { type: 'string' } }),
];
/** A rewrite sharing no words with the GitLab tool: with the fake's word-overlap router it stops the confusion. */
const GOOD = 'Files a ticket on github.com for the repo owner, with labels and assignees.';
/** The other tool's own text: no fix at all; verification must drop it. */
const BAD = 'Create a new issue in a GitLab repository project.';

/** The fake model's structured answers: probes naming each tool's words, and two patches for whichever tool is asked about. */
function model(call: FakeStructuredCall): FakeStructuredReply {
  if (call.name === 'submit_probes') {
    return { json: { probes_for_a: ['Create a new issue in a GitHub repository', 'New GitHub repository issue please', 'Open a GitHub issue'], probes_for_b: ['Create a new issue in a GitLab project', 'New GitLab project issue please', 'Open a GitLab issue'] } };
  }
  return {
    json: {
      patches: [
        { kind: 'description', name: null, description: patched(call) === 'create_issue' ? GOOD : BAD, rationale: 'Say what only this tool does.' },
        { kind: 'description', name: null, description: BAD, rationale: 'A rewrite that changes nothing.' },
      ],
    },
  };
}

const patched = (call: FakeStructuredCall): string => (JSON.parse(call.user) as { tool_to_patch: { name: string } }).tool_to_patch.name;

describe('analyzeWithProviders with LLM probes and LLM recommendations (fake OpenAI)', () => {
  let fake: FakeServer;
  let providers: Providers;
  const chat = () => fake.requests.filter((r) => r.path === '/v1/chat/completions');
  const structuredCalls = (name: string) => chat().filter((r) => (r.body as { response_format?: { json_schema?: { name?: string } } }).response_format?.json_schema?.name === name).length;
  const build = (extra: Record<string, string> = {}) =>
    createProviders(loadProviderConfig({ ROUTER: 'openai', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${fake.url}/v1`, PROVIDER_MAX_RETRIES: '0', PROBE_GENERATOR: 'llm', ...extra }));
  beforeEach(async () => {
    fake = await startFakeOpenAI({ apiKey: KEY, structured: model });
  });
  afterEach(async () => {
    providers?.close();
    await fake.close();
  });

  it('routes the pair with the model-written probes and keeps only the LLM patch that verifiably lowers the score', async () => {
    providers = build({ LLM_RECOMMENDATIONS: 'true' });
    const report = await analyzeWithProviders({ registry: REGISTRY }, providers, { trials: 1, probesPerTool: 3, recommendFrom: 'LOW' });
    expect(fake.violations).toEqual([]);
    const conflict = report.conflicts.find((c) => c.key === 'github/create_issue|gitlab/open_issue');
    const routing = conflict?.findings.find((f) => f.stage === 'routing');
    expect(routing?.evidence).toMatchObject({ probeSource: 'openai:gpt-4o-mini', probes: 6 });
    expect(routing?.evidence).not.toHaveProperty('probeFallback');
    expect(structuredCalls('submit_probes')).toBe(1);
    expect(structuredCalls('submit_patches')).toBe(2); // one per side of the conflict

    const llm = conflict?.recommendations.filter((r) => r.source === 'llm') ?? [];
    expect(llm).toHaveLength(1);
    expect(llm[0]).toMatchObject({ kind: 'description', target: { server: 'github', tool: 'create_issue' }, patch: { after: { description: GOOD } } });
    expect(llm[0].verification.scoreAfter).toBeLessThan(llm[0].verification.scoreBefore);
    // The useless patch was verified and dropped, never presented as a fix.
    expect(conflict?.recommendations.some((r) => r.patch.after.description === BAD)).toBe(false);
    expect(providers.recommender?.failures).toEqual([]);
  });

  it('a second analysis of the unchanged registry makes no router or probe call (answers and probes are cached)', async () => {
    providers = build();
    await analyzeWithProviders({ registry: REGISTRY }, providers, { trials: 2, probesPerTool: 3, recommendFrom: 'NONE' });
    const first = chat().length;
    expect(first).toBeGreaterThan(1);
    const meterCalls = providers.meter.total().calls;
    const again = await analyzeWithProviders({ registry: REGISTRY }, providers, { trials: 2, probesPerTool: 3, recommendFrom: 'NONE' });
    expect(chat()).toHaveLength(first);
    expect(providers.meter.total().calls).toBe(meterCalls);
    expect(again.conflicts.find((c) => c.key === 'github/create_issue|gitlab/open_issue')?.findings.some((f) => f.stage === 'routing')).toBe(true);
  });

  it('never has more than PROVIDER_MAX_CONCURRENCY requests in flight, whatever the routing concurrency', async () => {
    providers = build({ PROVIDER_MAX_CONCURRENCY: '2', PROBE_GENERATOR: 'local' });
    fake.failAlways({ kind: 'delay', ms: 40 });
    await simulateRouting([{ a: GITHUB, b: GITLAB }], { router: providers.router, trials: 2, probesPerTool: 4, concurrency: 8, context: () => [] });
    expect(chat()).toHaveLength(16);
    expect(fake.maxInFlight).toBe(2);
    expect(providers.limit.inFlight()).toBe(0);
  });
});
