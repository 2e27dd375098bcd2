import { Injectable } from '@nestjs/common';
import type { NotificationChannel, NotificationChannelKind } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { audit, auditEntry, type AuditSource, SYSTEM_SOURCE } from './audit-context';
import type { ChannelKindValue, NotificationChannelRecord, NotificationChannelWrite, SecretsSealer } from './notification.types';
import { pageArgs, toPage } from './pagination';
import { uniqueAsConflict } from './prisma-errors';
import type { Page, PageRequest } from './registry.types';
import { uuidV7 } from './uuid-v7';

const KIND_TO_DB: Record<ChannelKindValue, NotificationChannelKind> = { slack: 'SLACK', email: 'EMAIL', pagerduty: 'PAGERDUTY', webhook: 'WEBHOOK' };
const KIND_FROM_DB: Record<NotificationChannelKind, ChannelKindValue> = { SLACK: 'slack', EMAIL: 'email', PAGERDUTY: 'pagerduty', WEBHOOK: 'webhook' };

type ChannelRow = NotificationChannel & { environment: { organisationId: string } };
const INCLUDE = { environment: { select: { organisationId: true } } } as const;

function toRecord(row: ChannelRow): NotificationChannelRecord {
  return {
    id: row.id,
    environmentId: row.environmentId,
    organisationId: row.environment.organisationId,
    name: row.name,
    kind: KIND_FROM_DB[row.kind],
    minSeverity: row.minSeverity,
    events: row.events,
    digestMode: row.digestMode,
    digestIntervalSeconds: row.digestIntervalSeconds,
    settings: (row.settings ?? {}) as Record<string, unknown>,
    secretsEncrypted: row.secretsEncrypted,
    secretFields: row.secretFields,
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What an audit entry says about a channel: everything but the secrets (only which secret fields are set). */
function auditView(channel: NotificationChannelRecord): Record<string, unknown> {
  const { secretsEncrypted: _sealed, organisationId: _org, createdAt: _c, updatedAt: _u, ...rest } = channel;
  return rest;
}

const nameTaken = (name: string) => ['NOTIFICATION_CHANNEL.ALREADY_EXISTS', `A notification channel named "${name}" already exists in the environment`, { name }] as const;

/** Notification channels of an environment; every change writes its audit entry in the same transaction. */
@Injectable()
export class NotificationChannelRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Creates a channel; `seal` seals its secrets bound to the new id. `NOTIFICATION_CHANNEL.ALREADY_EXISTS` for a taken name. */
  async create(organisationId: string, environmentId: string, write: NotificationChannelWrite, seal: SecretsSealer, source: AuditSource = SYSTEM_SOURCE): Promise<NotificationChannelRecord> {
    const id = uuidV7();
    const { sealed, fields } = seal(id);
    return uniqueAsConflict(
      () =>
        this.prisma.$transaction(async (tx) => {
          const row = await tx.notificationChannel.create({
            data: { id, environmentId, ...write, kind: KIND_TO_DB[write.kind], settings: write.settings as object, secretsEncrypted: sealed ? Buffer.from(sealed) : null, secretFields: fields },
            include: INCLUDE,
          });
          const channel = toRecord(row);
          await audit.append(tx, auditEntry({ ...source, organisationId, environmentId }, 'notification_channel.created', { type: 'notification_channel', id }, auditView(channel)));
          return channel;
        }),
      ...nameTaken(write.name),
    );
  }

  /**
   * Applies `change` (and new sealed secrets when `seal` is given); audited with before/after (no secret values).
   * Undefined when the channel is not in the organisation.
   */
  async update(organisationId: string, id: string, change: Partial<NotificationChannelWrite>, seal: SecretsSealer | undefined, source: AuditSource = SYSTEM_SOURCE): Promise<NotificationChannelRecord | undefined> {
    const secrets = seal ? seal(id) : undefined;
    return uniqueAsConflict(
      () =>
        this.prisma.$transaction(async (tx) => {
          const locked = await tx.$queryRaw<{ id: string }[]>`
            SELECT c.id FROM "NotificationChannel" c JOIN "Environment" e ON e.id = c."environmentId"
            WHERE c.id = ${id}::uuid AND e."organisationId" = ${organisationId}::uuid FOR UPDATE OF c`;
          if (locked.length === 0) return undefined;
          const before = toRecord(await tx.notificationChannel.findUniqueOrThrow({ where: { id }, include: INCLUDE }));
          const { kind, settings, ...rest } = change;
          const row = await tx.notificationChannel.update({
            where: { id },
            data: {
              ...rest,
              ...(kind !== undefined ? { kind: KIND_TO_DB[kind] } : {}),
              ...(settings !== undefined ? { settings: settings as object } : {}),
              ...(secrets ? { secretsEncrypted: secrets.sealed ? Buffer.from(secrets.sealed) : null, secretFields: secrets.fields } : {}),
            },
            include: INCLUDE,
          });
          const after = toRecord(row);
          const details = { before: auditView(before), after: auditView(after), secretsReplaced: secrets !== undefined };
          await audit.append(tx, auditEntry({ ...source, organisationId, environmentId: after.environmentId }, 'notification_channel.updated', { type: 'notification_channel', id }, details));
          return after;
        }),
      ...nameTaken(change.name ?? ''),
    );
  }

  /** Deletes a channel (and its delivery history); audited. False when it is not in the organisation. */
  async delete(organisationId: string, id: string, source: AuditSource = SYSTEM_SOURCE): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.notificationChannel.findFirst({ where: { id, environment: { organisationId } }, include: INCLUDE });
      if (!row) return false;
      await tx.notificationChannel.delete({ where: { id } });
      const channel = toRecord(row);
      await audit.append(tx, auditEntry({ ...source, organisationId, environmentId: channel.environmentId }, 'notification_channel.deleted', { type: 'notification_channel', id }, auditView(channel)));
      return true;
    });
  }

  async findById(organisationId: string, id: string): Promise<NotificationChannelRecord | undefined> {
    const row = await this.prisma.notificationChannel.findFirst({ where: { id, environment: { organisationId } }, include: INCLUDE });
    return row ? toRecord(row) : undefined;
  }

  /** For the worker, which acts on ids the API already scoped. */
  async findByIdUnscoped(id: string): Promise<NotificationChannelRecord | undefined> {
    const row = await this.prisma.notificationChannel.findUnique({ where: { id }, include: INCLUDE });
    return row ? toRecord(row) : undefined;
  }

  async list(environmentId: string, page: PageRequest): Promise<Page<NotificationChannelRecord>> {
    const args = pageArgs(page);
    const rows = await this.prisma.notificationChannel.findMany({ ...args, where: { ...args.where, environmentId }, include: INCLUDE });
    return toPage(rows, page, toRecord);
  }

  /** The environment's enabled channels (the fan-out of one event). */
  async listEnabled(environmentId: string): Promise<NotificationChannelRecord[]> {
    const rows = await this.prisma.notificationChannel.findMany({ where: { environmentId, enabled: true }, include: INCLUDE, orderBy: { id: 'asc' } });
    return rows.map(toRecord);
  }
}
