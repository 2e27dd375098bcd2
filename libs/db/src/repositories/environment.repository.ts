import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { audit, auditEntry, type AuditSource, SYSTEM_SOURCE } from './audit-context';
import { pageArgs, toPage } from './pagination';
import { uniqueAsConflict } from './prisma-errors';
import { toEnvironmentRecord } from './registry.mappers';
import type { EnvironmentPolicy, EnvironmentRecord, Page, PageRequest } from './registry.types';

/** Validated provider overrides (apps/api environment.request.ts): plain JSON, no secrets. */
export type ProviderOverridesValue = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Environments of one organisation. Every query is scoped by `organisationId`. */
@Injectable()
export class EnvironmentRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Creates the environment with its `environment.created` audit entry in one transaction. Throws
   * ConflictError `ENVIRONMENT.ALREADY_EXISTS` when the name is taken in the organisation.
   */
  async create(organisationId: string, name: string, policy: EnvironmentPolicy, source: AuditSource = SYSTEM_SOURCE, providerOverrides: ProviderOverridesValue = {}): Promise<EnvironmentRecord> {
    return uniqueAsConflict(
      () =>
        this.prisma.$transaction(async (tx) => {
          const env = toEnvironmentRecord(await tx.environment.create({ data: { organisationId, name, ...policy, providerOverrides: providerOverrides as Prisma.InputJsonValue } }));
          const scope = { ...source, organisationId, environmentId: env.id };
          // Overrides hold settings and key variable names only (validated by the API), never keys.
          const details = { name, policy: env.policy, ...(Object.keys(env.providerOverrides).length > 0 ? { providerOverrides: env.providerOverrides } : {}) };
          await audit.append(tx, auditEntry(scope, 'environment.created', { type: 'environment', id: env.id }, details));
          return env;
        }),
      'ENVIRONMENT.ALREADY_EXISTS',
      `Environment "${name}" already exists`,
      { name },
    );
  }

  /**
   * Applies `change` to the environment's policy and writes `policy.changed` with `{ before, after }`
   * in the same transaction; undefined when the environment is not in the organisation. The row is
   * locked first so two concurrent changes each record the policy the other left behind.
   */
  async updatePolicy(organisationId: string, id: string, change: Partial<EnvironmentPolicy> & { providerOverrides?: ProviderOverridesValue }, source: AuditSource = SYSTEM_SOURCE): Promise<EnvironmentRecord | undefined> {
    return this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Environment" WHERE id = ${id}::uuid AND "organisationId" = ${organisationId}::uuid FOR UPDATE`;
      if (locked.length === 0) return undefined;
      const before = toEnvironmentRecord(await tx.environment.findUniqueOrThrow({ where: { id } }));
      const { providerOverrides, ...policy } = change;
      const data = { ...policy, ...(providerOverrides !== undefined ? { providerOverrides: providerOverrides as Prisma.InputJsonValue } : {}) };
      const after = toEnvironmentRecord(await tx.environment.update({ where: { id }, data }));
      const scope = { ...source, organisationId, environmentId: id };
      // Provider overrides are part of what the environment runs with: audited with the policy, before/after.
      const withProviders = (env: EnvironmentRecord) => (providerOverrides !== undefined ? { ...env.policy, providerOverrides: env.providerOverrides } : env.policy);
      await audit.append(tx, auditEntry(scope, 'policy.changed', { type: 'environment', id }, { before: withProviders(before), after: withProviders(after) }));
      return after;
    });
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
