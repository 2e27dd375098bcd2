import { Injectable } from '@nestjs/common';
import { ConflictError } from '@toolgate/config';
import { AnalysisRunRepository, ConflictRepository, ToolRegistrationRepository, ToolRepository, type ToolRecord } from '@toolgate/db';
import { waitForRun } from '../analysis-runs/wait-for-run';
import { auditSource } from '../auth/audit-source';
import { type ConflictResponse, toConflictResponse } from '../conflicts/conflict.response';
import { EnvironmentsService } from '../environments/environments.service';
import { AnalysisQueueService } from '../queues/analysis-queue.service';
import type { RequestContext } from '../registry/request-context';
import { ServersService } from '../servers/servers.service';
import { contentHash } from './canonical-json';
import { toDefinition } from './tool-registration.service';
import type { ToolDefinitionRequest } from './tool.request';
import { type RegisteredToolResponse, toToolResponse, type ToolVersionResponse, toVersionResponse } from './tool.response';

/**
 * A registration through the queue: what was stored and the run that decides it (null when nothing changed).
 * `settled`: the analysis finished within the caller's wait (or there was none to do), so `items` carry the
 * final statuses and `conflicts` the tools' unresolved conflicts; otherwise the items are PENDING_ANALYSIS.
 */
export interface QueuedRegistration {
  items: RegisteredToolResponse[];
  analysisRunId: string | null;
  /** A new version was stored (201 rather than 200 once settled). */
  created: boolean;
  settled: boolean;
  conflicts: ConflictResponse[];
  /** The registered versions' own findings, as their analysis stored them (empty while not settled). */
  toolFindings: ToolVersionResponse['findings'];
}

/**
 * Registration, by default with the analysis on the `analysis` queue: changed definitions are stored as
 * PENDING_ANALYSIS versions with a QUEUED run, and the worker sets them ACTIVE or BLOCKED by the environment's
 * policy (docs/tool-lifecycle.md). With `waitMs` (RFC 7240 `Prefer: wait`) it waits that long for the worker's
 * result. Identical definitions are no-ops: the existing versions, no run, no job.
 */
@Injectable()
export class ToolAsyncRegistrationService {
  constructor(
    private readonly environments: EnvironmentsService,
    private readonly servers: ServersService,
    private readonly tools: ToolRepository,
    private readonly registration: ToolRegistrationRepository,
    private readonly runs: AnalysisRunRepository,
    private readonly queue: AnalysisQueueService,
    private readonly conflicts: ConflictRepository,
  ) {}

  /**
   * Two requests racing to register the same new tool: one loses the insert (TOOL.CONCURRENT_UPDATE) and is retried
   * once, and then finds the winner's version (200, no second job).
   */
  async register(ctx: RequestContext, envRef: string, serverName: string, definitions: readonly ToolDefinitionRequest[], waitMs = 0): Promise<QueuedRegistration> {
    try {
      return await this.registerOnce(ctx, envRef, serverName, definitions, waitMs);
    } catch (error) {
      if (!(error instanceof ConflictError && error.code === 'TOOL.CONCURRENT_UPDATE')) throw error;
      return this.registerOnce(ctx, envRef, serverName, definitions, waitMs);
    }
  }

  private async registerOnce(ctx: RequestContext, envRef: string, serverName: string, definitions: readonly ToolDefinitionRequest[], waitMs: number): Promise<QueuedRegistration> {
    const env = await this.environments.resolve(ctx, envRef);
    const server = await this.servers.resolve(env.id, serverName);
    const existing = new Map((await this.tools.findByNames(server.id, definitions.map((d) => d.name))).map((t) => [t.name, t]));
    const prepared = definitions.map((request) => {
      const definition = toDefinition(request);
      return { definition, hash: contentHash(definition), existing: existing.get(request.name) };
    });
    const changed = prepared.filter((p) => !isUnchanged(p.existing, p.hash));
    if (changed.length === 0) {
      const items = prepared.map((p) => unchangedItem(p.existing!));
      return { items, analysisRunId: null, created: false, settled: true, conflicts: await this.conflictsOf(env.id, items), toolFindings: findingsOf(items) };
    }

    const written = await this.registration.registerPending({
      environmentId: env.id,
      serverId: server.id,
      stages: env.policy.stagesOnRegistration,
      requestedBy: { type: ctx.actor.type, id: ctx.actor.id },
      source: auditSource(ctx),
      tools: changed.map((p) => ({ name: p.definition.name, contentHash: p.hash, definition: p.definition as Record<string, unknown> })),
    });
    try {
      await this.queue.enqueueRegistration({ runId: written.runId, versionIds: written.tools.map((t) => t.version.id) });
    } catch (error) {
      // The versions stay PENDING_ANALYSIS (never served unapproved); the next re-scan decides them.
      await this.runs.fail(written.runId, `not enqueued: ${(error as Error).message}`);
      throw error;
    }
    const outcome = (name: string) => (existing.has(name) ? 'updated' : 'created') as RegisteredToolResponse['outcome'];
    const created = written.tools.some((t) => t.versionCreated);
    const pending = new Map(written.tools.map((saved) => [saved.tool.name, { tool: toToolResponse(saved.tool), version: toVersionResponse(saved.version), outcome: outcome(saved.tool.name) }]));
    const run = waitMs > 0 ? await waitForRun(this.runs, ctx.organisationId, written.runId, waitMs) : undefined;
    if (run?.status !== 'COMPLETED') {
      // Not decided within the wait (or the run failed: its error is on GET /v1/analysis-runs/:id, the tools stay PENDING_ANALYSIS).
      return { items: prepared.map((p) => pending.get(p.definition.name) ?? unchangedItem(p.existing!)), analysisRunId: written.runId, created, settled: false, conflicts: [], toolFindings: [] };
    }
    // Decided: the tools as the worker left them (ACTIVE or BLOCKED), at the version this request stored.
    const now = new Map((await this.tools.findByNames(server.id, definitions.map((d) => d.name))).map((t) => [t.name, t]));
    const items = prepared.map((p): RegisteredToolResponse => {
      const stored = pending.get(p.definition.name);
      const tool = now.get(p.definition.name);
      if (!stored) return unchangedItem(tool ?? p.existing!);
      // The version as the worker left it (with its findings), while it is still the tool's current one.
      const version = tool?.currentVersion?.id === stored.version.id ? toVersionResponse(tool.currentVersion) : stored.version;
      return { ...stored, tool: tool ? toToolResponse(tool) : stored.tool, version };
    });
    return { items, analysisRunId: written.runId, created, settled: true, conflicts: await this.conflictsOf(env.id, items), toolFindings: findingsOf(items) };
  }

  private async conflictsOf(environmentId: string, items: readonly RegisteredToolResponse[]): Promise<ConflictResponse[]> {
    return (await this.conflicts.unresolvedFor(environmentId, items.map((i) => i.tool.id))).map(toConflictResponse);
  }
}

function isUnchanged(existing: ToolRecord | undefined, hash: string): boolean {
  return existing !== undefined && existing.deletedAt === null && existing.currentVersion?.contentHash === hash;
}

function unchangedItem(tool: ToolRecord): RegisteredToolResponse {
  return { tool: toToolResponse(tool), version: toVersionResponse(tool.currentVersion!), outcome: 'unchanged' };
}

/** The items' versions' own findings, in item order. */
function findingsOf(items: readonly RegisteredToolResponse[]): ToolVersionResponse['findings'] {
  return items.flatMap((item) => item.version.findings);
}
