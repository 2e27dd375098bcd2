import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, DomainError } from '@toolgate/config';
import { RedisConnection } from '../infra/redis.connection';

// Failed logins allowed per window before the account (or the source IP) is locked out for the rest
// of it. Per account stops guessing one password from many IPs; per IP stops spraying many accounts.
export const LOGIN_LIMITS = { perAccount: 5, perIp: 20, windowSeconds: 900 } as const;

/**
 * Counts failed logins in Redis (shared by every API replica), per account and per IP, in fixed
 * windows. Only failures count, so a user who types the password right is never slowed down. When
 * Redis is down the throttle fails open (logged): login keeps working, and readiness reports Redis.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisConnection,
    config: AppConfig,
  ) {
    this.prefix = `${config.values.REDIS_PREFIX}:login-failures`;
  }

  /** Throws `AUTH.TOO_MANY_ATTEMPTS` (429) when the account or the IP has used up its failures. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const counts = await this.safely(() => this.redis.client.mget(this.accountKey(email), this.ipKey(ip)));
    if (!counts) return;
    const [account, byIp] = counts.map((value) => Number(value ?? 0));
    if (account! >= LOGIN_LIMITS.perAccount || byIp! >= LOGIN_LIMITS.perIp) {
      const ttl = await this.safely(() => this.redis.client.ttl(account! >= LOGIN_LIMITS.perAccount ? this.accountKey(email) : this.ipKey(ip)));
      throw new DomainError('rate_limited', 'AUTH.TOO_MANY_ATTEMPTS', 'Too many failed logins; try again later', { retryAfterSeconds: Math.max(ttl ?? 0, 1) });
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.safely(async () => {
      const multi = this.redis.client.multi();
      for (const key of [this.accountKey(email), this.ipKey(ip)]) multi.incr(key).expire(key, LOGIN_LIMITS.windowSeconds, 'NX');
      await multi.exec();
    });
  }

  /** A success clears the account's count (not the IP's: one valid login must not unlock a spraying IP). */
  async recordSuccess(email: string): Promise<void> {
    await this.safely(() => this.redis.client.del(this.accountKey(email)));
  }

  // Emails are hashed so the keys carry no personal data.
  private accountKey(email: string): string {
    return `${this.prefix}:account:${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32)}`;
  }

  private ipKey(ip: string): string {
    return `${this.prefix}:ip:${ip}`;
  }

  private async safely<T>(command: () => Promise<T>): Promise<T | undefined> {
    try {
      return await command();
    } catch (error) {
      this.logger.warn(`login throttle skipped, Redis unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}
