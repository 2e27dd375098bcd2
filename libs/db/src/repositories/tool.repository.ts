import { Injectable } from '@nestjs/common';
import { toolKey } from '@toolgate/pipeline';
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

/** A registry read with the revision it reflects. */
export interface RegistrySnapshot {
  revision: string;
  tools: ToolRecord[];
}

/** Registry changes after a revision: tools now in the registry, and tools that left it. */
export interface RegistryChangeSet {
  revision: string;
  upserted: ToolRecord[];
  removed: ToolRecord[];
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

  /** The registry's tools whose current version is one of `versionIds` (the subjects of a registration analysis). */
  async registryByVersionIds(environmentId: string, versionIds: readonly string[]): Promise<ToolRecord[]> {
    if (versionIds.length === 0) return [];
    const rows = await this.prisma.tool.findMany({
      where: { environmentId, deletedAt: null, status: { in: REGISTRY_STATUSES }, currentVersionId: { in: [...versionIds] } },
      include: TOOL_INCLUDE,
      orderBy: { id: 'asc' },
    });
    return rows.map(toToolRecord);
  }

  /** Tool ids by `toolKey(server, name)` for these tools of the environment (removed ones included); unknown keys are absent. */
  async idsByKey(environmentId: string, tools: readonly { server: string; name: string }[]): Promise<Map<string, string>> {
    if (tools.length === 0) return new Map();
    const rows = await this.prisma.tool.findMany({
      where: { environmentId, OR: tools.map((t) => ({ name: t.name, server: { name: t.server } })) },
      select: { id: true, name: true, server: { select: { name: true } } },
    });
    return new Map(rows.map((row) => [toolKey(row.server.name, row.name), row.id]));
  }

  /**
   * The environment's registry revision (bumped by a trigger in every transaction that changes a tool's
   * registry membership or version, docs/api.md "CI gate performance"); undefined for an unknown environment.
   */
  async registryRevision(environmentId: string): Promise<string | undefined> {
    const row = await this.prisma.environment.findUnique({ where: { id: environmentId }, select: { registryRevision: true } });
    return row?.registryRevision.toString();
  }

  /**
   * The registry with the revision it reflects. The revision is read first: tools are then at least that
   * new, so a later {@link registryChangesSince} from it misses nothing.
   */
  async registryAt(environmentId: string): Promise<RegistrySnapshot> {
    const revision = (await this.registryRevision(environmentId)) ?? '0';
    return { revision, tools: await this.registry(environmentId) };
  }

  /**
   * What changed in the registry after `revision`: tools now in it (new or changed) and tools that left
   * it (removed, rejected, deleted). Undefined when that cannot be listed (a tool row was hard-deleted or
   * a server renamed since then): reload with {@link registryAt}.
   */
  async registryChangesSince(environmentId: string, revision: string): Promise<RegistryChangeSet | undefined> {
    const env = await this.prisma.environment.findUnique({ where: { id: environmentId }, select: { registryRevision: true, registryResetRevision: true } });
    if (!env) return undefined;
    const since = BigInt(revision);
    if (since < env.registryResetRevision || since > env.registryRevision) return undefined;
    const rows = await this.prisma.tool.findMany({ where: { environmentId, registryRevision: { gt: since } }, include: TOOL_INCLUDE, orderBy: { id: 'asc' } });
    const changed = rows.map(toToolRecord);
    const inRegistry = (t: ToolRecord) => t.deletedAt === null && REGISTRY_STATUSES.includes(t.status) && t.currentVersion !== null;
    return {
      revision: env.registryRevision.toString(),
      upserted: changed.filter(inRegistry),
      removed: changed.filter((t) => !inRegistry(t)),
    };
  }

  /** Tool counts by status (removed included) for the health summary. */
  async countByStatus(environmentId: string): Promise<Partial<Record<ToolStatusValue, number>>> {
    const groups = await this.prisma.tool.groupBy({ by: ['status'], where: { environmentId }, _count: { _all: true } });
    return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  }
}
