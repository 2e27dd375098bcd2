import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { type AnalysisRunRecord, AnalysisRunRepository } from '@toolgate/db';
import { EnvironmentModelProviders } from '../providers/environment-model-providers';
import { EnvironmentScanner } from './environment-scanner';

/** Progress as the job reports it (`job.updateProgress`): percent plus what is happening. */
export interface ScanProgress {
  percent: number;
  phase: 'loading' | 'index' | 'pairs' | 'persist' | 'sharded';
}

/** What an `environment-scan` job did: the run it completed, or the shards it fanned out to. */
export type ScanOutcome = { run: AnalysisRunRecord } | { shards: number } | { skipped: true };

/**
 * A full re-scan of one environment (the `environment-scan` job): stages 1–3 of the environment's policy over
 * every registry tool, on the worker's cached ToolIndex. Conflicts are upserted by pair (dedup), pairs that
 * no longer conflict are resolved, waiting tools get their status, and the run is recorded. An environment
 * larger than ANALYSIS_SHARD_SIZE is handed to `fanOut` instead (ShardedScanUseCase finishes it). Idempotent:
 * a retry of the same run overwrites the run row; a retry after the run COMPLETED does nothing.
 */
@Injectable()
export class EnvironmentScanUseCase {
  private readonly logger = new Logger(EnvironmentScanUseCase.name);
  private readonly testDelayMs: number;
  private readonly shardSize: number;

  constructor(
    private readonly runs: AnalysisRunRepository,
    private readonly scanner: EnvironmentScanner,
    private readonly models: EnvironmentModelProviders,
    config: AppConfig,
  ) {
    this.testDelayMs = config.values.TEST_ONLY_ANALYSIS_DELAY_MS;
    this.shardSize = config.values.ANALYSIS_SHARD_SIZE;
  }

  async run(runId: string, progress: (p: ScanProgress) => Promise<void>, fanOut: (shards: number) => Promise<void>): Promise<ScanOutcome> {
    const started = await this.runs.start(runId);
    if (!started) {
      this.logger.log({ runId }, 'Run already completed or gone; nothing to do');
      return { skipped: true };
    }
    const { environment } = started;
    await progress({ percent: 0, phase: 'loading' });
    const loaded = await this.scanner.load(environment);
    if (loaded.registry.length > this.shardSize) {
      const shards = Math.ceil(loaded.registry.length / this.shardSize);
      await fanOut(shards);
      await progress({ percent: 100, phase: 'sharded' });
      this.logger.log({ runId, tools: loaded.registry.length, shards }, 'Re-scan fanned out to shards');
      return { shards };
    }

    // The environment's providers (its overrides, if any); the run's own calls on that set's meter (embeddings of
    // new or changed tools, routing, recommendations), apart from concurrent jobs.
    const providers = this.models.for(environment);
    const { result: scanned, usage } = await providers.meter.measure(() => this.scanner.scan(environment, loaded, providers));
    const { scan, sync, timings } = scanned;
    this.logger.log({ runId, ...sync }, 'Index synchronised');
    await progress({ percent: 70, phase: 'pairs' });
    if (this.testDelayMs > 0) await this.waitForTests(progress);
    const run = await this.scanner.persist(runId, environment, loaded, scan, timings, usage.byModel());
    await progress({ percent: 100, phase: 'persist' });
    this.logger.log({ runId, tools: run.toolCount, pairs: run.pairCount, conflicts: run.conflictCount }, 'Analysis run completed');
    return { run };
  }

  // TEST_ONLY_ANALYSIS_DELAY_MS: keeps the job running (lock renewed, progress reported) so e2e can kill the worker.
  private async waitForTests(progress: (p: ScanProgress) => Promise<void>): Promise<void> {
    const step = Math.min(this.testDelayMs, 250);
    for (let waited = 0; waited < this.testDelayMs; waited += step) {
      await sleep(step);
      await progress({ percent: 70 + Math.floor((20 * waited) / this.testDelayMs), phase: 'pairs' });
    }
  }
}
