import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { AnalysisRunRepository, ServerRepository, type SeverityLevel, type SyncRunRecord, SyncRunRepository } from '@toolgate/db';
import { ANALYSIS_JOBS, registrationAnalysisJobId } from '@toolgate/jobs';
import { isMcpSyncError, listServerTools } from '@toolgate/mcp';
import { SecretBox } from '@toolgate/secrets';
import { NotificationQueue } from '../notifications/notification-queue';
import { AnalysisQueue } from './analysis-queue';
import { definitionChange } from './definition-change';
import { SyncBreakers } from './sync-breakers';
import { toMcpConnection, syncUrlPolicy } from './sync-connection';
import { planSync } from './sync-plan';

const ASCENDING: SeverityLevel[] = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** The outcome of one sync job. */
export type SyncOutcome = { status: 'COMPLETED'; run: SyncRunRecord } | { status: 'FAILED'; code: string; error: string } | { status: 'SKIPPED' };

/**
 * One sync of a server (docs/sync.md): list its tools (all or nothing, through its circuit breaker), diff them
 * against the registry by full-definition hash, apply the diff in one transaction (added/changed versions
 * PENDING_ANALYSIS, rug-pull gates, removals, the run COMPLETED), then enqueue the analysis of the new versions
 * on the `analysis` queue exactly as an asynchronous registration does. A failed listing records FAILED and
 * changes nothing else.
 */
@Injectable()
export class ServerSyncUseCase {
  private readonly logger = new Logger(ServerSyncUseCase.name);

  constructor(
    private readonly runs: SyncRunRepository,
    private readonly servers: ServerRepository,
    private readonly breakers: SyncBreakers,
    private readonly analysis: AnalysisQueue,
    private readonly analysisRuns: AnalysisRunRepository,
    private readonly notifications: NotificationQueue,
    private readonly config: AppConfig,
  ) {}

  /** A scheduled tick: records a SCHEDULE run (none while one is queued or running) and syncs. */
  async scheduled(serverId: string): Promise<SyncOutcome> {
    const target = await this.servers.findForSync(serverId);
    if (!target) await this.breakers.forget(serverId).catch(() => undefined);
    if (!target || !target.server.enabled || (await this.runs.hasActive(serverId))) return { status: 'SKIPPED' };
    const run = await this.runs.create(serverId, 'SCHEDULE');
    try {
      return await this.run(run.id);
    } catch (error) {
      // A scheduled tick has one attempt: record the unexpected error (database down...) so the run never stays RUNNING.
      await this.runs.fail(run.id, `SYNC_ERROR: ${(error as Error).message}`).catch(() => undefined);
      throw error;
    }
  }

  async run(runId: string): Promise<SyncOutcome> {
    const started = await this.runs.start(runId);
    if (!started) return { status: 'SKIPPED' };
    const { server, environment, secretsEncrypted } = started.target;
    const values = this.config.values;
    let listing;
    try {
      const secrets = SecretBox.fromConfig(values.TOOLGATE_SECRETS_KEY, values.TOOLGATE_SECRETS_PREVIOUS_KEYS);
      const connection = toMcpConnection(server, secretsEncrypted, secrets);
      this.breakers.track(server);
      listing = await this.breakers.registry.run(server.id, () =>
        listServerTools(connection, { timeoutMs: values.SYNC_TIMEOUT_MS, maxTools: values.SYNC_MAX_TOOLS, maxPages: values.SYNC_MAX_PAGES, urlPolicy: syncUrlPolicy(values) }),
      );
    } catch (error) {
      const code = isMcpSyncError(error) ? error.code : ((error as { code?: string }).code ?? 'SYNC_ERROR');
      const message = `${code}: ${error instanceof Error ? error.message : String(error)}`;
      await this.runs.fail(runId, message, { code });
      await this.breakers.publish(server.id, message).catch(() => undefined);
      this.logger.warn({ runId, serverId: server.id, code }, 'Sync failed; nothing changed');
      return { status: 'FAILED', code, error: message };
    }
    await this.breakers.publish(server.id, null).catch(() => undefined);

    const plan = planSync(listing.tools, await this.runs.serverTools(server.id));
    const applied = await this.runs.apply(runId, {
      serverInfo: { ...listing.serverInfo },
      upserts: plan.upserts.map(({ gate, ...u }) => ({ ...u, ...(gate ? { gate: definitionChange(gate, u.definition) } : {}) })),
      removals: plan.removals,
      unchanged: plan.unchanged,
      stages: environment.policy.stagesOnRegistration,
      ttlSeconds: environment.policy.approvalTtlSeconds,
      blockingSeverities: ASCENDING.slice(ASCENDING.indexOf(environment.policy.blockingSeverity)),
    });
    if (applied.analysisRunId) {
      // After the commit, as the API's queued registration does; if Redis refuses, the versions stay
      // PENDING_ANALYSIS (gated ones BLOCKED, pinned version served) until a re-scan decides them.
      try {
        await this.analysis.add(ANALYSIS_JOBS.registrationAnalysis, { runId: applied.analysisRunId, versionIds: applied.versionIds }, registrationAnalysisJobId(applied.analysisRunId));
      } catch (error) {
        // As the API's queued registration does: the analysis run is FAILED, the versions wait for a re-scan.
        await this.analysisRuns.fail(applied.analysisRunId, `not enqueued: ${(error as Error).message}`).catch(() => undefined);
        this.logger.error({ runId, analysisRunId: applied.analysisRunId }, `Analysis of the synced versions not enqueued: ${(error as Error).message}`);
      }
    }
    // A changed definition of an approved tool (possible rug pull): announced after the commit; never throws.
    for (const gated of applied.gated) await this.notifications.emit({ type: 'sync.tool_changed', toolId: gated.toolId, versionId: gated.versionId });
    const { added, changed, removed, unchanged } = applied.run;
    this.logger.log({ runId, serverId: server.id, added, changed, removed, unchanged, gated: applied.gated.length }, 'Sync completed');
    return { status: 'COMPLETED', run: applied.run };
  }
}
