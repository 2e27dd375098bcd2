import { pairKey, type Conflict, type Finding } from '../model/finding';
import { maxSeverity } from '../model/severity';
import { toolRef, type Tool } from '../model/tool';

/** The pair's score: its strongest finding. Recommendations are verified against this number. */
export function pairScore(findings: readonly Finding[]): number {
  let best = 0;
  for (const f of findings) if (f.score > best) best = f.score;
  return round(best);
}

/** Merges a pair's findings into one conflict; a and b are ordered by key so output is stable. */
export function buildConflict(x: Tool, y: Tool, findings: Finding[]): Conflict {
  const [a, b] = x.key <= y.key ? [x, y] : [y, x];
  return {
    key: pairKey(a.key, b.key),
    a: toolRef(a),
    b: toolRef(b),
    severity: maxSeverity(findings.map((f) => f.severity)),
    score: pairScore(findings),
    findings: [...findings].sort((f, g) => g.score - f.score),
    recommendations: [],
  };
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
