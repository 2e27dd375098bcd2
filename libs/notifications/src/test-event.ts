import { randomUUID } from 'node:crypto';
import type { NotificationEvent } from './model';

/**
 * The `channel.test` event sent by "test a channel": INFO, its own dedup key per send so PagerDuty
 * opens (and the receiver can close) a throwaway incident rather than updating a real one.
 */
export function channelTestEvent(input: { environment: { id: string; name: string }; now?: Date; detailsUrl?: string }): NotificationEvent {
  const id = randomUUID();
  return {
    type: 'channel.test',
    id,
    environment: input.environment,
    occurredAt: (input.now ?? new Date()).toISOString(),
    severity: 'INFO',
    dedupKey: `test:${id}`,
    ...(input.detailsUrl ? { links: { details: input.detailsUrl } } : {}),
  };
}
