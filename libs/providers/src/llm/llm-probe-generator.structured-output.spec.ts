import { makeTool, type Tool } from '@toolgate/pipeline';
import { startFakeAnthropic, startFakeOpenAI, type FakeServer, type FakeStructuredCall, type FakeStructuredReply } from '@toolgate/testing';
import { MemoryProbeCache } from '../cache/probe-cache';
import { AnthropicRouter } from '../routers/anthropic.router';
import { OpenAIRouter } from '../routers/openai.router';
import { LlmProbeGenerator } from './llm-probe-generator';

const OPENAI_KEY = 'sk-probes-openai-0123456789';
const ANTHROPIC_KEY = 'sk-ant-probes-0123456789';
const A: Tool = makeTool('github', { name: 'create_issue', description: 'Create a new issue in a GitHub repository.', inputSchema: { type: 'object', properties: { repo: { type: 'string' } } } });
const B: Tool = makeTool('gitlab', { name: 'open_issue', description: 'Create a new issue in a GitLab project.', inputSchema: { type: 'object', properties: { project: { type: 'string' } } } });

/** A fake model that writes `n` requests per side, naming the tool's platform so they are tellable apart. */
const goodProbes =
  (n: number) =>
  (call: FakeStructuredCall): FakeStructuredReply => {
    const side = (platform: string) => Array.from({ length: n }, (_, i) => `File bug number ${i + 1} in my ${platform} repo`);
    expect(call.user).toContain('create_issue');
    return { json: { probes_for_a: side('GitHub'), probes_for_b: side('GitLab') } };
  };

