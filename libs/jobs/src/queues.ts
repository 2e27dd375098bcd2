/**
 * Every BullMQ queue Toolgate uses.
 *
 * NEVER RENAME: live jobs depend on these names. Jobs already waiting in Redis are stored under the
 * queue name; renaming a queue strands them. Add a queue instead and drain the old one.
 */
export const QUEUES = {
  /** Conflict analysis of a registry snapshot. */
  analysis: 'analysis',
  /** Shards of a sharded re-scan (children of an `analysis` merge job), run WORKER_SHARD_CONCURRENCY at a time per process. */
  analysisShards: 'analysis-shards',
  /** Routing simulations against a tool set. */
  simulation: 'simulation',
  /** Webhook and e-mail delivery. */
  notifications: 'notifications',
  /** Pulling tool lists from MCP servers. */
  sync: 'sync',
  /** Housekeeping: retention, re-indexing. */
  maintenance: 'maintenance',
} as const;

/** The name of one Toolgate queue. */
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
