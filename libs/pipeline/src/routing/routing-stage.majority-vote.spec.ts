import { makeTool, pairKey, type RouteDecision, type RouteOptions, type Router, type RouterCandidate } from '../model';
import { simulateRouting } from './routing-stage';
import { majorityVote } from './vote';

/** A scripted router: trial i returns choices[i], whatever the query (like a sampled LLM). */
class ScriptedRouter implements Router {
  readonly model = 'scripted';
  calls = 0;
  inFlight = 0;
  maxInFlight = 0;
  constructor(private readonly choices: (string | null)[]) {}
  async route(_query: string, _candidates: readonly RouterCandidate[], options?: RouteOptions): Promise<RouteDecision> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    this.inFlight--;
    this.calls++;
    const choice = this.choices[(options?.trial ?? 0) % this.choices.length];
    return { choice, ranking: [] };
  }
}

const candidates: RouterCandidate[] = [
  { id: 'a', name: 'a', description: '' },
  { id: 'b', name: 'b', description: '' },
];
const tool = (name: string) => makeTool('s', { name, description: `Does ${name} things`, inputSchema: { type: 'object' } });

describe('majority vote over trials', () => {
  it('takes the majority choice', async () => {
    expect(await majorityVote(new ScriptedRouter(['b', 'a', 'b']), 'q', candidates, 3)).toEqual({ kind: 'choice', id: 'b' });
  });

  it('reports none as a verdict of its own', async () => {
    expect(await majorityVote(new ScriptedRouter([null, null, 'a']), 'q', candidates, 3)).toEqual({ kind: 'none' });
  });

  it('reports a tie as a tie, naming every tied choice', async () => {
    expect(await majorityVote(new ScriptedRouter(['a', 'b']), 'q', candidates, 2)).toEqual({ kind: 'tie', ids: ['a', 'b'] });
  });

  it('counts an A/B tie as half a confusion in the pair finding, and lists it as astray', async () => {
    const a = tool('alpha');
    const b = tool('beta');
    // Every probe's two trials split between a and b: all ties.
    const router = new ScriptedRouter([a.key, b.key]);
    const findings = await simulateRouting([{ a, b }], { router, trials: 2, probesPerTool: 2, context: () => [] });
    const finding = findings.get(pairKey(a.key, b.key));
    expect(finding?.score).toBe(0.5);
    expect(finding?.evidence).toMatchObject({ ties: 4, aToB: 0, bToA: 0, probes: 4 });
    expect((finding?.evidence['astray'] as { routedTo: string }[])[0].routedTo).toBe(`tie: ${a.key} / ${b.key}`);
  });

  it('keeps at most `concurrency` router calls in flight', async () => {
    const router = new ScriptedRouter([null]);
    const pairs = [{ a: tool('a1'), b: tool('b1') }, { a: tool('a2'), b: tool('b2') }];
    await simulateRouting(pairs, { router, trials: 1, probesPerTool: 3, concurrency: 2, context: () => [] });
    expect(router.calls).toBe(12);
    expect(router.maxInFlight).toBe(2);
  });

  it('asks a probe generator once per pair and records who wrote the probes', async () => {
    const router = new ScriptedRouter([null]);
    const probesFor = jest.fn(async () => ({ a: ['p1', 'p2', 'p3'], b: ['q1', 'q2', 'q3'], source: 'llm:test' }));
    const findings = await simulateRouting([{ a: tool('x'), b: tool('y') }], { router, trials: 1, probesPerTool: 2, probeGenerator: { model: 'llm:test', probesFor }, context: () => [] });
    expect(probesFor).toHaveBeenCalledTimes(1);
    const evidence = [...findings.values()][0].evidence;
    expect(evidence['probes']).toBe(4);
    expect(evidence['probeSource']).toBe('llm:test');
    expect(evidence).not.toHaveProperty('probeFallback');
  });

  it('records a fallback to local probes with its reason', async () => {
    const router = new ScriptedRouter([null]);
    const probeGenerator = { model: 'llm:test', probesFor: async () => ({ a: ['p1'], b: ['q1'], source: 'local', fallback: 'llm:test: output invalid twice' }) };
    const findings = await simulateRouting([{ a: tool('x'), b: tool('y') }], { router, trials: 1, probesPerTool: 2, probeGenerator, context: () => [] });
    expect([...findings.values()][0].evidence).toMatchObject({ probeSource: 'local', probeFallback: 'llm:test: output invalid twice' });
  });
});

describe('majority vote with a deterministic router', () => {
  it('calls it once per probe and counts that decision for every trial', async () => {
    const router = Object.assign(new ScriptedRouter(['b']), { deterministic: true });
    expect(await majorityVote(router, 'q', candidates, 5)).toEqual({ kind: 'choice', id: 'b' });
    expect(router.calls).toBe(1);
  });
});
