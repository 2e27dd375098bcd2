import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { pageArgs, toPage } from './pagination';
import { uniqueAsConflict } from './prisma-errors';
import { toEnvironmentRecord } from './registry.mappers';
import type { EnvironmentPolicy, EnvironmentRecord, Page, PageRequest } from './registry.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Environments of one organisation. Every query is scoped by `organisationId`. */
@Injectable()
export class EnvironmentRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Throws ConflictError `ENVIRONMENT.ALREADY_EXISTS` when the name is taken in the organisation. */
  async create(organisationId: string, name: string, policy: EnvironmentPolicy): Promise<EnvironmentRecord> {
    const row = await uniqueAsConflict(
      () => this.prisma.environment.create({ data: { organisationId, name, ...policy } }),
      'ENVIRONMENT.ALREADY_EXISTS',
      `Environment "${name}" already exists`,
      { name },
    );
    return toEnvironmentRecord(row);
  }

  async list(organisationId: string, page: PageRequest): Promise<Page<EnvironmentRecord>> {
    const args = pageArgs(page);
    const rows = await this.prisma.environment.findMany({ ...args, where: { ...args.where, organisationId } });
    return toPage(rows, page, toEnvironmentRecord);
  }

  /**
   * The environment with this id, in any organisation. For the worker only: it acts on ids the API
   * already scoped to the caller's organisation. Request handlers use {@link findByRef}.
   */
  async findByIdUnscoped(id: string): Promise<EnvironmentRecord | undefined> {
    const row = await this.prisma.environment.findUnique({ where: { id } });
    return row ? toEnvironmentRecord(row) : undefined;
  }

  /** The environment whose id or name is `ref` (an id wins over a name that looks like one). */
  async findByRef(organisationId: string, ref: string): Promise<EnvironmentRecord | undefined> {
    if (UUID.test(ref)) {
      const byId = await this.prisma.environment.findFirst({ where: { organisationId, id: ref } });
      if (byId) return toEnvironmentRecord(byId);
    }
    const byName = await this.prisma.environment.findUnique({ where: { organisationId_name: { organisationId, name: ref } } });
    return byName ? toEnvironmentRecord(byName) : undefined;
  }
}
