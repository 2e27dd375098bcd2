/**
 * Precision/recall of predicted severities against hand labels, per level and "at or above" a threshold.
 * Computed over the labelled pairs only: a conflict the pipeline reports on an unlabelled pair is neither
 * a true nor a false positive here.
 */
export const LEVELS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NONE'] as const;
export type Level = (typeof LEVELS)[number];

const RANK: Record<Level, number> = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1, NONE: 0 };

export function levelRank(level: Level): number {
  return RANK[level];
}

export interface Outcome {
  expected: Level;
  predicted: Level;
}

export interface Score {
  label: string;
  support: number;
  predicted: number;
  truePositives: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

function score(label: string, outcomes: readonly Outcome[], isExpected: (o: Outcome) => boolean, isPredicted: (o: Outcome) => boolean): Score {
  const support = outcomes.filter(isExpected).length;
  const predicted = outcomes.filter(isPredicted).length;
  const truePositives = outcomes.filter((o) => isExpected(o) && isPredicted(o)).length;
  const precision = predicted > 0 ? truePositives / predicted : null;
  const recall = support > 0 ? truePositives / support : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { label, support, predicted, truePositives, precision, recall, f1 };
}

/** One row per level: the prediction is right only when it is exactly that level. */
export function exactScores(outcomes: readonly Outcome[]): Score[] {
  return LEVELS.map((level) => score(level, outcomes, (o) => o.expected === level, (o) => o.predicted === level));
}

/** One row per threshold (≥CRITICAL … ≥LOW): both sides are binarised at the threshold. */
export function thresholdScores(outcomes: readonly Outcome[]): Score[] {
  return LEVELS.filter((l) => l !== 'NONE').map((level) =>
    score(`≥${level}`, outcomes, (o) => RANK[o.expected] >= RANK[level], (o) => RANK[o.predicted] >= RANK[level]),
  );
}

/** counts[expected][predicted]. */
export function confusion(outcomes: readonly Outcome[]): Record<Level, Record<Level, number>> {
  const matrix = Object.fromEntries(LEVELS.map((e) => [e, Object.fromEntries(LEVELS.map((p) => [p, 0]))])) as Record<Level, Record<Level, number>>;
  for (const o of outcomes) matrix[o.expected][o.predicted]++;
  return matrix;
}

export function accuracy(outcomes: readonly Outcome[], tolerance = 0): number {
  if (outcomes.length === 0) return 0;
  return outcomes.filter((o) => Math.abs(RANK[o.expected] - RANK[o.predicted]) <= tolerance).length / outcomes.length;
}

const pct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

export function scoresTable(title: string, scores: readonly Score[]): string {
  const rows = scores.map((s) => `| ${s.label} | ${s.support} | ${s.predicted} | ${s.truePositives} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} |`);
  return [`| ${title} | labelled | predicted | correct | precision | recall | F1 |`, '|---|---:|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

export function confusionTable(outcomes: readonly Outcome[]): string {
  const m = confusion(outcomes);
  const rows = LEVELS.map((e) => `| **${e}** | ${LEVELS.map((p) => m[e][p]).join(' | ')} |`);
  return ['| expected \\ predicted | ' + LEVELS.join(' | ') + ' |', '|---|' + LEVELS.map(() => '---:').join('|') + '|', ...rows].join('\n');
}
