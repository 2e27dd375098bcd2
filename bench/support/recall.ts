/** Planted-pair recall: how many planted twins the pipeline reported as a conflict, at all and at ≥HIGH. */
import type { PlantedPair } from '../generator';

export interface ConflictLike {
  a: { server: string; tool: string };
  b: { server: string; tool: string };
  severity: string;
}

export interface Recall {
  planted: number;
  found: number;
  foundHigh: number;
  /** Recall per planted kind (found at any reported severity above INFO). */
  byKind: Record<string, { planted: number; found: number }>;
}

const refKey = (r: { server: string; tool: string }): string => `${r.server}/${r.tool}`;
const pair = (x: string, y: string): string => (x < y ? `${x}|${y}` : `${y}|${x}`);

export function plantedRecall(planted: readonly PlantedPair[], conflicts: readonly ConflictLike[]): Recall {
  const severity = new Map<string, string>();
  for (const c of conflicts) if (c.severity !== 'INFO') severity.set(pair(refKey(c.a), refKey(c.b)), c.severity);
  const byKind: Recall['byKind'] = {};
  let found = 0;
  let foundHigh = 0;
  for (const p of planted) {
    const s = severity.get(pair(refKey(p.a), refKey(p.b)));
    const kind = (byKind[p.kind] ??= { planted: 0, found: 0 });
    kind.planted++;
    if (s !== undefined) {
      found++;
      kind.found++;
      if (s === 'HIGH' || s === 'CRITICAL') foundHigh++;
    }
  }
  return { planted: planted.length, found, foundHigh, byKind };
}

export function formatRecall(r: Recall | undefined): string {
  if (!r || r.planted === 0) return '–';
  const pct = (n: number) => `${((n / r.planted) * 100).toFixed(1)}%`;
  return `${pct(r.found)} (≥HIGH ${pct(r.foundHigh)})`;
}
