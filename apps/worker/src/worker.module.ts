import { type DynamicModule, Module } from '@nestjs/common';
import type { Config } from '@toolgate/config';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import { AppConfigModule } from './app-config.module';
import { HeartbeatService } from './heartbeat/heartbeat.service';
import { WorkerRedisConnection } from './worker-redis.connection';

/** The background worker: no HTTP. Queue processors will register here (one per queue). */
@Module({})
export class WorkerModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.LOG_LEVEL, timestamp: stdTimeFunctions.isoTime } }),
      ],
      providers: [WorkerRedisConnection, HeartbeatService],
    };
  }
}
