import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { PrismaService } from '@toolgate/db';
import { RedisConnection } from './redis.connection';

/** Connections to Postgres and Redis, opened at boot and closed on shutdown (their lifecycle hooks). */
@Global()
@Module({
  providers: [
    RedisConnection,
    { provide: PrismaService, useFactory: (config: AppConfig) => new PrismaService(config.values.DATABASE_URL), inject: [AppConfig] },
  ],
  exports: [RedisConnection, PrismaService],
})
export class InfraModule {}
