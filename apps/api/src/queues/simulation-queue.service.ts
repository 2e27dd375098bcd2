import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, DomainError } from '@toolgate/config';
import {
  CI_CHECK_TTL_SECONDS,
  ciCheckKey,
  type CiCheckRoutingInput,
  CiCheckRoutingInputSchema,
  ciCheckRoutingJobId,
  defaultJobOptions,
  QUEUES,
  SIMULATION_JOBS,
} from '@toolgate/jobs';
import { Queue } from 'bullmq';
import { RedisConnection } from '../infra/redis.connection';

/** Producer of the `simulation` queue: routing simulations that do not fit a request's time budget. */
@Injectable()
export class SimulationQueueService implements OnApplicationShutdown {
  private readonly queue: Queue;
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisConnection,
    config: AppConfig,
  ) {
    this.prefix = config.values.REDIS_PREFIX;
    this.queue = new Queue(QUEUES.simulation, { connection: redis.client, prefix: this.prefix, defaultJobOptions });
  }

  /**
   * Stores a CI check's candidates (payloads carry ids only) and enqueues their routing simulation.
   * The worker writes the result under `ciCheckKey(prefix, checkId, 'result')`.
   */
  async enqueueCiRouting(checkId: string, input: CiCheckRoutingInput): Promise<string> {
    try {
      await this.redis.client.set(ciCheckKey(this.prefix, checkId, 'input'), JSON.stringify(CiCheckRoutingInputSchema.parse(input)), 'EX', CI_CHECK_TTL_SECONDS);
      const job = await this.queue.add(SIMULATION_JOBS.ciCheckRouting, { checkId }, { jobId: ciCheckRoutingJobId(checkId) });
      return job.id!;
    } catch (error) {
      throw new DomainError('unavailable', 'QUEUE.UNAVAILABLE', `Could not enqueue the routing simulation: ${(error as Error).message}`);
    }
  }

  /** A queued check's stored input and the worker's result (null while pending); null when unknown or expired. */
  async ciRouting(checkId: string): Promise<{ input: CiCheckRoutingInput; result: unknown } | null> {
    const [input, result] = await this.redis.client.mget(ciCheckKey(this.prefix, checkId, 'input'), ciCheckKey(this.prefix, checkId, 'result'));
    if (!input) return null;
    return { input: CiCheckRoutingInputSchema.parse(JSON.parse(input)), result: result ? (JSON.parse(result) as unknown) : null };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}
