import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, ConflictError, DomainError } from '@toolgate/config';
import { RedisConnection } from '../infra/redis.connection';

/** A stored response, replayed verbatim for a repeat of the same key and body. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

interface Entry {
  /** SHA-256 of the canonical request body. */
  bodyHash: string;
  /** Absent while the first request is still running. */
  response?: StoredResponse;
}

/** Stored responses are replayed for 24 hours (Stripe's window, which CI retries fit well within). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
// A request that crashed without releasing its claim frees the key after this long.
const IN_FLIGHT_TTL_SECONDS = 120;

/**
 * `Idempotency-Key` support in Redis. The first request claims the key (SET NX) with its body hash; a
 * repeat with the same body replays the stored response, a repeat with another body is refused
 * (422 `IDEMPOTENCY.KEY_REUSED`), and a repeat while the first still runs gets 409 `IDEMPOTENCY.IN_PROGRESS`.
 * Keys are scoped by organisation and endpoint, so two tenants can use the same key.
 */
@Injectable()
export class IdempotencyStore {
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisConnection,
    config: AppConfig,
  ) {
    this.prefix = config.values.REDIS_PREFIX;
  }

  /**
   * Runs `handler` once per (scope, key): returns its response, or the stored one on a repeat.
   * A handler that throws releases the key, so the client's retry runs again.
   */
  async run(scope: string, key: string, bodyHash: string, handler: () => Promise<StoredResponse>): Promise<StoredResponse & { replayed: boolean }> {
    const redisKey = `${this.prefix}:idempotency:${scope}:${createHash('sha256').update(key).digest('hex')}`;
    const claim: Entry = { bodyHash };
    const claimed = await this.redis.client.set(redisKey, JSON.stringify(claim), 'EX', IN_FLIGHT_TTL_SECONDS, 'NX');
    if (claimed === null) {
      const raw = await this.redis.client.get(redisKey);
      // Expired between the two commands: treat it as the first request.
      if (raw === null) return this.run(scope, key, bodyHash, handler);
      const entry = JSON.parse(raw) as Entry;
      if (entry.bodyHash !== bodyHash) {
        throw new DomainError('rule_violation', 'IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was used with a different request body', { idempotencyKey: key });
      }
      if (!entry.response) throw new ConflictError('IDEMPOTENCY.IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry shortly', { idempotencyKey: key });
      return { ...entry.response, replayed: true };
    }
    let response: StoredResponse;
    try {
      response = await handler();
    } catch (error) {
      await this.redis.client.del(redisKey).catch(() => undefined);
      throw error;
    }
    const done: Entry = { bodyHash, response };
    await this.redis.client.set(redisKey, JSON.stringify(done), 'EX', IDEMPOTENCY_TTL_SECONDS);
    return { ...response, replayed: false };
  }
}
