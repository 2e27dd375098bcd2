import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { audit, auditEntry, type AuditSource, SYSTEM_SOURCE } from './audit-context';
import { pageArgs, toPage } from './pagination';
import { uniqueAsConflict } from './prisma-errors';
import { toServerRecord } from './registry.mappers';
import type { Page, PageRequest, ServerRecord, TransportValue } from './registry.types';

export interface NewServer {
  name: string;
  transport: TransportValue;
  connection: Record<string, unknown>;
  syncIntervalSeconds: number | null;
  enabled: boolean;
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
    return uniqueAsConflict(
      () =>
        this.prisma.$transaction(async (tx) => {
          const row = await tx.mcpServer.create({ data: { environmentId, ...server, connection: server.connection as Prisma.InputJsonObject }, include: { environment: { select: { organisationId: true } } } });
          const scope = { ...source, organisationId: row.environment.organisationId, environmentId };
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

  async list(environmentId: string, page: PageRequest): Promise<Page<ServerRecord>> {
    const args = pageArgs(page);
    const rows = await this.prisma.mcpServer.findMany({ ...args, where: { ...args.where, environmentId } });
    return toPage(rows, page, toServerRecord);
  }

  async findByName(environmentId: string, name: string): Promise<ServerRecord | undefined> {
    const row = await this.prisma.mcpServer.findUnique({ where: { environmentId_name: { environmentId, name } } });
    return row ? toServerRecord(row) : undefined;
  }
}
