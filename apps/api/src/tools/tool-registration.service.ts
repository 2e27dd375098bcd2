import { Injectable } from '@nestjs/common';
import { ConflictError } from '@toolgate/config';
import { ConflictRepository, ToolRegistrationRepository, ToolRepository, type ToolRecord, type ToolVersionWrite } from '@toolgate/db';
import { hashedDefinition, makeTool, type ToolDefinition, type ToolFinding, toolKey } from '@toolgate/pipeline';
import { ApprovalsService } from '../approvals/approvals.service';
import { auditSource } from '../auth/audit-source';
import { toConflictResponse, type ConflictResponse } from '../conflicts/conflict.response';
import { EnvironmentsService } from '../environments/environments.service';
import { NotificationQueueService } from '../notifications/notification-queue.service';
import type { RequestContext } from '../registry/request-context';
import { ServersService } from '../servers/servers.service';
import { contentHash } from './canonical-json';
import { RegistryAnalyzer, registrationPolicy } from './registry-analyzer';
import type { ToolDefinitionRequest } from './tool.request';
import { type RegisteredToolResponse, toToolResponse, toVersionResponse } from './tool.response';

/** The result of registering a batch of one server's tools; `created` (a new version was stored) tells 201 from 200. */
export interface BatchRegistration {
  created: boolean;
  items: RegisteredToolResponse[];
  conflicts: ConflictResponse[];
  toolFindings: ToolFinding[];
}

interface Prepared {
  definition: ToolDefinition;
  hash: string;
  existing: ToolRecord | undefined;
}

/**
 * Registers tool definitions synchronously: an identical definition is a no-op, anything else becomes a version,
 * analysed in the request against the environment's registry and written with its conflicts in one
 * transaction. The CI gate (`register: true`) registers through it, since its caller needs the verdict; the
 * registry endpoints queue the analysis instead (ToolAsyncRegistrationService, docs/tool-lifecycle.md).
 */
@Injectable()
export class ToolRegistrationService {
  constructor(
    private readonly environments: EnvironmentsService,
    private readonly servers: ServersService,
    private readonly tools: ToolRepository,
    private readonly registration: ToolRegistrationRepository,
    private readonly conflicts: ConflictRepository,
    private readonly analyzer: RegistryAnalyzer,
    private readonly approvals: ApprovalsService,
    private readonly notifications: NotificationQueueService,
  ) {}

  /**
   * Registers one server's definitions. Two requests racing to register the same new tool both analyse it
   * and one loses the insert; it is retried once, and then usually finds the winner's version (200).
   */
  async register(ctx: RequestContext, envRef: string, serverName: string, definitions: readonly ToolDefinitionRequest[]): Promise<BatchRegistration> {
    try {
      return await this.registerOnce(ctx, envRef, serverName, definitions);
    } catch (error) {
      if (!(error instanceof ConflictError && error.code === 'TOOL.CONCURRENT_UPDATE')) throw error;
      return this.registerOnce(ctx, envRef, serverName, definitions);
    }
  }

  private async registerOnce(ctx: RequestContext, envRef: string, serverName: string, definitions: readonly ToolDefinitionRequest[]): Promise<BatchRegistration> {
    const env = await this.environments.resolve(ctx, envRef);
    const server = await this.servers.resolve(env.id, serverName);
    const existing = new Map((await this.tools.findByNames(server.id, definitions.map((d) => d.name))).map((t) => [t.name, t]));
    const prepared: Prepared[] = definitions.map((request) => {
      const definition = toDefinition(request);
      return { definition, hash: contentHash(definition), existing: existing.get(request.name) };
    });
    const changed = prepared.filter((p) => !isUnchanged(p));

    let toolFindings: ToolFinding[] = [];
    const written = new Map<string, RegisteredToolResponse>();
    let created = false;
    if (changed.length > 0) {
      const candidates = changed.map((p) => makeTool(server.name, p.definition));
      const analysis = await this.analyzer.analyzeCandidates(await this.tools.registry(env.id), candidates, registrationPolicy(env));
      toolFindings = analysis.report.toolFindings;
      const writes: ToolVersionWrite[] = changed.map((p, i) => ({
        name: p.definition.name,
        contentHash: p.hash,
        definition: p.definition as Record<string, unknown>,
        status: analysis.blockedKeys.has(candidates[i]!.key) ? 'BLOCKED' : 'ACTIVE',
        findings: analysis.report.toolFindings.filter((f) => toolKey(f.server, f.tool) === candidates[i]!.key),
      }));
      const result = await this.registration.register({ environmentId: env.id, serverId: server.id, run: analysis.run, tools: writes, conflicts: analysis.conflicts, source: auditSource(ctx) });
      // Committed: the worker announces the run's new conflicts. Never throws, bounded (NotificationQueueService).
      await this.notifications.emit({ type: 'analysis.completed', runId: result.runId });
      for (const saved of result.tools) {
        created ||= saved.versionCreated;
        const before = existing.get(saved.tool.name);
        const outcome = before === undefined ? 'created' : 'updated';
        written.set(saved.tool.name, { tool: toToolResponse(saved.tool), version: toVersionResponse(saved.version), outcome });
      }
    }

    const items = prepared.map((p) => written.get(p.definition.name) ?? unchangedItem(p.existing!));
    // After the registration commits: a failure here leaves the tool BLOCKED (safe), and a request can be opened by hand.
    await this.approvals.openForBlocked(ctx, env, [...written.values()]);
    const toolIds = items.map((i) => i.tool.id);
    const conflicts = (await this.conflicts.unresolvedFor(env.id, toolIds)).map(toConflictResponse);
    return { created, items, conflicts, toolFindings };
  }
}

/** The definition as stored and hashed: exactly the MCP fields, optional ones only when present. */
export function toDefinition(request: ToolDefinitionRequest): ToolDefinition {
  // The same function sync hashes live tools with, so a registered and a synced definition hash alike.
  return hashedDefinition(request);
}

function isUnchanged(p: Prepared): boolean {
  return p.existing !== undefined && p.existing.deletedAt === null && p.existing.currentVersion?.contentHash === p.hash;
}

function unchangedItem(tool: ToolRecord): RegisteredToolResponse {
  return { tool: toToolResponse(tool), version: toVersionResponse(tool.currentVersion!), outcome: 'unchanged' };
}
