import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { audit, type AuditSource, SYSTEM_SOURCE } from './audit-context';
import { pageArgs, toPage } from './pagination';
import type { Page, PageRequest } from './registry.types';
import type { RoleValue } from './user.repository';

/** An API key without its secret (only the SHA-256 of the secret is stored). */
export interface ApiKeyRecord {
  id: string;
  organisationId: string;
  name: string;
  role: RoleValue;
  prefix: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdById: string | null;
  createdAt: Date;
}

export interface NewApiKey {
  organisationId: string;
  name: string;
  role: RoleValue;
  keyHash: string;
  prefix: string;
  expiresAt: Date | null;
  createdById: string | null;
}

const SELECT = {
  id: true,
  organisationId: true,
  name: true,
  role: true,
  prefix: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdById: true,
  createdAt: true,
} as const;

// lastUsedAt is for display; writing it on every CI call would turn each read into a write.
const LAST_USED_GRANULARITY_MS = 60_000;

/** API keys of one organisation; `findUsable` is the lookup on every key-authenticated request. */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Creates the key and its `api_key.created` audit entry in one transaction. */
  async create(key: NewApiKey, source: AuditSource = SYSTEM_SOURCE): Promise<ApiKeyRecord> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.apiKey.create({ data: key, select: SELECT });
      const details = { name: row.name, role: row.role, prefix: row.prefix, expiresAt: row.expiresAt?.toISOString() ?? null };
      await audit.append(tx, { ...entrySource(key.organisationId, source), action: 'api_key.created', resource: { type: 'api_key', id: row.id }, details });
      return row;
    });
  }

  async list(organisationId: string, page: PageRequest): Promise<Page<ApiKeyRecord>> {
    const args = pageArgs(page);
    const rows = await this.prisma.apiKey.findMany({ ...args, where: { ...args.where, organisationId }, select: SELECT });
    return toPage(rows, page, (row) => row);
  }

  async findById(organisationId: string, id: string): Promise<ApiKeyRecord | undefined> {
    return (await this.prisma.apiKey.findFirst({ where: { organisationId, id }, select: SELECT })) ?? undefined;
  }

  /** Revokes the key (with its `api_key.revoked` entry); false when it does not exist in the organisation or was already revoked. */
  async revoke(organisationId: string, id: string, at: Date, source: AuditSource = SYSTEM_SOURCE): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.apiKey.updateMany({ where: { organisationId, id, revokedAt: null }, data: { revokedAt: at } });
      if (count === 1) await audit.append(tx, { ...entrySource(organisationId, source), action: 'api_key.revoked', resource: { type: 'api_key', id }, details: {} });
      return count === 1;
    });
  }

  /**
   * The key whose secret hashes to `keyHash`, if it is neither revoked nor expired at `now`. One
   * indexed lookup (keyHash is unique), so revocation and expiry take effect on the next request.
   */
  async findUsable(keyHash: string, now: Date): Promise<ApiKeyRecord | undefined> {
    const row = await this.prisma.apiKey.findUnique({ where: { keyHash }, select: SELECT });
    if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) return undefined;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
      // Best effort and not awaited: a failed touch must not fail or slow down the request.
      void this.prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch(() => undefined);
    }
    return row;
  }
}

function entrySource(organisationId: string, source: AuditSource) {
  return { organisationId, actor: source.actor, sourceIp: source.sourceIp ?? null, requestId: source.requestId ?? null };
}
