import type { NotificationChannelRecord, NotificationDeliveryRecord } from '@toolgate/db';
import { z } from 'zod';

export const ChannelResponseSchema = z.object({
  id: z.uuid(),
  environmentId: z.uuid(),
  name: z.string(),
  kind: z.enum(['slack', 'email', 'pagerduty', 'webhook']),
  minSeverity: z.string(),
  events: z.array(z.string()),
  digestMode: z.enum(['IMMEDIATE', 'DIGEST']),
  digestIntervalSeconds: z.number().int(),
  settings: z.record(z.string(), z.unknown()),
  /** Which secret fields are set; their values are never returned. */
  secretFields: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ChannelResponse = z.infer<typeof ChannelResponseSchema>;

export function toChannelResponse(channel: NotificationChannelRecord): ChannelResponse {
  return {
    id: channel.id,
    environmentId: channel.environmentId,
    name: channel.name,
    kind: channel.kind,
    minSeverity: channel.minSeverity,
    events: channel.events,
    digestMode: channel.digestMode,
    digestIntervalSeconds: channel.digestIntervalSeconds,
    settings: channel.settings,
    secretFields: channel.secretFields,
    enabled: channel.enabled,
    createdAt: channel.createdAt.toISOString(),
    updatedAt: channel.updatedAt.toISOString(),
  };
}

export const DeliveryResponseSchema = z.object({
  id: z.uuid(),
  channel: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
  environmentId: z.uuid(),
  event: z.string(),
  /** The subject: `conflict:<id>`, `approval:<id>` ...; PagerDuty's dedup_key. */
  dedupKey: z.string(),
  severity: z.string().nullable(),
  status: z.enum(['QUEUED', 'SENT', 'FAILED', 'SUPPRESSED']),
  attempts: z.number().int(),
  /** Why the last attempt failed (secrets redacted), or why it was suppressed. */
  error: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  /** Set for events batched into a digest. */
  digest: z.boolean(),
  title: z.string().nullable(),
  sentAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type DeliveryResponse = z.infer<typeof DeliveryResponseSchema>;

export function toDeliveryResponse(d: NotificationDeliveryRecord): DeliveryResponse {
  return {
    id: d.id,
    channel: { id: d.channelId, name: d.channelName, kind: d.channelKind },
    environmentId: d.environmentId,
    event: d.eventType,
    dedupKey: d.dedupKey,
    severity: d.severity,
    status: d.status,
    attempts: d.attempts,
    error: d.lastError,
    httpStatus: d.httpStatus,
    digest: d.digestKey !== null,
    title: typeof d.event['title'] === 'string' ? d.event['title'] : null,
    sentAt: d.sentAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** What the test endpoint reports: the first attempt's result, or QUEUED when it did not finish in time. */
export const TestResultResponseSchema = z.object({
  deliveryId: z.uuid(),
  ok: z.boolean(),
  status: z.enum(['QUEUED', 'SENT', 'FAILED', 'SUPPRESSED']),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});
export type TestResultResponse = z.infer<typeof TestResultResponseSchema>;
