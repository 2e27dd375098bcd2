import type { RouterCandidate, Router } from '../model';
import { fnv1a, mulberry32 } from '../semantic/hash';

/** A probe's outcome: the candidate id most trials chose, "none", or a tie between several. */
export type Verdict = { kind: 'choice'; id: string } | { kind: 'none' } | { kind: 'tie'; ids: (string | null)[] };

/**
 * Routes one probe `trials` times and takes the majority. Candidates are shuffled per trial
 * (seeded by probe and trial, so reruns agree) because LLM routers favour early positions.
 */
export async function majorityVote(router: Router, probe: string, candidates: readonly RouterCandidate[], trials: number): Promise<Verdict> {
  const counts = new Map<string | null, number>();
  // A router that declares itself deterministic (and order-independent) would vote the same every
  // trial: one call stands for all of them.
  const calls = isDeterministic(router) ? Math.min(1, trials) : trials;
  for (let trial = 0; trial < calls; trial++) {
    const order = shuffled(candidates, fnv1a(`${probe}\u0000${trial}`));
    const decision = await router.route(probe, order, { trial });
    counts.set(decision.choice, (counts.get(decision.choice) ?? 0) + trials / calls);
  }
  let top = 0;
  for (const c of counts.values()) top = Math.max(top, c);
  const winners = [...counts].filter(([, c]) => c === top).map(([id]) => id);
  if (winners.length > 1) return { kind: 'tie', ids: winners.sort((a, b) => String(a).localeCompare(String(b))) };
  return winners[0] === null ? { kind: 'none' } : { kind: 'choice', id: winners[0] as string };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Duck-typed, so the Router port stays as it is: `{ deterministic: true }` opts in. */
export function isDeterministic(router: Router): boolean {
  return (router as Router & { deterministic?: boolean }).deterministic === true;
}
