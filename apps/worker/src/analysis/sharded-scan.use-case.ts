import { Injectable, Logger } from '@nestjs/common';
import { type AnalysisRunRecord, AnalysisRunRepository, type ProviderUsageLine } from '@toolgate/db';
import { toolKey } from '@toolgate/pipeline';
import { EnvironmentModelProviders } from '../providers/environment-model-providers';
import { EnvironmentScanner } from './environment-scanner';
import { mergeScans, type PairScan } from './scan-pairs';

/** What a shard job returns (stored by BullMQ on the parent until the merge reads it). */
export interface ShardResult {
  scan: PairScan;
  timings: Record<string, number>;
  /** The version ids the shard scanned, so the merge decides exactly those (not a version registered since). */
  versionIds: string[];
  /** The shard's own remote model calls (embeddings of new or changed tools); the merge sums them on the run. */
  usage?: ProviderUsageLine[];
}

/**
 * The two halves of a sharded re-scan (a BullMQ flow): every `environment-scan-shard` child scans its slice of
 * the environment on its worker's cached index and returns the result; the `environment-scan-merge` parent
 * merges them and persists exactly as a single-job scan does. Both are idempotent (pure reads, and a merge
 * that overwrites the run row).
 */
@Injectable()
export class ShardedScanUseCase {
  private readonly logger = new Logger(ShardedScanUseCase.name);

  constructor(
    private readonly runs: AnalysisRunRepository,
    private readonly scanner: EnvironmentScanner,
    private readonly models: EnvironmentModelProviders,
  ) {}

  async scanShard(runId: string, shard: number, shards: number): Promise<ShardResult | null> {
    const found = await this.runs.findForWorker(runId);
    if (!found || found.run.status === 'COMPLETED') return null;
    const loaded = await this.scanner.load(found.environment);
    // The environment's providers on every shard's worker, measured on that set's meter.
    const providers = this.models.for(found.environment);
    const { result, usage } = await providers.meter.measure(() => this.scanner.scan(found.environment, loaded, providers, { index: shard, count: shards }));
    const { scan, sync, timings } = result;
    this.logger.log({ runId, shard, shards, ...sync, pairs: scan.pairCount, conflicts: scan.conflicts.length }, 'Shard scanned');
    const versionByKey = new Map(loaded.registry.map((t) => [toolKey(t.serverName, t.name), t.currentVersion!.id]));
    return { scan, timings, versionIds: scan.subjects.map((key) => versionByKey.get(key)!), usage: usage.byModel() };
  }

  async merge(runId: string, results: ReadonlyArray<ShardResult | null>): Promise<AnalysisRunRecord | undefined> {
    const found = await this.runs.findForWorker(runId);
    if (!found || found.run.status === 'COMPLETED') return undefined;
    const done = results.filter((r): r is ShardResult => r !== null);
    const merged = mergeScans(done.map((r) => r.scan));
    // Shards run in parallel: the run's timings are the slowest shard's (its wall-clock share).
    const timings: Record<string, number> = {};
    for (const r of done) for (const [stage, ms] of Object.entries(r.timings)) timings[stage] = Math.max(timings[stage] ?? 0, ms);
    // The registry is read again for ids; a tool whose version changed since its shard ran is left out (its own
    // registration analyses it), with the conflicts that name it.
    const scannedVersions = new Set(done.flatMap((r) => r.versionIds));
    const all = await this.scanner.load(found.environment);
    const loaded = { ...all, registry: all.registry.filter((t) => scannedVersions.has(t.currentVersion!.id)) };
    const known = new Set(loaded.registry.map((t) => toolKey(t.serverName, t.name)));
    const scan = { ...merged, conflicts: merged.conflicts.filter((c) => known.has(toolKey(c.a.server, c.a.tool)) && known.has(toolKey(c.b.server, c.b.tool))) };
    const run = await this.scanner.persist(runId, found.environment, loaded, scan, timings, sumUsage(done.flatMap((r) => r.usage ?? [])));
    this.logger.log({ runId, shards: done.length, tools: run.toolCount, pairs: run.pairCount, conflicts: run.conflictCount }, 'Sharded analysis run completed');
    return run;
  }
}

/** One line per model over all shards (each shard's worker embeds what its own index lacked). */
function sumUsage(lines: readonly ProviderUsageLine[]): ProviderUsageLine[] {
  const byModel = new Map<string, ProviderUsageLine>();
  for (const l of lines) {
    const sum = byModel.get(l.model);
    if (!sum) byModel.set(l.model, { ...l });
    else Object.assign(sum, { calls: sum.calls + l.calls, inputTokens: sum.inputTokens + l.inputTokens, outputTokens: sum.outputTokens + l.outputTokens, costUsd: sum.costUsd + l.costUsd });
  }
  return [...byModel.values()];
}
