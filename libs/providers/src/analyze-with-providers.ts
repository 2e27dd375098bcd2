import { analyze, STAGES, type AnalysisReport, type AnalyzeInput, type AnalyzeOptions, type Embedder } from '@toolgate/pipeline';
import type { Providers } from './create-providers';
import { ProviderError } from './provider.errors';

/**
 * `analyze()` with the configured providers, degrading honestly when the router is down: if its
 * circuit is open (before or during the run), the analysis runs without stage 4 and the report's
 * routing stage says `skipped: router unavailable: <reason>`. Routing is never silently passed.
 * Embedder failures are not degraded: stage 3 without vectors would be wrong, so they propagate.
 */
export function analyzeWithProviders(input: AnalyzeInput, providers: Providers, options: AnalyzeOptions = {}): Promise<AnalysisReport> {
  return runWithProviders(providers, options, (runOptions) => analyze(input, runOptions));
}

/**
 * Any pipeline entry point (`analyze`, or `checkCandidates` on a cached index) with the configured providers and
 * the same honest degradation as {@link analyzeWithProviders}: `run` is called with the options to use, a second
 * time without routing if the router is down.
 */
export async function runWithProviders(providers: Providers, options: AnalyzeOptions, run: (options: AnalyzeOptions) => Promise<AnalysisReport>): Promise<AnalysisReport> {
  // A run that has to restart without routing must not pay for its embeddings twice.
  const embedder = new RunMemoEmbedder(providers.embedder);
  const base: AnalyzeOptions = {
    probeGenerator: providers.probeGenerator,
    ...(providers.recommender ? { recommender: providers.recommender } : {}),
    ...options,
    embedder,
    router: providers.router,
  };
  const stages = options.stages ?? STAGES;
  if (stages.includes('routing') && providers.breakerState().router === 'open') {
    return withoutRouting(run, base, `router ${providers.router.model} unavailable: circuit open after repeated failures`);
  }
  try {
    return await run(base);
  } catch (error) {
    if (error instanceof ProviderError && error.dependency === providers.router.model) {
      return withoutRouting(run, base, `router unavailable: ${error.message}`);
    }
    throw error;
  }
}

async function withoutRouting(run: (options: AnalyzeOptions) => Promise<AnalysisReport>, options: AnalyzeOptions, reason: string): Promise<AnalysisReport> {
  const stages = (options.stages ?? STAGES).filter((s) => s !== 'routing');
  const report = await run({ ...options, stages });
  const routing = report.summary.stages.find((s) => s.stage === 'routing');
  if (routing) routing.skipped = reason;
  else report.summary.stages.push({ stage: 'routing', ms: 0, items: 0, skipped: reason });
  return report;
}

/** Remembers vectors by text for one run (the Postgres cache is the cross-run one). */
class RunMemoEmbedder implements Embedder {
  readonly model: string;
  readonly dimensions: number;
  private readonly memo = new Map<string, Float32Array>();

  constructor(private readonly inner: Embedder) {
    this.model = inner.model;
    this.dimensions = inner.dimensions;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const missing = [...new Set(texts.filter((t) => !this.memo.has(t)))];
    if (missing.length > 0) {
      const vectors = await this.inner.embed(missing);
      missing.forEach((t, i) => this.memo.set(t, vectors[i]));
    }
    return texts.map((t) => this.memo.get(t) as Float32Array);
  }
}
