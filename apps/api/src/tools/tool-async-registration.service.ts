import { Injectable } from '@nestjs/common';
import { AnalysisRunRepository, ToolRegistrationRepository, ToolRepository, type ToolRecord } from '@toolgate/db';
import { auditSource } from '../auth/audit-source';
import { EnvironmentsService } from '../environments/environments.service';
import { AnalysisQueueService } from '../queues/analysis-queue.service';
import type { RequestContext } from '../registry/request-context';
import { ServersService } from '../servers/servers.service';
import { contentHash } from './canonical-json';
import { toDefinition } from './tool-registration.service';
import type { ToolDefinitionRequest } from './tool.request';
import { type RegisteredToolResponse, toToolResponse, toVersionResponse } from './tool.response';

/** An asynchronous registration: what was stored, and the run that will decide it (null when nothing changed). */
export interface QueuedRegistration {
  items: RegisteredToolResponse[];
  analysisRunId: string | null;
}

/**
 * Registration with the analysis on the `analysis` queue (`Prefer: respond-async`): changed definitions are
 * stored as PENDING_ANALYSIS versions with a QUEUED run, and the worker sets them ACTIVE or BLOCKED by the
 * environment's policy (docs/tool-lifecycle.md). Identical definitions are no-ops, as in the synchronous path.
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
  ) {}

  async register(ctx: RequestContext, envRef: string, serverName: string, definitions: readonly ToolDefinitionRequest[]): Promise<QueuedRegistration> {
    const env = await this.environments.resolve(ctx, envRef);
    const server = await this.servers.resolve(env.id, serverName);
    const existing = new Map((await this.tools.findByNames(server.id, definitions.map((d) => d.name))).map((t) => [t.name, t]));
    const prepared = definitions.map((request) => {
      const definition = toDefinition(request);
      return { definition, hash: contentHash(definition), existing: existing.get(request.name) };
    });
    const changed = prepared.filter((p) => !isUnchanged(p.existing, p.hash));
    if (changed.length === 0) return { items: prepared.map((p) => unchangedItem(p.existing!)), analysisRunId: null };

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
    const byName = new Map(
      written.tools.map((saved): [string, RegisteredToolResponse] => [
        saved.tool.name,
        { tool: toToolResponse(saved.tool), version: toVersionResponse(saved.version), outcome: existing.has(saved.tool.name) ? 'updated' : 'created' },
      ]),
    );
    return { items: prepared.map((p) => byName.get(p.definition.name) ?? unchangedItem(p.existing!)), analysisRunId: written.runId };
  }
}

function isUnchanged(existing: ToolRecord | undefined, hash: string): boolean {
  return existing !== undefined && existing.deletedAt === null && existing.currentVersion?.contentHash === hash;
}

function unchangedItem(tool: ToolRecord): RegisteredToolResponse {
  return { tool: toToolResponse(tool), version: toVersionResponse(tool.currentVersion!), outcome: 'unchanged' };
}
