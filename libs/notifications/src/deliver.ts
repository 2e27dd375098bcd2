import { randomUUID } from 'node:crypto';
import { redactSecretValues } from '@toolgate/secrets';
import { checkChannelDestinations, destinationsOf, withNotifyNames } from './channel-destinations';
import { channelSecretValues, parseChannelConfig, type DeliverOptions, type DeliveryResult, type NotificationChannel, type NotificationMessage } from './model';
import { sendToChannel } from './delivery/send-to-channel';

/**
 * Formats `message` for the channel's kind and sends it once (retries are the caller's: BullMQ).
 * Never throws: every outcome is a DeliveryResult, classified as sent / retryable failure /
 * permanent failure, with every channel secret redacted from the error text.
 */
export async function deliver(channel: NotificationChannel, message: NotificationMessage, options: DeliverOptions = {}): Promise<DeliveryResult> {
  const resolved = {
    ...options,
    deliveryId: options.deliveryId ?? randomUUID(),
    timeoutMs: options.timeoutMs ?? 10_000,
    now: options.now ?? (() => new Date()),
    urlPolicy: withNotifyNames(options.urlPolicy),
  };
  // A stored channel is validated when saved; check again so a bad row fails permanently, naming the field.
  const config = parseChannelConfig(channel.kind, channel.settings, channel.secrets);
  if (!config.ok) {
    const error = `invalid channel configuration: ${config.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`;
    return redactResult({ ok: false, status: 'failed', retryable: false, errorCode: 'NOTIFICATION.INVALID_CHANNEL', error, durationMs: 0 }, channel);
  }
  // Checked before the breaker: a refused destination is the configuration's fault, not a sign the peer is down.
  // (A name that does not resolve is left to the attempt: DNS failures are retryable.)
  const refused = (await checkChannelDestinations(destinationsOf(channel), resolved.urlPolicy)).find((r) => r.code === 'URL_NOT_ALLOWED');
  if (refused) {
    const error = `${refused.field}: ${refused.message}`;
    return redactResult({ ok: false, status: 'failed', retryable: false, errorCode: 'NOTIFICATION.DESTINATION_NOT_ALLOWED', error, durationMs: 0 }, channel);
  }
  const attempt = async (): Promise<DeliveryResult> => {
    const started = Date.now();
    try {
      return await sendToChannel(channel, message, resolved);
    } catch (error) {
      const text = typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string' ? (error as { message: string }).message : String(error);
      return { ok: false, status: 'failed', retryable: true, errorCode: 'NOTIFICATION.NETWORK', error: text, durationMs: Date.now() - started };
    }
  };
  const result = options.breakers ? await options.breakers.run(channel.id, attempt) : await attempt();
  return redactResult(result, channel);
}

function redactResult(result: DeliveryResult, channel: NotificationChannel): DeliveryResult {
  if (result.error === undefined) return result;
  return { ...result, error: redactSecretValues(result.error, channelSecretValues(channel)) };
}
