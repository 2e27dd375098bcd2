import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig, type Config } from '@toolgate/config';
import { AnalysisRunRepository, ApprovalRepository, EmbeddingCacheRepository, EnvironmentRepository, PrismaService, ToolRepository } from '@toolgate/db';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import { BlockedApprovals } from './analysis/blocked-approvals';
import { EnvironmentScanUseCase } from './analysis/environment-scan.use-case';
import { EnvironmentScanner } from './analysis/environment-scanner';
import { ShardedScanUseCase } from './analysis/sharded-scan.use-case';
import { RegistrationAnalysisUseCase } from './analysis/registration-analysis.use-case';
import { ToolIndexCache } from './analysis/tool-index.cache';
import { AppConfigModule } from './app-config.module';
import { ApprovalExpiryUseCase } from './maintenance/approval-expiry.use-case';
import { HeartbeatService } from './heartbeat/heartbeat.service';
import { AnalysisProcessor } from './processors/analysis.processor';
import { ScanFlowService } from './processors/scan-flow.service';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { SimulationProcessor } from './processors/simulation.processor';
import { ModelProviders } from './providers/model-providers';
import { CiRoutingUseCase } from './simulation/ci-routing.use-case';
import { WorkerRedisConnection } from './worker-redis.connection';

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
        ModelProviders,
        { provide: ToolIndexCache, useFactory: (models: ModelProviders) => new ToolIndexCache(() => models.providers.embedder), inject: [ModelProviders] },
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
      ],
    };
  }
}
