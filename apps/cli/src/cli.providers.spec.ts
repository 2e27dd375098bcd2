import { startFakeAnthropic, startFakeOpenAI, type FakeServer } from '@toolgate/testing';
import { runCli } from './__fixtures__/memory-io';

const OPENAI_KEY = 'sk-cli-openai-0123456789';
const ANTHROPIC_KEY = 'sk-ant-cli-0123456789';

interface JsonReport {
  summary: { stages: { stage: string; items: number; skipped?: string }[] };
  conflicts: unknown[];
}

describe('toolgate check/route with --embedder and --router against fake providers', () => {
  let openai: FakeServer;
  let anthropic: FakeServer;
  let env: Record<string, string>;
  const paths = (fake: FakeServer) => fake.requests.map((r) => r.path);
  beforeEach(async () => {
    openai = await startFakeOpenAI({ apiKey: OPENAI_KEY });
    anthropic = await startFakeAnthropic({ apiKey: ANTHROPIC_KEY });
    env = { OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: `${openai.url}/v1`, ANTHROPIC_API_KEY: ANTHROPIC_KEY, ANTHROPIC_BASE_URL: anthropic.url, EMBEDDING_DIMENSIONS: '128', PROVIDER_MAX_RETRIES: '0' };
  });
  afterEach(async () => {
    await openai.close();
    await anthropic.close();
  });

  it('check --embedder openai --router openai embeds and routes through the OpenAI API, and reports usage', async () => {
    const result = await runCli(['check', 'registry', '--candidate', 'candidates/gitlab.json', '--format', 'json', '--embedder', 'openai', '--router', 'openai'], env);
    expect(result.code).toBe(1);
    expect(openai.violations).toEqual([]);
    expect(paths(openai)).toContain('/v1/embeddings');
    expect(paths(openai)).toContain('/v1/chat/completions');
    const report = JSON.parse(result.stdout) as JsonReport;
    // The clone pair is CRITICAL already (no pair simulation), but the candidate's routing shift asked the model.
    expect(report.summary.stages.find((s) => s.stage === 'routing')?.skipped ?? '').not.toMatch(/router/);
    expect(result.stderr).toMatch(/model usage: \d+ calls, \d+ tokens, ~\$\d+\.\d{4} \(openai:text-embedding-3-small:128, openai:gpt-4o-mini\)/);
  });

  it('check says routing was SKIPPED (never passed) when the router is down', async () => {
    openai.failAlways({ kind: 'status', status: 503 }, '/v1/chat/completions');
    const result = await runCli(['check', 'registry', '--candidate', 'candidates/gitlab.json', '--format', 'json', '--router', 'openai'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/warning: routing simulation SKIPPED: router unavailable: openai:gpt-4o-mini: failed \(503\)/);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.summary.stages.find((s) => s.stage === 'routing')?.skipped).toMatch(/router unavailable/);
  });

  it('route --router anthropic asks the Messages API with the tools', async () => {
    const result = await runCli(['route', '--query', 'will it rain in Paris this week?', 'registry', '--format', 'json', '--router', 'anthropic'], env);
    expect(result.code).toBe(0);
    expect(anthropic.violations).toEqual([]);
    expect(paths(anthropic)).toEqual(['/v1/messages']);
    expect(JSON.parse(result.stdout).choice).toEqual({ server: 'weather', tool: 'get_forecast' });
  });

  it('a missing key is a usage error naming the variable; a rejected key never reaches the output', async () => {
    const missing = await runCli(['route', '--query', 'x', 'registry', '--router', 'openai'], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/OPENAI_API_KEY is required when ROUTER=openai/);

    const wrong = 'sk-cli-wrong-key-never-printed';
    const rejected = await runCli(['route', '--query', 'x', 'registry', '--router', 'openai'], { ...env, OPENAI_API_KEY: wrong });
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(/routing skipped: openai:gpt-4o-mini: authentication failed \(401\)/);
    expect(rejected.stderr + rejected.stdout).not.toContain(wrong);
  });

  it('check --probes llm --llm-recommendations asks the router model for structured probes and fixes, and reports its usage', async () => {
    const result = await runCli(['check', 'registry', '--candidate', 'candidates/gitlab.json', '--format', 'json', '--router', 'anthropic', '--probes', 'llm', '--llm-recommendations'], env);
    expect(result.code).toBe(1);
    expect(anthropic.violations).toEqual([]);
    const forced = anthropic.requests.map((r) => (r.body as { tool_choice?: { type: string; name?: string } }).tool_choice).filter((c) => c?.type === 'tool');
    expect(forced.map((c) => c?.name)).toContain('submit_probes');
    // The fake's default answer has three probes per side, fewer than the six asked for: local probes, said on stderr.
    expect(result.stderr).toMatch(/warning: LLM probes not used: anthropic:claude-3-5-haiku-latest: malformed output \(probes_for_a: needs at least 6 distinct requests/);
    expect(result.stderr).toMatch(/model usage: \d+ calls, .*claude-3-5-haiku-latest \d+ calls/);
  });

  it('--probes llm or --llm-recommendations without a model router is a usage error, not a silent local run', async () => {
    const probes = await runCli(['check', 'registry', '--probes', 'llm'], env);
    expect(probes.code).toBe(2);
    expect(probes.stderr).toMatch(/--probes llm \(PROBE_GENERATOR=llm\) needs a model router: --router openai\|anthropic/);
    const recommendations = await runCli(['check', 'registry', '--llm-recommendations'], env);
    expect(recommendations.code).toBe(2);
    expect(recommendations.stderr).toMatch(/--llm-recommendations .* needs a model router/);
    expect(openai.requests).toEqual([]);
  });

  it('rejects an unknown provider kind', async () => {
    const result = await runCli(['check', 'registry', '--embedder', 'cohere'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--embedder.*cohere/);
  });
});
