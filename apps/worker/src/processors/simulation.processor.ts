import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { CiCheckRoutingPayloadSchema, QUEUES, SIMULATION_JOBS } from '@toolgate/jobs';
import { type Job, UnrecoverableError, type Worker } from 'bullmq';
import { CiRoutingUseCase } from '../simulation/ci-routing.use-case';
import { WorkerRedisConnection } from '../worker-redis.connection';
import { closeQueueWorker, createQueueWorker } from './queue-worker';

/** The `simulation` queue's one processor. */
@Injectable()
export class SimulationProcessor implements OnModuleDestroy {
  private readonly logger = new Logger(SimulationProcessor.name);
  private worker: Worker | undefined;

  constructor(
    private readonly redis: WorkerRedisConnection,
    private readonly config: AppConfig,
    private readonly ciRouting: CiRoutingUseCase,
  ) {}

  start(): void {
    this.worker = createQueueWorker(QUEUES.simulation, this.redis.client, this.config.values, (job) => this.process(job));
    this.worker.on('failed', (job, error) => this.logger.warn({ jobId: job?.id, attempt: job?.attemptsMade }, `Simulation failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.warn(`Simulation worker error: ${error.message}`));
    void this.worker.run();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case SIMULATION_JOBS.ciCheckRouting: {
        const { checkId } = CiCheckRoutingPayloadSchema.parse(job.data);
        return { checkId, simulated: await this.ciRouting.run(checkId, (percent) => job.updateProgress(percent)) };
      }
      default:
        throw new UnrecoverableError(`Unknown job "${job.name}" on the ${QUEUES.simulation} queue`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await closeQueueWorker(this.worker, this.logger);
  }
}
