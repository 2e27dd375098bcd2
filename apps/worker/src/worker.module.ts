import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig, type Config } from '@toolgate/config';
import { AnalysisRunRepository, ApprovalRepository, EmbeddingCacheRepository, ProbeCacheRepository, ProviderCacheRetentionRepository, RecommendationDraftCacheRepository, RouterDecisionCacheRepository, EnvironmentRepository, PrismaService, ServerRepository, SyncRunRepository, ToolRegistrationRepository, ToolRepository, NotificationChannelRepository, NotificationDeliveryRepository, NotificationSubjectsRepository } from '@toolgate/db';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import { BlockedApprovals } from './analysis/blocked-approvals';
import { EnvironmentScanUseCase } from './analysis/environment-scan.use-case';
import { EnvironmentScanner } from './analysis/environment-scanner';
import { ShardedScanUseCase } from './analysis/sharded-scan.use-case';
import { RegistrationAnalysisUseCase } from './analysis/registration-analysis.use-case';
import { ToolIndexCaches } from './analysis/tool-index.cache';
import { AppConfigModule } from './app-config.module';
import { ApprovalExpiryUseCase } from './maintenance/approval-expiry.use-case';
import { HeartbeatService } from './heartbeat/heartbeat.service';
import { AnalysisProcessor } from './processors/analysis.processor';
import { ScanFlowService } from './processors/scan-flow.service';
import { WorkerMetricsServer } from './metrics/worker-metrics.server';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { SimulationProcessor } from './processors/simulation.processor';
import { ModelProviders } from './providers/model-providers';
import { EnvironmentModelProviders } from './providers/environment-model-providers';
import { CiRoutingUseCase } from './simulation/ci-routing.use-case';
import { SyncProcessor } from './processors/sync.processor';
import { AnalysisQueue } from './sync/analysis-queue';
import { ServerSyncUseCase } from './sync/server-sync.use-case';
import { SyncBreakers } from './sync/sync-breakers';
import { SyncSchedules } from './sync/sync-schedules';
import { WorkerRedisConnection } from './worker-redis.connection';
import { ApprovalNoticesUseCase } from './notifications/approval-notices.use-case';
import { ChannelOpener } from './notifications/channel-opener';
import { NotificationDeliveryUseCase } from './notifications/notification-delivery.use-case';
import { NotificationFanOutUseCase } from './notifications/notification-fan-out.use-case';
import { NotificationQueue } from './notifications/notification-queue';
import { NotificationsProcessor } from './processors/notifications.processor';

/** The background worker: no HTTP. One processor per queue; main.ts starts them after the signal handlers. */
@Module({})
export class WorkerModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.LOG_LEVEL, timestamp: stdTimeFunctions.isoTime } }),
      ],
      providers: [
        WorkerRedisConnection,
        HeartbeatService,
        { provide: PrismaService, useFactory: (c: AppConfig) => new PrismaService(c.values.DATABASE_URL), inject: [AppConfig] },
        AnalysisRunRepository,
        EnvironmentRepository,
        ToolRepository,
        ApprovalRepository,
        BlockedApprovals,
        EmbeddingCacheRepository,
        RouterDecisionCacheRepository,
        ProbeCacheRepository,
        RecommendationDraftCacheRepository,
        ProviderCacheRetentionRepository,
        ModelProviders,
        EnvironmentModelProviders,
        // One index cache per embedder: environments with provider overrides have their own (docs/providers.md).
        { provide: ToolIndexCaches, useValue: new ToolIndexCaches() },
        EnvironmentScanner,
        EnvironmentScanUseCase,
        ShardedScanUseCase,
        ScanFlowService,
        RegistrationAnalysisUseCase,
        CiRoutingUseCase,
        AnalysisProcessor,
        SimulationProcessor,
        ApprovalExpiryUseCase,
        MaintenanceProcessor,
        WorkerMetricsServer,
        // Notifications (docs/notifications.md).
        NotificationChannelRepository,
        NotificationDeliveryRepository,
        NotificationSubjectsRepository,
        NotificationQueue,
        ChannelOpener,
        NotificationFanOutUseCase,
        NotificationDeliveryUseCase,
        ApprovalNoticesUseCase,
        NotificationsProcessor,
        ServerRepository,
        SyncRunRepository,
        ToolRegistrationRepository,
        SyncBreakers,
        AnalysisQueue,
        SyncSchedules,
        ServerSyncUseCase,
        SyncProcessor,
      ],
    };
  }
}