describe('LlmProbeGenerator: probes by structured output, validated, cached, falling back honestly', () => {
  let openai: FakeServer;
  let anthropic: FakeServer;
  let structured: (call: FakeStructuredCall) => FakeStructuredReply;
  let routers: { shutdown(): void }[];
  const openaiGenerator = (cache = new MemoryProbeCache()) => {
    const router = new OpenAIRouter({ apiKey: OPENAI_KEY, baseURL: `${openai.url}/v1`, model: 'gpt-4o-mini', maxRetries: 0 });
    routers.push(router.breaker);
    return new LlmProbeGenerator(router.structured, cache);
  };
  beforeEach(async () => {
    routers = [];
    structured = goodProbes(3);
    openai = await startFakeOpenAI({ apiKey: OPENAI_KEY, structured: (c) => structured(c) });
    anthropic = await startFakeAnthropic({ apiKey: ANTHROPIC_KEY, structured: (c) => structured(c) });
  });
  afterEach(async () => {
    for (const r of routers) r.shutdown();
    await openai.close();
    await anthropic.close();
  });

  it('OpenAI: asks chat completions with a strict json_schema response_format and returns N probes per side', async () => {
    const probes = await openaiGenerator().probesFor({ a: A, b: B }, 3);
    expect(openai.violations).toEqual([]);
    expect(probes).toEqual({ a: ['File bug number 1 in my GitHub repo', 'File bug number 2 in my GitHub repo', 'File bug number 3 in my GitHub repo'], b: expect.any(Array), source: 'openai:gpt-4o-mini' });
    expect(probes.b[0]).toContain('GitLab');
    const body = openai.requests[0].body as { response_format: { type: string; json_schema: { name: string; strict: boolean } }; tools?: unknown; temperature: number };
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'submit_probes', strict: true } });
    expect(body.tools).toBeUndefined();
    expect(body.temperature).toBe(0);
  });

  it('Anthropic: forces the submit_probes tool and reads its input', async () => {
    const router = new AnthropicRouter({ apiKey: ANTHROPIC_KEY, baseURL: anthropic.url, model: 'claude-3-5-haiku-latest', maxRetries: 0 });
    routers.push(router.breaker);
    const probes = await new LlmProbeGenerator(router.structured).probesFor({ a: A, b: B }, 2);
    expect(anthropic.violations).toEqual([]);
    expect(probes).toMatchObject({ source: 'anthropic:claude-3-5-haiku-latest', a: ['File bug number 1 in my GitHub repo', 'File bug number 2 in my GitHub repo'] });
    expect(probes.fallback).toBeUndefined();
    const body = anthropic.requests[0].body as { tool_choice: unknown; tools: { name: string }[] };
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'submit_probes' });
    expect(body.tools.map((t) => t.name)).toEqual(['submit_probes']);
  });

  it('the same pair is asked once: later calls (another generator on the same store) come from the cache', async () => {
    const cache = new MemoryProbeCache();
    const first = await openaiGenerator(cache).probesFor({ a: A, b: B }, 3);
    structured = () => ({ json: { probes_for_a: ['changed', 'answer', 'now'], probes_for_b: ['x y z', 'y z w', 'z w v'] } });
    const again = await openaiGenerator(cache).probesFor({ a: A, b: B }, 3);
    expect(again).toEqual(first);
    expect(openai.requests).toHaveLength(1);
    // The same pair the other way round: the same answer, sides swapped.
    const reversed = await openaiGenerator(cache).probesFor({ a: B, b: A }, 3);
    expect(reversed).toEqual({ a: first.b, b: first.a, source: first.source });
    expect(openai.requests).toHaveLength(1);
    // A changed description is another pair: asked again.
    const changed = makeTool('gitlab', { ...B.definition, description: 'Open an issue in a GitLab project (self-hosted).' });
    await openaiGenerator(cache).probesFor({ a: A, b: changed }, 3);
    expect(openai.requests).toHaveLength(2);
  });

  it('malformed output is asked again once, and the second answer is used', async () => {
    let calls = 0;
    structured = (c) => (++calls === 1 ? { raw: '{"probes_for_a": ["unterminated' } : goodProbes(3)(c));
    const probes = await openaiGenerator().probesFor({ a: A, b: B }, 3);
    expect(openai.requests).toHaveLength(2);
    expect(probes.source).toBe('openai:gpt-4o-mini');
    expect(probes.fallback).toBeUndefined();
  });

  it('malformed twice (invalid JSON, then too few probes): local probes, with the reason, and nothing cached', async () => {
    let calls = 0;
    structured = (c) => (++calls === 1 ? { raw: 'Sure! Here are some probes:' } : goodProbes(1)(c));
    const cache = new MemoryProbeCache();
    const probes = await openaiGenerator(cache).probesFor({ a: A, b: B }, 3);
    expect(openai.requests).toHaveLength(2);
    expect(probes.source).toBe('local');
    expect(probes.fallback).toMatch(/^openai:gpt-4o-mini: malformed output \(probes_for_a: needs at least 3 distinct requests.*\), 2 attempts; local probes used$/);
    expect(probes.a.length).toBeGreaterThan(0);
    // Not cached: the next run asks the model again.
    await openaiGenerator(cache).probesFor({ a: A, b: B }, 3);
    expect(openai.requests).toHaveLength(4);
  });

  it('Anthropic input that is not an object counts as malformed', async () => {
    structured = () => ({ raw: 'not json' });
    const router = new AnthropicRouter({ apiKey: ANTHROPIC_KEY, baseURL: anthropic.url, model: 'claude-3-5-haiku-latest', maxRetries: 0 });
    routers.push(router.breaker);
    const probes = await new LlmProbeGenerator(router.structured).probesFor({ a: A, b: B }, 2);
    expect(anthropic.requests).toHaveLength(2);
    expect(probes).toMatchObject({ source: 'local', fallback: expect.stringMatching(/malformed output \(structured output is not JSON/) });
  });

  it('the fake rejects what the real API rejects: a strict schema with an optional or open object is a 400', async () => {
    const router = new OpenAIRouter({ apiKey: OPENAI_KEY, baseURL: `${openai.url}/v1`, model: 'gpt-4o-mini', maxRetries: 0 });
    routers.push(router.breaker);
    const open = { type: 'object', properties: { probes: { type: 'array', items: { type: 'string' } }, note: { type: 'string' } }, required: ['probes'] };
    await expect(router.structured.complete({ name: 'submit_probes', description: 'x', system: 's', user: 'u', schema: open })).rejects.toMatchObject({ code: 'PROVIDER.BAD_REQUEST' });
    expect(openai.violations.join()).toMatch(/additionalProperties must be false.*note: every property must be required/);
  });

  it('a provider failure falls back at once (the SDK already retried), with the error code in the reason', async () => {
    openai.failAlways({ kind: 'status', status: 500 });
    const probes = await openaiGenerator().probesFor({ a: A, b: B }, 3);
    expect(openai.requests).toHaveLength(1);
    expect(probes.fallback).toMatch(/provider failed \(PROVIDER.UNAVAILABLE: failed \(500\)/);
  });
});
