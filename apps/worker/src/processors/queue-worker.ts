import { Logger } from '@nestjs/common';
import type { Config } from '@toolgate/config';
import { type AdvancedOptions, type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { settleWithin } from '../settle-within';

// How long SIGTERM waits for running jobs before closing anyway; an interrupted job is retried
// by another worker (stalled-job check), so this bounds shutdown without losing work.
const CLOSE_GRACE_MS = 5000;

/**
 * A BullMQ worker with Toolgate's production settings: the shared worker connection
 * (`maxRetriesPerRequest: null`), REDIS_PREFIX, WORKER_CONCURRENCY, and a lock of WORKER_LOCK_DURATION_MS
 * checked for stalls at the same interval, so a job of a killed worker is retried after about that long
 * (`maxStalledCount: 1`, then it fails). `settings` carries a queue's custom backoff strategy, if any.
 */
export function createQueueWorker(queue: string, connection: Redis, config: Readonly<Config>, handler: (job: Job) => Promise<unknown>, settings?: AdvancedOptions): Worker {
  return new Worker(queue, handler, {
    ...(settings ? { settings } : {}),
    connection,
    prefix: config.REDIS_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.WORKER_LOCK_DURATION_MS,
    stalledInterval: config.WORKER_LOCK_DURATION_MS,
    maxStalledCount: 1,
    autorun: false,
  });
}

/** Closes a worker on shutdown: waits for running jobs a little, then forces the close. */
export async function closeQueueWorker(worker: Worker | undefined, logger: Logger): Promise<void> {
  if (!worker) return;
  if (await settleWithin(worker.close(), CLOSE_GRACE_MS)) return;
  logger.warn(`Jobs still running after ${CLOSE_GRACE_MS} ms; closing anyway (they will be retried)`);
  await settleWithin(worker.close(true), 1000);
}
