import { Injectable } from '@nestjs/common';
import { ConflictError } from '@toolgate/config';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { audit, auditEntry, type AuditScope, type AuditSource, SYSTEM_SOURCE } from './audit-context';
import { toAuditEntry } from './audit.mappers';
import { pageArgs, toPage } from './pagination';
import { uniqueAsConflict } from './prisma-errors';
import { toEnvironmentRecord, toServerRecord } from './registry.mappers';
import type { EnvironmentRecord, Page, PageRequest, ServerRecord, TransportValue } from './registry.types';
import { uuidV7 } from './uuid-v7';

export interface NewServer {
  name: string;
  transport: TransportValue;
  /** Non-secret settings only (command, args, cwd, url). */
  connection: Record<string, unknown>;
  syncIntervalSeconds: number | null;
  enabled: boolean;
  /** Names of the secrets (env variables or headers) sealed by {@link NewServer.sealSecrets}. */
  secretNames?: string[];
  /** Seals the secrets for the server's id (known only here): `mcp-server:<id>` as the secret box context. */
  sealSecrets?: (serverId: string) => Buffer | null;
}

/** A change to a server; absent fields are kept. `sealSecrets` replaces the sealed secrets (null clears them). */
export interface ServerPatch {
  transport?: TransportValue;
  connection?: Record<string, unknown>;
  syncIntervalSeconds?: number | null;
  enabled?: boolean;
  secretNames?: string[];
  sealSecrets?: (serverId: string) => Buffer | null;
}

/** What a sync needs: the server with its sealed secrets, and its environment. Never leaves the worker. */
export interface ServerForSync {
  server: ServerRecord;
  environment: EnvironmentRecord;
  secretsEncrypted: Buffer | null;
}

/** True when the server has what a sync needs: a stdio command or a URL (`connection: {}` is a registration-only namespace). */
export function isSyncableServer(server: ServerRecord): boolean {
  const c = server.connection;
  return server.transport === 'STDIO' ? typeof c['command'] === 'string' && c['command'] !== '' : typeof c['url'] === 'string' && c['url'] !== '';
}

/** The audit context of a server: its organisation and environment. */
async function serverScope(tx: Prisma.TransactionClient, environmentId: string, source: AuditSource): Promise<AuditScope> {
  const { organisationId } = await tx.environment.findUniqueOrThrow({ where: { id: environmentId }, select: { organisationId: true } });
  return { ...source, organisationId, environmentId };
}

function storedConnection(connection: Record<string, unknown>, secretNames: string[] | undefined): Prisma.InputJsonObject {
  return { ...connection, ...(secretNames && secretNames.length > 0 ? { secretNames } : {}) } as Prisma.InputJsonObject;
}

