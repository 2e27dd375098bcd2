import type { AnalysisRun, Prisma } from '../generated/prisma/client';

/** One model's share of a run's remote calls (the UsageLine of @toolgate/providers' UsageMeter). */
export interface ProviderUsageLine {
  model: string;
  kind: 'embedding' | 'chat';
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Estimated USD (a price-table estimate, not an invoice); 0 with `priced: false` for unknown models. */
  costUsd: number;
  priced: boolean;
}

/** A run's provider usage: totals and one line per model. All zero for a run on local providers. */
export interface RunUsage {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  embeddingTokens: number;
  costUsd: number;
  byModel: ProviderUsageLine[];
}

/** The AnalysisRun columns for a run's usage: the totals split by kind, and the per-model lines as JSON. */
export function usageColumns(lines: readonly ProviderUsageLine[]): Pick<Prisma.AnalysisRunUpdateInput, 'promptTokens' | 'completionTokens' | 'embeddingTokens' | 'costUsd' | 'providerUsage'> {
  const sum = (pick: (l: ProviderUsageLine) => number) => lines.reduce((n, l) => n + pick(l), 0);
  return {
    promptTokens: sum((l) => (l.kind === 'chat' ? l.inputTokens : 0)),
    completionTokens: sum((l) => l.outputTokens),
    embeddingTokens: sum((l) => (l.kind === 'embedding' ? l.inputTokens : 0)),
    // Decimal(12, 6): micro-dollars are the column's precision.
    costUsd: Math.round(sum((l) => l.costUsd) * 1e6) / 1e6,
    providerUsage: lines.map((l) => ({ ...l })) as unknown as Prisma.InputJsonValue,
  };
}

export function toRunUsage(row: Pick<AnalysisRun, 'promptTokens' | 'completionTokens' | 'embeddingTokens' | 'costUsd' | 'providerUsage'>): RunUsage {
  const byModel = Array.isArray(row.providerUsage) ? (row.providerUsage as unknown as ProviderUsageLine[]) : [];
  return {
    calls: byModel.reduce((n, l) => n + l.calls, 0),
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    embeddingTokens: row.embeddingTokens,
    costUsd: Number(row.costUsd),
    byModel,
  };
}
