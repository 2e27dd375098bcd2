import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit, type Config } from '@toolgate/config';
import { Logger } from 'nestjs-pino';
import { HeartbeatService } from './heartbeat/heartbeat.service';
import { WorkerMetricsServer } from './metrics/worker-metrics.server';
import { AnalysisProcessor } from './processors/analysis.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { NotificationsProcessor } from './processors/notifications.processor';
import { SimulationProcessor } from './processors/simulation.processor';
import { SyncProcessor } from './processors/sync.processor';
import { WorkerModule } from './worker.module';

async function bootstrap(config: Config): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // On SIGTERM/SIGINT: run shutdown hooks (stop the heartbeat and remove it, close Redis), then
  // exit 0. Without useProcessExit Nest re-raises the signal and the exit status would be 143.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  app.get(HeartbeatService).start();
  // Processors start last, like the heartbeat: a job is only taken once SIGTERM would close it cleanly.
  app.get(AnalysisProcessor).start();
  app.get(SimulationProcessor).start();
  app.get(MaintenanceProcessor).start();
  app.get(NotificationsProcessor).start();
  app.get(SyncProcessor).start();
  await app.get(WorkerMetricsServer).start();
}


bootstrap(loadConfigOrExit()).catch((error: unknown) => {
  process.stderr.write(`Worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
