import { Injectable } from '@nestjs/common';
import { AppConfig, ConflictError, DomainError, NotFoundError } from '@toolgate/config';
import { isSyncableServer, type Page, type ServerPatch, type ServerRecord, ServerRepository, SyncRunRepository } from '@toolgate/db';
import type { OutboundUrlPolicy } from '@toolgate/mcp';
import { SecretBox, type Secrets } from '@toolgate/secrets';
import { satisfies } from '../auth/access-policy';
import { auditSource } from '../auth/audit-source';
import { type AuditPageResponse, toAuditEntryResponse } from '../audit/audit.response';
import { EnvironmentsService } from '../environments/environments.service';
import type { PageQuery } from '../registry/page.request';
import type { RequestContext } from '../registry/request-context';
import { SyncQueueService } from '../sync-runs/sync-queue.service';
import { type SyncRunAccepted, type SyncRunResponse, toSyncRunResponse } from '../sync-runs/sync-run.response';
import { assertUrlAllowed, parseConnection, type PreparedConnection, prepareConnection, sealer, stdioCommandChanged, toTransportValue } from './server-connection';
import type { CreateServerRequest, TransportName, UpdateServerRequest } from './server.request';
import { type ServerResponse, toServerResponse } from './server.response';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * MCP servers: connections (secrets sealed per server, write-only), their sync schedule, manual syncs and
 * history. Only admins may set or change what a stdio server runs (docs/sync.md#connections).
 */
@Injectable()
export class ServersService {
  private readonly secrets: Secrets;
  private readonly urlPolicy: OutboundUrlPolicy;

  constructor(
    private readonly environments: EnvironmentsService,
    private readonly servers: ServerRepository,
    private readonly runs: SyncRunRepository,
    private readonly queue: SyncQueueService,
    config: AppConfig,
  ) {
    this.secrets = SecretBox.fromConfig(config.values.TOOLGATE_SECRETS_KEY, config.values.TOOLGATE_SECRETS_PREVIOUS_KEYS);
    this.urlPolicy = { allowlist: config.values.SYNC_URL_ALLOWLIST, allowPrivateNetworks: config.values.SYNC_ALLOW_PRIVATE_NETWORKS };
  }

  async create(ctx: RequestContext, envRef: string, request: CreateServerRequest): Promise<ServerResponse> {
    const env = await this.environments.resolve(ctx, envRef);
    const prepared = prepareConnection(request.transport, parseConnection(request.transport, request.connection));
    if (request.transport === 'stdio' && stdioCommandChanged(undefined, prepared)) await this.assertAdminForStdio(ctx, env.id, null, request.name);
    await this.checkUrl(prepared);
    const server = await this.servers.create(
      env.id,
      {
        name: request.name,
        transport: toTransportValue(request.transport),
        connection: prepared.connection,
        syncIntervalSeconds: request.syncIntervalSeconds ?? null,
        enabled: request.enabled,
        secretNames: prepared.secretNames ?? [],
        sealSecrets: sealer(this.secrets, prepared),
      },
      auditSource(ctx),
    );
    await this.queue.followSchedule(server.id, server);
    return toServerResponse(server);
  }

  async update(ctx: RequestContext, envRef: string, ref: string, request: UpdateServerRequest): Promise<ServerResponse> {
    const env = await this.environments.resolve(ctx, envRef);
    const existing = await this.resolveRef(env.id, ref);
    const current = existing.transport.toLowerCase() as TransportName;
    const transport = request.transport ?? current;
    if (transport !== current && request.connection === undefined) {
      throw new DomainError('invalid', 'VALIDATION.FAILED', 'body.connection: Required when the transport changes', { issues: [{ path: 'body.connection', message: 'Required when the transport changes' }] });
    }
    const patch: ServerPatch = {};
    if (request.transport !== undefined) patch.transport = toTransportValue(transport);
    if (request.syncIntervalSeconds !== undefined) patch.syncIntervalSeconds = request.syncIntervalSeconds;
    if (request.enabled !== undefined) patch.enabled = request.enabled;
    if (request.connection !== undefined) {
      const prepared = prepareConnection(transport, parseConnection(transport, request.connection));
      if (transport === 'stdio' && stdioCommandChanged(existing, prepared)) await this.assertAdminForStdio(ctx, env.id, existing.id, existing.name);
      await this.checkUrl(prepared);
      patch.connection = prepared.connection;
      // Secrets given: replace them. Absent: keep them if the transport is the same, else clear them.
      if (prepared.secrets !== undefined) {
        patch.secretNames = prepared.secretNames ?? [];
        patch.sealSecrets = sealer(this.secrets, prepared);
      } else if (transport !== current) {
        patch.secretNames = [];
        patch.sealSecrets = () => null;
      }
    }
    const { after } = await this.servers.update(existing.id, patch, auditSource(ctx));
    await this.queue.followSchedule(after.id, after);
    return toServerResponse(after);
  }

  async remove(ctx: RequestContext, envRef: string, ref: string): Promise<ServerResponse> {
    const env = await this.environments.resolve(ctx, envRef);
    const existing = await this.resolveRef(env.id, ref);
    const deleted = await this.servers.delete(existing.id, auditSource(ctx));
    await this.queue.followSchedule(existing.id, null);
    await this.queue.forgetBreaker(existing.id);
    return toServerResponse(deleted);
  }

  async get(ctx: RequestContext, envRef: string, ref: string): Promise<ServerResponse> {
    const env = await this.environments.resolve(ctx, envRef);
    return toServerResponse(await this.resolveRef(env.id, ref));
  }

  async list(ctx: RequestContext, envRef: string, page: PageQuery): Promise<Page<ServerResponse>> {
    const env = await this.environments.resolve(ctx, envRef);
    const result = await this.servers.list(env.id, page);
    return { items: result.items.map(toServerResponse), nextCursor: result.nextCursor };
  }

  /** Records a QUEUED manual run and enqueues it; 202 with its id. */
  async sync(ctx: RequestContext, envRef: string, ref: string): Promise<SyncRunAccepted> {
    const env = await this.environments.resolve(ctx, envRef);
    const server = await this.resolveRef(env.id, ref);
    if (!isSyncableServer(server)) {
      throw new DomainError('rule_violation', 'SERVER.NOT_SYNCABLE', `Server "${server.name}" has no ${server.transport === 'STDIO' ? 'command' : 'URL'} to sync from`, { server: server.name, field: server.transport === 'STDIO' ? 'connection.command' : 'connection.url' });
    }
    if (!server.enabled) throw new ConflictError('SERVER.DISABLED', `Server "${server.name}" is disabled; enable it to sync`, { server: server.name });
    const run = await this.runs.create(server.id, 'MANUAL', { type: ctx.actor.type, id: ctx.actor.id });
    try {
      await this.queue.enqueueRun(run.id);
    } catch (error) {
      await this.runs.fail(run.id, `not enqueued: ${(error as Error).message}`);
      throw error;
    }
    return { syncRunId: run.id, status: 'QUEUED' };
  }

  async syncRuns(ctx: RequestContext, envRef: string, ref: string, page: PageQuery): Promise<Page<SyncRunResponse>> {
    const env = await this.environments.resolve(ctx, envRef);
    const server = await this.resolveRef(env.id, ref);
    const result = await this.runs.listForServer(server.id, page);
    return { items: result.items.map(toSyncRunResponse), nextCursor: result.nextCursor };
  }

  /** The server's audit history: its own changes, its sync runs, and the tool changes they caused. */
  async history(ctx: RequestContext, envRef: string, ref: string, page: { limit: number; cursor?: string }): Promise<AuditPageResponse> {
    const env = await this.environments.resolve(ctx, envRef);
    const server = await this.resolveRef(env.id, ref);
    const result = await this.servers.history(ctx.organisationId, server.id, page);
    return { items: result.items.map(toAuditEntryResponse), nextCursor: result.nextCursor };
  }

  /** The server named `name` in the environment; `SERVER.NOT_FOUND` otherwise. */
  async resolve(environmentId: string, name: string): Promise<ServerRecord> {
    const server = await this.servers.findByName(environmentId, name);
    if (!server) throw new NotFoundError('SERVER.NOT_FOUND', `Server "${name}" not found in this environment`, { server: name });
    return server;
  }

  /** A server by id or name. */
  private async resolveRef(environmentId: string, ref: string): Promise<ServerRecord> {
    const server = UUID.test(ref) ? ((await this.servers.findById(environmentId, ref)) ?? (await this.servers.findByName(environmentId, ref))) : await this.servers.findByName(environmentId, ref);
    if (!server) throw new NotFoundError('SERVER.NOT_FOUND', `Server "${ref}" not found in this environment`, { server: ref });
    return server;
  }

  /** What a stdio server runs is code execution on the worker: admins only; a refusal is audited as DENIED. */
  private async assertAdminForStdio(ctx: RequestContext, environmentId: string, serverId: string | null, name: string): Promise<void> {
    if (satisfies(ctx.actor.role, 'admin')) return;
    await this.servers.auditDenied(environmentId, serverId, serverId ? 'server.updated' : 'server.created', { name, reason: 'stdio command requires admin', role: ctx.actor.role }, auditSource(ctx));
    throw new DomainError('forbidden', 'SERVER.STDIO_ADMIN_ONLY', 'Only admins may set or change the command of a stdio server', { field: 'connection.command', role: ctx.actor.role, required: 'admin' });
  }

  private async checkUrl(prepared: PreparedConnection): Promise<void> {
    const url = prepared.connection['url'];
    if (typeof url === 'string') await assertUrlAllowed(url, this.urlPolicy);
  }
}
