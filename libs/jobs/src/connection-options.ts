// BullMQ's "going to production" settings as plain objects: this lib may not import bullmq or
// ioredis (lint rule), so the apps spread these into `new Redis(url, ...)` / `new Queue(...)`.

/**
 * Redis options for BullMQ workers (and the worker heartbeat). `null` lets blocking commands
 * wait through a Redis restart instead of failing the worker after N retries.
 */
export const workerConnectionOptions = {
  maxRetriesPerRequest: null,
} as const;

/**
 * Redis options for producers (the API). Commands fail at once while Redis is down instead of
 * queueing in memory, so an HTTP request gets an error (and readiness a 503) rather than a hang.
 * `lazyConnect` lets the app boot, and report itself unready, while Redis is unreachable.
 */
export const producerConnectionOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  lazyConnect: true,
} as const;

/**
 * Default options for every job. Finished jobs are removed so Redis (which must run with
 * `maxmemory-policy noeviction`) does not grow without bound; failed ones are kept a week for
 * inspection. Retries back off exponentially; handlers must be idempotent.
 */
export const defaultJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
