import { ConfigError, loadProviderConfig } from '@toolgate/config';
import type { AnalysisReport } from '@toolgate/pipeline';
import { createProviders, type Providers } from '@toolgate/providers';
import { UsageError, type CliIo } from '../cli-io';

export const EMBEDDER_KINDS = ['local', 'openai', 'azure', 'openai-compatible'] as const;
export const ROUTER_KINDS = ['local', 'openai', 'anthropic'] as const;
export const PROBE_KINDS = ['local', 'llm'] as const;

/** `--embedder` / `--router`: override EMBEDDER / ROUTER; keys and URLs still come from the environment. */
export interface ProviderFlags {
  embedder?: (typeof EMBEDDER_KINDS)[number];
  router?: (typeof ROUTER_KINDS)[number];
  /** `--probes`: overrides PROBE_GENERATOR. `llm` needs a remote router. */
  probes?: (typeof PROBE_KINDS)[number];
  /** `--llm-recommendations`: sets LLM_RECOMMENDATIONS=true. Needs a remote router. */
  llmRecommendations?: boolean;
}

/**
 * The providers for one CLI run. Only the provider variables are validated (loadProviderConfig),
 * so `toolgate check` never needs DATABASE_URL; a bad provider setup is a usage error (exit 2).
 */
export function cliProviders(flags: ProviderFlags, io: CliIo): Providers {
  const env = {
    ...io.env,
    ...(flags.embedder ? { EMBEDDER: flags.embedder } : {}),
    ...(flags.router ? { ROUTER: flags.router } : {}),
    ...(flags.probes ? { PROBE_GENERATOR: flags.probes } : {}),
    ...(flags.llmRecommendations ? { LLM_RECOMMENDATIONS: 'true' } : {}),
  };
  // The LLM features use the router's model (the config rules refuse them too); said here in terms of flags.
  if ((env.ROUTER ?? 'local') === 'local' && (env.PROBE_GENERATOR === 'llm' || env.LLM_RECOMMENDATIONS === 'true')) {
    const what = env.PROBE_GENERATOR === 'llm' ? '--probes llm (PROBE_GENERATOR=llm)' : '--llm-recommendations (LLM_RECOMMENDATIONS=true)';
    throw new UsageError(`${what} needs a model router: --router openai|anthropic (or ROUTER)`);
  }
  try {
    return createProviders(loadProviderConfig(env));
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** One stderr line with the run's model usage, when a remote model was called. */
export function reportUsage(providers: Providers, io: CliIo): void {
  const total = providers.meter.total();
  if (total.calls === 0) return;
  const tokens = total.inputTokens + total.outputTokens;
  const models = providers.meter.byModel().map((l) => `${l.model} ${l.calls} calls ${l.inputTokens}+${l.outputTokens} tokens${l.priced ? '' : ' (unpriced)'}`);
  io.stderr.write(`toolgate: model usage: ${total.calls} calls, ${tokens} tokens, ~$${total.costUsd.toFixed(4)} (${providers.describe().embedder}, ${providers.describe().router}): ${models.join('; ')}\n`);
}

/** Stderr lines for LLM features that fell back (never silently): probes written locally, recommendations not drafted. */
export function reportLlmFallbacks(report: Pick<AnalysisReport, 'conflicts' | 'toolFindings'>, providers: Providers, io: CliIo): void {
  const fallbacks = new Set<string>();
  const note = (evidence: Record<string, unknown>) => {
    if (typeof evidence['probeFallback'] === 'string') fallbacks.add(evidence['probeFallback']);
  };
  for (const conflict of report.conflicts) for (const finding of conflict.findings) note(finding.evidence);
  // Routing-shift findings list their losers, each with the provenance of its probes.
  for (const finding of report.toolFindings) {
    const losers = finding.evidence['losers'];
    if (Array.isArray(losers)) for (const loser of losers) note(loser as Record<string, unknown>);
  }
  for (const reason of fallbacks) io.stderr.write(`toolgate: warning: LLM probes not used: ${reason}\n`);
  for (const failure of providers.recommender?.failures ?? []) io.stderr.write(`toolgate: warning: LLM recommendations not drafted: ${failure}\n`);
}
