import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { pageArgs, toPage } from './pagination';
import { TOOL_INCLUDE, toToolRecord, toVersionRecord } from './registry.mappers';
import type { Page, PageRequest, ToolRecord, ToolStatusValue, ToolVersionRecord } from './registry.types';

export interface ToolFilter {
  serverName?: string;
  /** Without a status filter, removed tools are left out. */
  status?: ToolStatusValue;
  /** Case-insensitive substring of the tool name. */
  nameContains?: string;
}

/** The statuses that make a tool part of the registry new tools are analysed against. */
export const REGISTRY_STATUSES: ToolStatusValue[] = ['ACTIVE', 'BLOCKED', 'PENDING_ANALYSIS'];

/** Reads of tools and their versions. Writes go through ToolRegistrationRepository. */
@Injectable()
export class ToolRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(environmentId: string, filter: ToolFilter, page: PageRequest): Promise<Page<ToolRecord>> {
    const args = pageArgs(page);
    const where: Prisma.ToolWhereInput = {
      ...args.where,
      environmentId,
      status: filter.status ?? { not: 'REMOVED' },
      ...(filter.serverName !== undefined ? { server: { name: filter.serverName } } : {}),
      ...(filter.nameContains ? { name: { contains: filter.nameContains, mode: 'insensitive' } } : {}),
    };
    const rows = await this.prisma.tool.findMany({ ...args, where, include: TOOL_INCLUDE });
    return toPage(rows, page, toToolRecord);
  }

  /** A tool of the organisation, removed ones included (their history stays readable). */
  async findById(organisationId: string, id: string): Promise<ToolRecord | undefined> {
    const row = await this.prisma.tool.findFirst({ where: { id, environment: { organisationId } }, include: TOOL_INCLUDE });
    return row ? toToolRecord(row) : undefined;
  }

  /** Every version of a tool, oldest first. */
  async versions(toolId: string): Promise<ToolVersionRecord[]> {
    const rows = await this.prisma.toolVersion.findMany({ where: { toolId }, orderBy: { version: 'asc' } });
    return rows.map(toVersionRecord);
  }

  /** The tools of a server with these names, removed ones included. */
  async findByNames(serverId: string, names: readonly string[]): Promise<ToolRecord[]> {
    const rows = await this.prisma.tool.findMany({ where: { serverId, name: { in: [...names] } }, include: TOOL_INCLUDE });
    return rows.map(toToolRecord);
  }

  /** The registry of an environment: tools that are live or waiting, with their current definitions. */
  async registry(environmentId: string): Promise<ToolRecord[]> {
    const rows = await this.prisma.tool.findMany({
      where: { environmentId, deletedAt: null, status: { in: REGISTRY_STATUSES }, currentVersionId: { not: null } },
      include: TOOL_INCLUDE,
      orderBy: { id: 'asc' },
    });
    return rows.map(toToolRecord);
  }

  /** Tool counts by status (removed included) for the health summary. */
  async countByStatus(environmentId: string): Promise<Partial<Record<ToolStatusValue, number>>> {
    const groups = await this.prisma.tool.groupBy({ by: ['status'], where: { environmentId }, _count: { _all: true } });
    return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  }
}
