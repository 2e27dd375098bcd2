import { type Finding, type PairProbes, pairKey, type ProbeGenerator, type Router, type RouterCandidate, type Severity, type Tool, type ToolRef, toolRef } from '../model';
import { mapLimit } from './concurrency';
import { LocalProbeGenerator } from './probe-generator';
import { DEFAULT_ROUTING_CONCURRENCY, ROUTING_THRESHOLDS, type RoutingThresholds } from './thresholds';
import { majorityVote, type Verdict } from './vote';

export interface RoutingOptions {
  router: Router;
  /** Extra neighbour tools shown to the router alongside a and b (what an agent would also see). */
  context?: (a: Tool, b: Tool) => Tool[];
  /** Router calls per probe; the majority decides (ties are reported as ties). */
  trials: number;
  probesPerTool: number;
  /** Probe source; defaults to the deterministic templates of generateProbes (LocalProbeGenerator). */
  probeGenerator?: ProbeGenerator;
  /** Probes routed at once (each runs its trials in sequence). */
  concurrency?: number;
  thresholds?: RoutingThresholds;
}

/** Evidence lists at most this many stray probes per pair. */
const MAX_ASTRAY = 10;

/**
 * Stage 4: for each pair, probes written for A and for B are routed among a, b and their context;
 * the finding's score is the share of probes that went to the other tool of the pair. Every pair
 * gets a finding (INFO when below the LOW threshold), so callers can also read "checked, clean".
 */
export async function simulateRouting(pairs: readonly { a: Tool; b: Tool }[], options: RoutingOptions): Promise<Map<string, Finding>> {
  const session = new RoutingSession(options);
  const jobs = pairs.flatMap(({ a, b }) => [
    { pair: { a, b }, from: a, to: b },
    { pair: { a, b }, from: b, to: a },
  ]);
  const limit = options.concurrency ?? DEFAULT_ROUTING_CONCURRENCY;
  const probeLists = await mapLimit(jobs, limit, (job) => session.probesFor(job.from, job.to));
  // One flat queue of (direction, probe) tasks, so the concurrency limit holds across pairs.
  const tasks = jobs.flatMap((job, j) => probeLists[j].map((probe) => ({ job, j, probe })));
  // Context is asked for once per pair (it may be an index query), not once per probe.
  const candidateLists = pairs.map(({ a, b }) => session.candidates([a, b, ...(options.context?.(a, b) ?? [])]));
  const verdicts = await mapLimit(tasks, limit, ({ j, probe }) =>
    majorityVote(options.router, probe, candidateLists[j >> 1], options.trials),
  );
  const outcomes: DirectionOutcome[] = jobs.map((_, j) => ({ probes: probeLists[j], verdicts: [] }));
  tasks.forEach((task, i) => outcomes[task.j].verdicts.push(verdicts[i]));
  const findings = new Map<string, Finding>();
  for (let i = 0; i < outcomes.length; i += 2) {
    const [ab, ba] = [outcomes[i], outcomes[i + 1]];
    const { a, b } = jobs[i].pair;
    findings.set(pairKey(a.key, b.key), confusionFinding(a, b, ab, ba, options, session.provenance(a, b)));
  }
  return findings;
}

interface DirectionOutcome {
  probes: string[];
  verdicts: Verdict[];
}

function confusionFinding(a: Tool, b: Tool, ab: DirectionOutcome, ba: DirectionOutcome, options: RoutingOptions, probes: ProbeProvenance): Finding {
  const astray: { probe: string; meantFor: string; routedTo: string }[] = [];
  const tally = (from: Tool, to: Tool, outcome: DirectionOutcome): { wrong: number; ties: number; kept: number; none: number } => {
    const t = { wrong: 0, ties: 0, kept: 0, none: 0 };
    outcome.verdicts.forEach((v, i) => {
      if (v.kind === 'none') t.none++;
      else if (v.kind === 'choice' && v.id === from.key) t.kept++;
      else if (v.kind === 'choice' && v.id === to.key) t.wrong++;
      else if (v.kind === 'tie' && v.ids.includes(to.key)) t.ties++;
      else return;
      if ((v.kind === 'choice' && v.id === to.key) || v.kind === 'tie') {
        const routedTo = v.kind === 'tie' ? `tie: ${v.ids.map((id) => id ?? 'none').join(' / ')}` : v.id;
        astray.push({ probe: outcome.probes[i], meantFor: from.key, routedTo });
      }
    });
    return t;
  };
  const x = tally(a, b, ab);
  const y = tally(b, a, ba);
  const total = ab.probes.length + ba.probes.length;
  const score = total > 0 ? (x.wrong + y.wrong + 0.5 * (x.ties + y.ties)) / total : 0;
  const mutual = x.wrong + x.ties > 0 && y.wrong + y.ties > 0;
  return {
    stage: 'routing',
    type: 'routing-confusion',
    score: Math.round(score * 1000) / 1000,
    severity: routingSeverity(score, mutual, options.thresholds),
    evidence: {
      router: options.router.model,
      trials: options.trials,
      probes: total,
      aToB: x.wrong,
      bToA: y.wrong,
      ties: x.ties + y.ties,
      aKept: x.kept,
      bKept: y.kept,
      none: x.none + y.none,
      astray: astray.slice(0, MAX_ASTRAY),
      // Who wrote the probes, and why a model's probes were not used (never a silent fallback).
      probeSource: probes.source,
      ...(probes.fallback ? { probeFallback: probes.fallback } : {}),
    },
  };
}

