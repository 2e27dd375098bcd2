import type { SeverityLevel } from './registry.types';

export type ChannelKindValue = 'slack' | 'email' | 'pagerduty' | 'webhook';
export type DigestModeValue = 'IMMEDIATE' | 'DIGEST';
export type DeliveryStatusValue = 'QUEUED' | 'SENT' | 'FAILED' | 'SUPPRESSED';

/** A notification channel as stored: settings in clear, secrets sealed (never leave the service that opens them). */
export interface NotificationChannelRecord {
  id: string;
  environmentId: string;
  organisationId: string;
  name: string;
  kind: ChannelKindValue;
  minSeverity: SeverityLevel;
  /** Subscribed event types; empty means every event. */
  events: string[];
  digestMode: DigestModeValue;
  digestIntervalSeconds: number;
  settings: Record<string, unknown>;
  secretsEncrypted: Uint8Array | null;
  /** Names of the secret fields that are set. */
  secretFields: string[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The fields of a new channel (its secrets are sealed by the caller, bound to the id the repository picks). */
export type NotificationChannelWrite = Pick<NotificationChannelRecord, 'name' | 'kind' | 'minSeverity' | 'events' | 'digestMode' | 'digestIntervalSeconds' | 'settings' | 'enabled'>;

/** Seals a channel's secrets for the channel `id` (null: no secrets); `fields` are the set secret names. */
export type SecretsSealer = (channelId: string) => { sealed: Uint8Array | null; fields: string[] };

export interface NotificationDeliveryRecord {
  id: string;
  channelId: string;
  channelName: string;
  channelKind: ChannelKindValue;
  environmentId: string;
  eventType: string;
  dedupKey: string;
  severity: SeverityLevel | null;
  status: DeliveryStatusValue;
  attempts: number;
  lastError: string | null;
  httpStatus: number | null;
  /** The rendered event (no secrets). */
  event: Record<string, unknown>;
  digestKey: string | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NotificationDeliveryWrite {
  channelId: string;
  environmentId: string;
  eventType: string;
  dedupKey: string;
  severity: SeverityLevel | null;
  event: Record<string, unknown>;
  digestKey: string | null;
}

export interface NotificationDeliveryFilter {
  environmentId?: string;
  channelId?: string;
  status?: DeliveryStatusValue;
  eventType?: string;
}

/** One attempt's outcome, as the worker records it. */
export interface DeliveryAttempt {
  /** SENT, FAILED (final), or QUEUED (a retryable failure: another attempt follows). */
  status: DeliveryStatusValue;
  attempts: number;
  error: string | null;
  httpStatus: number | null;
}

/** The context a channel's secrets are sealed with (`@toolgate/secrets`): a ciphertext copied to another channel does not open there. */
export function channelSecretsContext(channelId: string): string {
  return `notification-channel:${channelId}`;
}
