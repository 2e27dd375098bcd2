import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Config } from '@toolgate/config';
import { LoggerModule } from 'nestjs-pino';
import { AppConfigModule } from './app-config.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { HttpErrorFilter } from './http/http-error.filter';
import { loggerOptions } from './http/logger.options';
import { InfraModule } from './infra/infra.module';
import { ConflictsModule } from './conflicts/conflicts.module';
import { EnvironmentsModule } from './environments/environments.module';
import { ServersModule } from './servers/servers.module';
import { ToolsModule } from './tools/tools.module';
import { QueuesModule } from './queues/queues.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { AnalysisRunsModule } from './analysis-runs/analysis-runs.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ModelProvidersModule } from './providers/model-providers.module';
import { MetricsModule } from './metrics/metrics.module';

/** The HTTP API. Built from the configuration main.ts has already validated. */
@Module({})
export class AppModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        InfraModule,
        // Embedder and router (deployment config + per-environment overrides): the CI gate, /readiness.
        ModelProvidersModule,
        HealthModule,
        // GET /metrics (Prometheus) and request timing; ApiMetrics is global so services can count.
        MetricsModule.forRoot(config),
        // Identity: the global authentication guard, login, API keys.
        AuthModule,
        // The registry REST API (/v1).
        EnvironmentsModule,
        ServersModule,
        ToolsModule,
        ConflictsModule,
        AuditModule,
        // Queue producers, the CI gate.
        QueuesModule,
        WebhooksModule,
        AnalysisRunsModule,
        // Notification channels, delivery history; the producer request paths emit events through.
        NotificationsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
