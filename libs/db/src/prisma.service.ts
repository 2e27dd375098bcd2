import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

/** Connection pool settings passed to `pg` (through the Prisma 7 driver adapter). */
export interface PrismaPoolOptions {
  /** Fail a connection attempt after this long instead of waiting forever (default 5000 ms). */
  connectionTimeoutMillis?: number;
  /** Pool size (default `pg`'s 10). */
  max?: number;
}

/**
 * The Prisma client as a Nest provider (Prisma 7: the `pg` driver adapter, no query engine binary).
 * Construct it with a connection string, e.g. `useFactory: (c) => new PrismaService(c.databaseUrl)`.
 * Connecting is lazy: `onModuleInit` succeeds while the database is down, and `ping()` reports it.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  constructor(connectionString: string, pool: PrismaPoolOptions = {}) {
    super({ adapter: new PrismaPg({ connectionString, connectionTimeoutMillis: 5000, ...pool }) });
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }

  /** Round-trip time of `SELECT 1` in milliseconds; rejects when the database is unreachable. */
  async ping(): Promise<number> {
    const started = performance.now();
    await this.$queryRaw`SELECT 1`;
    return performance.now() - started;
  }
}