/**
 * Thresholds on the confusion rate; a pair confused in both directions is raised from MEDIUM
 * to HIGH, because then neither tool can be reached reliably by its own requests.
 */
export function routingSeverity(score: number, mutual: boolean, thresholds: RoutingThresholds = ROUTING_THRESHOLDS): Severity {
  if (score >= thresholds.high) return 'HIGH';
  if (score >= thresholds.medium) return mutual ? 'HIGH' : 'MEDIUM';
  if (score >= thresholds.low) return 'LOW';
  return 'INFO';
}

export type ShiftOptions = Omit<RoutingOptions, 'context'>;

/**
 * Which existing tools lose requests when `candidate` joins `neighbours`: each neighbour's probes
 * are routed among the neighbours alone, then with the candidate too. `of` counts the probes a
 * neighbour won before, `lost` those it no longer wins; only neighbours that lose some are listed.
 */
export async function routingShift(
  candidate: Tool,
  neighbours: readonly Tool[],
  options: ShiftOptions,
): Promise<{ tool: ToolRef; lost: number; of: number; probes: string[]; probeSource: string; probeFallback?: string }[]> {
  const session = new RoutingSession(options);
  const others = neighbours.filter((n) => n.key !== candidate.key);
  const before = session.candidates(others);
  const after = session.candidates([...others, candidate]);
  const limit = options.concurrency ?? DEFAULT_ROUTING_CONCURRENCY;
  // Each neighbour's probes are written against the candidate: requests for the neighbour it could steal.
  const probeLists = await mapLimit(others, limit, (tool) => session.probesFor(tool, candidate));
  const tasks = others.flatMap((tool, t) => probeLists[t].map((probe) => ({ tool, t, probe })));
  const rows = await mapLimit(tasks, limit, async ({ tool, probe }) => {
    const was = await majorityVote(options.router, probe, before, options.trials);
    if (!(was.kind === 'choice' && was.id === tool.key)) return { won: false, lost: false };
    const now = await majorityVote(options.router, probe, after, options.trials);
    return { won: true, lost: !(now.kind === 'choice' && now.id === tool.key) };
  });
  const results = others.map((tool, t) => {
    const mine = tasks.map((task, i) => ({ task, row: rows[i] })).filter((x) => x.task.t === t);
    const lost = mine.filter((x) => x.row.lost).map((x) => x.task.probe);
    const { source, fallback } = session.provenance(tool, candidate);
    return { tool: toolRef(tool), key: tool.key, lost: lost.length, of: mine.filter((x) => x.row.won).length, probes: lost, probeSource: source, ...(fallback ? { probeFallback: fallback } : {}) };
  });
  return results
    .filter((r) => r.lost > 0)
    .sort((p, q) => q.lost - p.lost || (p.key < q.key ? -1 : 1))
    .map(({ key: _key, ...row }) => row);
}

type ProbeProvenance = Pick<PairProbes, 'source' | 'fallback'>;

/** Per-call caches: a pair's probes and a tool's router view are built once however often they are needed. */
class RoutingSession {
  private readonly pairProbes = new Map<string, Promise<PairProbes>>();
  private readonly provenances = new Map<string, ProbeProvenance>();
  private readonly views = new WeakMap<Tool, RouterCandidate>();
  private readonly generator: ProbeGenerator;

  constructor(private readonly options: Pick<RoutingOptions, 'probeGenerator' | 'probesPerTool'>) {
    this.generator = options.probeGenerator ?? new LocalProbeGenerator();
  }

  /** Probes meant for `tool`, written for its pair with `other` (asked once per pair, in key order). */
  async probesFor(tool: Tool, other: Tool): Promise<string[]> {
    const [a, b] = tool.key <= other.key ? [tool, other] : [other, tool];
    const key = pairKey(a.key, b.key);
    let p = this.pairProbes.get(key);
    if (!p) {
      p = this.generator.probesFor({ a, b }, this.options.probesPerTool).then((probes) => {
        this.provenances.set(key, { source: probes.source, ...(probes.fallback ? { fallback: probes.fallback } : {}) });
        return probes;
      });
      this.pairProbes.set(key, p);
    }
    const probes = await p;
    return (tool === a ? probes.a : probes.b).slice(0, this.options.probesPerTool);
  }

  provenance(x: Tool, y: Tool): ProbeProvenance {
    return this.provenances.get(pairKey(x.key, y.key)) ?? { source: this.generator.model };
  }
  /** Router views of `tools`, deduplicated by key, in a stable order. */
  candidates(tools: readonly Tool[]): RouterCandidate[] {
    const seen = new Set<string>();
    const out: RouterCandidate[] = [];
    for (const tool of tools) {
      if (seen.has(tool.key)) continue;
      seen.add(tool.key);
      let view = this.views.get(tool);
      if (!view) {
        const d = tool.definition;
        view = { id: tool.key, name: d.name, description: d.description ?? '', inputSchema: d.inputSchema };
        this.views.set(tool, view);
      }
      out.push(view);
    }
    return out;
  }
}
