import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
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

  /** Throws ConflictError `SERVER.ALREADY_EXISTS` when the name is taken in the environment. */
  async create(environmentId: string, server: NewServer): Promise<ServerRecord> {
    const row = await uniqueAsConflict(
      () => this.prisma.mcpServer.create({ data: { environmentId, ...server, connection: server.connection as Prisma.InputJsonObject } }),
      'SERVER.ALREADY_EXISTS',
      `Server "${server.name}" already exists in this environment`,
      { name: server.name },
    );
    return toServerRecord(row);
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
