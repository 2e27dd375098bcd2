import type { Severity } from '@toolgate/pipeline';
import type { OutboundUrlPolicy } from '@toolgate/net';
import { z } from 'zod';
import type { ChannelBreakers } from './channel-breakers';

/*
 * Contracts of the notifications lib (issue 7). The integration (schema, API, queue, dedup, digest)
 * builds against these types: change them additively only.
 */

/** Events a channel can subscribe to. Never rename: stored channel subscriptions and queued jobs hold these. */
export const NOTIFICATION_EVENT_TYPES = [
  'conflict.detected',
  'conflict.resolved',
  'approval.requested',
  'approval.expiring',
  'approval.decided',
  'approval.expired',
  'sync.tool_changed',
  'analysis.failed',
  'channel.test',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

/**
 * Event types that close what an earlier event opened (same `dedupKey`): PagerDuty receives them as a
 * `resolve` event; other channels as an ordinary message.
 */
export const RESOLVING_EVENT_TYPES: ReadonlySet<NotificationEventType> = new Set([
  'conflict.resolved',
  'approval.decided',
  'approval.expired',
]);

export interface NotificationToolRef {
  name: string;
  /** Name of the MCP server that provides the tool. */
  server: string;
  id?: string;
  status?: string;
}

export interface NotificationConflict {
  id: string;
  severity: Severity;
  /** One or two sentences: why the two tools collide (e.g. "same name on two servers"). */
  summary: string;
  /** Detection stage or rule that found it (lexical, schema, semantic, routing ...). */
  kind?: string;
  score?: number;
}

export interface NotificationRecommendation {
  /** Short action, e.g. "Rename `search` on server `b` to `b_search`". */
  title: string;
  detail?: string;
}

export interface NotificationApproval {
  requestId: string;
  /** ISO-8601 instant when the request expires. */
  expiresAt?: string;
  requestedBy?: string;
  /** Set on approval.decided. */
  decision?: 'APPROVED' | 'REJECTED';
  decidedBy?: string;
  reason?: string;
}

/** Links shown as buttons / URLs; built by the caller from the configured public base URL. */
export interface NotificationLinks {
  approve?: string;
  reject?: string;
  details?: string;
}

export interface NotificationSyncChange {
  /** One line per changed part of the definition, e.g. "description changed", "inputSchema: property `q` removed". */
  changes: string[];
  previousHash?: string;
  currentHash?: string;
}

export interface NotificationRunFailure {
  runId: string;
  /** Error text, already free of secrets. */
  error: string;
}

/** One event to notify about. Carries everything the formatters render; no IDs to resolve later. */
export interface NotificationEvent {
  type: NotificationEventType;
  /** Unique id of this occurrence (becomes `Toolgate-Event-Id` on webhooks; the type is `Toolgate-Event`). */
  id: string;
  environment: { id: string; name: string };
  /** ISO-8601 instant. */
  occurredAt: string;
  severity?: Severity;
  /**
   * Stable per conflict (`conflict:<id>`) or per approval request (`approval:<id>`) across the opening and
   * resolving events, so PagerDuty updates and resolves one incident. See `dedupKeyFor`.
   */
  dedupKey: string;
  /** Optional headline; formatters derive one from the type and tools when absent. */
  title?: string;
  tool?: NotificationToolRef;
  otherTool?: NotificationToolRef;
  conflict?: NotificationConflict;
  recommendation?: NotificationRecommendation;
  approval?: NotificationApproval;
  links?: NotificationLinks;
  sync?: NotificationSyncChange;
  run?: NotificationRunFailure;
}

/** Batched LOW/MEDIUM events of one environment over one interval, delivered as a single message. */
export interface NotificationDigest {
  type: 'digest';
  /** Unique id of this digest (becomes `Toolgate-Event-Id` on webhooks; the type is `Toolgate-Event`). */
  id: string;
  environment: { id: string; name: string };
  /** ISO-8601 instants bounding the batched events. */
  periodStart: string;
  periodEnd: string;
  events: NotificationEvent[];
  /** Link to the environment's conflict list, if any. */
  detailsUrl?: string;
}

export type NotificationMessage = NotificationEvent | NotificationDigest;

export function isDigest(message: NotificationMessage): message is NotificationDigest {
  return message.type === 'digest';
}

/** The stable dedup key of a conflict or an approval request (shared by its opening and resolving events). */
export function dedupKeyFor(subject: { conflictId: string } | { approvalRequestId: string } | { key: string }): string {
  if ('conflictId' in subject) return `conflict:${subject.conflictId}`;
  if ('approvalRequestId' in subject) return `approval:${subject.approvalRequestId}`;
  return subject.key;
}

// ---------------------------------------------------------------------------------------------------
// Channels: non-secret `settings` (stored in clear, returned by the API) and `secrets` (sealed with
// @toolgate/secrets, never returned or logged).

export const CHANNEL_KINDS = ['slack', 'email', 'pagerduty', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

const httpUrl = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .url({ message: `${field} must be a URL` })
    .refine((value) => /^https?:\/\//i.test(value), { message: `${field} must be an http(s) URL` });

const emailAddress = (field: string) => z.string({ error: `${field} is required` }).email({ message: `${field} must be an email address` });

export const slackSettingsSchema = z.object({}).strict();
export const slackSecretsSchema = z.object({ webhookUrl: httpUrl('webhookUrl') }).strict();

export const emailSettingsSchema = z
  .object({
    host: z.string({ error: 'host is required' }).min(1, { message: 'host is required' }),
    port: z
      .number({ error: 'port must be a number' })
      .int({ message: 'port must be an integer' })
      .min(1, { message: 'port must be 1-65535' })
      .max(65535, { message: 'port must be 1-65535' }),
    /** true: TLS from the start (port 465); false: plain, upgraded with STARTTLS when the server offers it. */
    secure: z.boolean({ error: 'secure must be a boolean' }).default(false),
    /** Refuse to send unless the connection is upgraded with STARTTLS. */
    requireTLS: z.boolean({ error: 'requireTLS must be a boolean' }).optional(),
    from: emailAddress('from'),
    to: z.array(emailAddress('to[]'), { error: 'to must be a list of email addresses' }).min(1, { message: 'to needs at least one address' }),
  })
  .strict();
export const emailSecretsSchema = z
  .object({
    user: z.string({ error: 'user must be a string' }).min(1, { message: 'user must not be empty' }).optional(),
    password: z.string({ error: 'password must be a string' }).min(1, { message: 'password must not be empty' }).optional(),
  })
  .strict()
  .refine((value) => (value.user === undefined) === (value.password === undefined), {
    message: 'user and password go together',
    path: ['password'],
  });

export const pagerDutySettingsSchema = z
  .object({
    /** Events API v2 endpoint; defaults to https://events.pagerduty.com/v2/enqueue (override for EU or tests). */
    eventsUrl: httpUrl('eventsUrl').optional(),
  })
  .strict();
export const pagerDutySecretsSchema = z
  .object({
    routingKey: z.string({ error: 'routingKey is required' }).min(1, { message: 'routingKey is required' }),
  })
  .strict();

export const webhookSettingsSchema = z.object({}).strict();
/** The URL is a secret: receivers often put a token in it. */
export const webhookSecretsSchema = z
  .object({
    url: httpUrl('url'),
    signingSecret: z.string({ error: 'signingSecret is required' }).min(16, { message: 'signingSecret must be at least 16 characters' }),
  })
  .strict();

export const channelSettingsSchemas = {
  slack: slackSettingsSchema,
  email: emailSettingsSchema,
  pagerduty: pagerDutySettingsSchema,
  webhook: webhookSettingsSchema,
} as const;

export const channelSecretsSchemas = {
  slack: slackSecretsSchema,
  email: emailSecretsSchema,
  pagerduty: pagerDutySecretsSchema,
  webhook: webhookSecretsSchema,
} as const;

export type SlackSettings = z.infer<typeof slackSettingsSchema>;
export type SlackSecrets = z.infer<typeof slackSecretsSchema>;
export type EmailSettings = z.infer<typeof emailSettingsSchema>;
export type EmailSecrets = z.infer<typeof emailSecretsSchema>;
export type PagerDutySettings = z.infer<typeof pagerDutySettingsSchema>;
export type PagerDutySecrets = z.infer<typeof pagerDutySecretsSchema>;
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;
export type WebhookSecrets = z.infer<typeof webhookSecretsSchema>;

interface ChannelBase {
  /** Stable channel id: keys the circuit breaker. */
  id: string;
  name?: string;
}

/** A channel with its secrets opened, ready to deliver to. Never serialise it. */
export type NotificationChannel =
  | (ChannelBase & { kind: 'slack'; settings: SlackSettings; secrets: SlackSecrets })
  | (ChannelBase & { kind: 'email'; settings: EmailSettings; secrets: EmailSecrets })
  | (ChannelBase & { kind: 'pagerduty'; settings: PagerDutySettings; secrets: PagerDutySecrets })
  | (ChannelBase & { kind: 'webhook'; settings: WebhookSettings; secrets: WebhookSecrets });

export interface ChannelConfigIssue {
  /** Dotted path from the channel config root, e.g. `settings.port` or `secrets.webhookUrl`. */
  field: string;
  message: string;
}

export type ChannelConfigResult =
  | { ok: true; settings: NotificationChannel['settings']; secrets: NotificationChannel['secrets'] }
  | { ok: false; issues: ChannelConfigIssue[] };

/**
 * Validates a channel's settings and secrets for its kind. Issues name the field
 * (`settings.port`, `secrets.routingKey`) so the API can return them in `details`.
 */
export function parseChannelConfig(kind: ChannelKind, settings: unknown, secrets: unknown): ChannelConfigResult {
  const issues: ChannelConfigIssue[] = [];
  const parsedSettings = channelSettingsSchemas[kind].safeParse(settings ?? {});
  const parsedSecrets = channelSecretsSchemas[kind].safeParse(secrets ?? {});
  const collect = (root: string, error: z.ZodError) => {
    for (const issue of error.issues) {
      const path = issue.path.map(String);
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) issues.push({ field: [root, ...path, key].join('.'), message: `${key} is not a known field` });
        continue;
      }
      issues.push({ field: [root, ...path].join('.'), message: issue.message });
    }
  };
  if (!parsedSettings.success) collect('settings', parsedSettings.error);
  if (!parsedSecrets.success) collect('secrets', parsedSecrets.error);
  if (!parsedSettings.success || !parsedSecrets.success) return { ok: false, issues };
  return { ok: true, settings: parsedSettings.data, secrets: parsedSecrets.data } as ChannelConfigResult;
}

/** Every secret string of a channel: what `redactSecretValues` must remove from any error or log text. */
export function channelSecretValues(channel: NotificationChannel): string[] {
  const values = Object.values(channel.secrets as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
  // A URL's query token or path segment may be echoed alone (e.g. by a proxy); redact those parts too.
  for (const value of [...values]) {
    if (!/^https?:\/\//i.test(value)) continue;
    try {
      const url = new URL(value);
      for (const [, v] of url.searchParams) values.push(v);
      // Token-like path segments only (8+ characters with a digit): not words like `services`.
      for (const segment of url.pathname.split('/')) if (segment.length >= 8 && /\d/.test(segment)) values.push(segment);
      if (url.password) values.push(url.password);
    } catch {
      // not a URL after all: the whole value is already listed
    }
  }
  return values;
}

// ---------------------------------------------------------------------------------------------------
// Delivery

export type DeliveryStatus = 'sent' | 'failed';

/** Why a delivery failed, stable for storage and filtering. */
export type DeliveryErrorCode =
  | 'NOTIFICATION.HTTP_STATUS'
  | 'NOTIFICATION.NETWORK'
  | 'NOTIFICATION.TIMEOUT'
  | 'NOTIFICATION.SMTP'
  | 'NOTIFICATION.CIRCUIT_OPEN'
  | 'NOTIFICATION.INVALID_CHANNEL'
  /** The URL or SMTP host is outside the outbound policy (NOTIFY_URL_ALLOWLIST, private ranges): permanent. */
  | 'NOTIFICATION.DESTINATION_NOT_ALLOWED';

export interface DeliveryResult {
  ok: boolean;
  status: DeliveryStatus;
  /** true for 429, 5xx, network errors, timeouts, SMTP 4xx and an open circuit: try again later. */
  retryable: boolean;
  httpStatus?: number;
  errorCode?: DeliveryErrorCode;
  /** Error text with every channel secret redacted. */
  error?: string;
  /** Milliseconds to wait before the next attempt, from the peer's Retry-After (or the breaker's reset). */
  retryAfterMs?: number;
  /** Slack: none; PagerDuty: dedup_key echoed; email: SMTP Message-ID; webhook: the Toolgate-Delivery id. */
  providerMessageId?: string;
  durationMs: number;
}

export interface DeliverOptions {
  /**
   * Id of this delivery (becomes `Toolgate-Delivery` on webhooks, `X-Toolgate-Delivery` on email). Pass the
   * same id on every retry of one delivery (e.g. the stored delivery row's id) so receivers can dedupe.
   * Defaults to a random UUID.
   */
  deliveryId?: string;
  /** Per-attempt timeout. Default 10 s. */
  timeoutMs?: number;
  /** Clock (webhook signature timestamp). */
  now?: () => Date;
  /** Per-channel circuit breakers; without it, no breaker is used. */
  breakers?: ChannelBreakers;
  /**
   * Where sends may go (@toolgate/net): checked before every send and again on every HTTP request / SMTP
   * connection. Default: public addresses only (private, loopback, link-local and metadata ranges refused).
   */
  urlPolicy?: OutboundUrlPolicy;
}