/** MCP servers of one environment; the caller has already resolved the environment in its organisation. */
@Injectable()
export class ServerRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Creates the server with its `server.created` audit entry in one transaction. Throws ConflictError
   * `SERVER.ALREADY_EXISTS` when the name is taken in the environment.
   */
  async create(environmentId: string, server: NewServer, source: AuditSource = SYSTEM_SOURCE): Promise<ServerRecord> {
    const id = uuidV7();
    const { sealSecrets, secretNames, ...fields } = server;
    const secretsEncrypted = sealSecrets?.(id) ?? null;
    return uniqueAsConflict(
      () =>
        this.prisma.$transaction(async (tx) => {
          const row = await tx.mcpServer.create({
            data: { id, environmentId, ...fields, connection: storedConnection(fields.connection, secretNames), ...(secretsEncrypted ? { secretsEncrypted: new Uint8Array(secretsEncrypted) } : {}) },
          });
          const scope = await serverScope(tx, environmentId, source);
          // The connection is left out: it is meant to be non-secret, but an audit entry can never be redacted later.
          const details = { name: server.name, transport: server.transport, syncIntervalSeconds: server.syncIntervalSeconds, enabled: server.enabled };
          await audit.append(tx, auditEntry(scope, 'server.created', { type: 'server', id: row.id }, details));
          return toServerRecord(row);
        }),
      'SERVER.ALREADY_EXISTS',
      `Server "${server.name}" already exists in this environment`,
      { name: server.name },
    );
  }

  /**
   * Applies a change with its `server.updated` entry (the names of the changed fields, never values).
   * Returns the server before and after, so the caller can follow the schedule.
   */
  async update(serverId: string, patch: ServerPatch, source: AuditSource = SYSTEM_SOURCE): Promise<{ before: ServerRecord; after: ServerRecord }> {
    return this.prisma.$transaction(async (tx) => {
      const beforeRow = await tx.mcpServer.findUniqueOrThrow({ where: { id: serverId } });
      const before = toServerRecord(beforeRow);
      const { sealSecrets, secretNames, connection, ...fields } = patch;
      const data: Prisma.McpServerUpdateInput = { ...fields };
      if (connection !== undefined) data.connection = storedConnection(connection, secretNames ?? before.secretNames);
      if (sealSecrets !== undefined) {
        const sealed = sealSecrets(serverId);
        data.secretsEncrypted = sealed ? new Uint8Array(sealed) : null;
      }
      const row = await tx.mcpServer.update({ where: { id: serverId }, data });
      const after = toServerRecord(row);
      const changed = Object.keys(patch).filter((k) => k !== 'sealSecrets' && k !== 'secretNames');
      if (sealSecrets !== undefined) changed.push('secrets');
      const scope = await serverScope(tx, row.environmentId, source);
      const details = { name: row.name, changed, transport: row.transport, syncIntervalSeconds: row.syncIntervalSeconds, enabled: row.enabled, secretNames: after.secretNames };
      await audit.append(tx, auditEntry(scope, 'server.updated', { type: 'server', id: serverId }, details));
      return { before, after };
    });
  }

  /**
   * Deletes the server with its `server.deleted` entry. Refused with `SERVER.HAS_TOOLS` (409) while it has tools
   * that are not removed: their versions, conflicts and approvals are history that a delete would cascade away.
   */
  async delete(serverId: string, source: AuditSource = SYSTEM_SOURCE): Promise<ServerRecord> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.mcpServer.findUniqueOrThrow({ where: { id: serverId } });
      const live = await tx.tool.count({ where: { serverId, deletedAt: null } });
      if (live > 0) throw new ConflictError('SERVER.HAS_TOOLS', `Server "${row.name}" still has ${live} tool(s); remove them first (DELETE /v1/tools/:id)`, { server: row.name, tools: live });
      const scope = await serverScope(tx, row.environmentId, source);
      await audit.append(tx, auditEntry(scope, 'server.deleted', { type: 'server', id: serverId }, { name: row.name, transport: row.transport }));
      await tx.mcpServer.delete({ where: { id: serverId } });
      return toServerRecord(row);
    });
  }

  /** Writes a DENIED entry about the server (or the environment's servers when `serverId` is null). */
  async auditDenied(environmentId: string, serverId: string | null, action: 'server.created' | 'server.updated', details: Record<string, unknown>, source: AuditSource): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const scope = await serverScope(tx, environmentId, source);
      await audit.append(tx, { ...auditEntry(scope, action, { type: 'server', id: serverId ?? environmentId }, details), outcome: 'denied' });
    });
  }

  async list(environmentId: string, page: PageRequest): Promise<Page<ServerRecord>> {
    const args = pageArgs(page);
    const rows = await this.prisma.mcpServer.findMany({ ...args, where: { ...args.where, environmentId } });
    return toPage(rows, page, toServerRecord);
  }

  async findByName(environmentId: string, name: string): Promise<ServerRecord | undefined> {
    const row = await this.prisma.mcpServer.findUnique({ where: { environmentId_name: { environmentId, name } } });
    return row ? toServerRecord(row) : undefined;
  }

  async findById(environmentId: string, id: string): Promise<ServerRecord | undefined> {
    const row = await this.prisma.mcpServer.findFirst({ where: { id, environmentId } });
    return row ? toServerRecord(row) : undefined;
  }

  /** The server, its environment and sealed secrets, for the worker's sync; undefined when deleted. */
  async findForSync(id: string): Promise<ServerForSync | undefined> {
    const row = await this.prisma.mcpServer.findUnique({ where: { id }, include: { environment: true } });
    if (!row) return undefined;
    return { server: toServerRecord(row), environment: toEnvironmentRecord(row.environment), secretsEncrypted: row.secretsEncrypted ? Buffer.from(row.secretsEncrypted) : null };
  }

  /** Every server that should have a sync schedule: enabled, syncable, with an interval (any organisation; the worker reconciles). */
  async listScheduled(): Promise<ServerRecord[]> {
    const rows = await this.prisma.mcpServer.findMany({ where: { enabled: true, syncIntervalSeconds: { not: null } }, orderBy: { id: 'asc' } });
    return rows.map(toServerRecord).filter(isSyncableServer);
  }

  /**
   * The server's history: audit entries about the server, its sync runs, and the tool changes they caused
   * (entries whose details name the server), newest first.
   */
  async history(organisationId: string, serverId: string, page: PageRequest) {
    const rows = await this.prisma.auditEntry.findMany({
      where: {
        organisationId,
        OR: [{ resourceType: 'server', resourceId: serverId }, { details: { path: ['serverId'], equals: serverId } }],
        ...(page.cursor ? { seq: { lt: BigInt(page.cursor) } } : {}),
      },
      orderBy: { seq: 'desc' },
      take: page.limit + 1,
    });
    const items = rows.slice(0, page.limit).map(toAuditEntry);
    return { items, nextCursor: rows.length > page.limit ? String(rows[page.limit - 1]!.seq) : null };
  }
}
