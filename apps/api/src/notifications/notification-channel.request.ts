import { CHANNEL_KINDS, NOTIFICATION_EVENT_TYPES } from '@toolgate/notifications';
import { z } from 'zod';
import { PageQuerySchema } from '../registry/page.request';

const SEVERITIES = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
/** Events a channel may subscribe to (`channel.test` is sent by the test endpoint only). */
const SUBSCRIBABLE = NOTIFICATION_EVENT_TYPES.filter((type) => type !== 'channel.test') as [string, ...string[]];

const channelFields = {
  name: z.string().trim().min(1).max(100),
  /** Conflict events (and approval requests, by their conflicts' severity) below this are not sent. */
  minSeverity: z.enum(SEVERITIES).default('HIGH'),
  /** Event types to receive; empty (the default) means all of them. */
  events: z.array(z.enum(SUBSCRIBABLE)).max(SUBSCRIBABLE.length).default([]),
  /** DIGEST batches LOW/MEDIUM events into one message per `digestIntervalSeconds`. */
  digestMode: z.enum(['IMMEDIATE', 'DIGEST']).default('IMMEDIATE'),
  digestIntervalSeconds: z.number().int().min(60).max(7 * 86_400).default(3600),
  /** Non-secret settings of the kind (email: host, port, from, to ...); validated per kind. */
  settings: z.record(z.string(), z.unknown()).default({}),
  /** Write-only: webhook URLs, routing keys, SMTP credentials. Never returned. */
  secrets: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().default(true),
};

export const CreateChannelRequestSchema = z.object({ ...channelFields, kind: z.enum(CHANNEL_KINDS) }).strict();
export type CreateChannelRequest = z.infer<typeof CreateChannelRequestSchema>;

/** Any subset; `secrets`, when given, replaces every secret of the channel. Changing `kind` needs `settings` and `secrets`. */
export const UpdateChannelRequestSchema = z
  .object({
    name: channelFields.name.optional(),
    kind: z.enum(CHANNEL_KINDS).optional(),
    minSeverity: z.enum(SEVERITIES).optional(),
    events: z.array(z.enum(SUBSCRIBABLE)).max(SUBSCRIBABLE.length).optional(),
    digestMode: z.enum(['IMMEDIATE', 'DIGEST']).optional(),
    digestIntervalSeconds: z.number().int().min(60).max(7 * 86_400).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    secrets: z.record(z.string(), z.unknown()).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateChannelRequest = z.infer<typeof UpdateChannelRequestSchema>;

export const DeliveryListQuerySchema = PageQuerySchema.extend({
  /** Environment id or name. */
  environment: z.string().min(1).max(128).optional(),
  channel: z.uuid().optional(),
  status: z.enum(['QUEUED', 'SENT', 'FAILED', 'SUPPRESSED']).optional(),
  event: z.enum(NOTIFICATION_EVENT_TYPES).optional(),
});
export type DeliveryListQuery = z.infer<typeof DeliveryListQuerySchema>;
