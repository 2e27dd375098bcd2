import { z } from 'zod';

/**
 * Job names on the `sync` queue.
 *
 * NEVER RENAME: live jobs and job schedulers depend on these names.
 */
export const SYNC_JOBS = {
  /** One sync run already recorded as QUEUED (manual trigger): list the server's tools and apply the diff. */
  serverSync: 'server-sync',
  /** A scheduled sync of one server (repeated by its job scheduler): the handler records a SCHEDULE run, then syncs. */
  scheduledSync: 'scheduled-sync',
} as const;

/** Payload of `server-sync`: the run's id only; the worker reloads the run and its server. */
export const ServerSyncPayloadSchema = z.object({ runId: z.uuid() });
export type ServerSyncPayload = z.infer<typeof ServerSyncPayloadSchema>;

/** Payload of `scheduled-sync`: the server's id only; its connection and interval are read from the row. */
export const ScheduledSyncPayloadSchema = z.object({ serverId: z.uuid() });
export type ScheduledSyncPayload = z.infer<typeof ScheduledSyncPayloadSchema>;

/** The BullMQ job id of a manual run's sync: one job per run. */
export function serverSyncJobId(runId: string): string {
  return `server-sync-${runId}`;
}

/** The id of a server's job scheduler: one per server, upserted when its row changes, removed when it goes. */
export function syncSchedulerId(serverId: string): string {
  return `server-sync-schedule-${serverId}`;
}

/** The server id of a scheduler id made by {@link syncSchedulerId}; undefined for any other id. */
export function serverIdOfScheduler(schedulerId: string): string | undefined {
  const prefix = 'server-sync-schedule-';
  return schedulerId.startsWith(prefix) ? schedulerId.slice(prefix.length) : undefined;
}

/** Shortest interval between scheduled syncs of one server (the API refuses less). */
export const MIN_SYNC_INTERVAL_SECONDS = 60;

/** Redis hash (under REDIS_PREFIX) where workers publish each server's circuit-breaker state for /readiness. */
export function syncBreakersKey(prefix: string): string {
  return `${prefix}:sync:breakers`;
}

/** One server's breaker as published: field = server id, value = JSON of this. */
export const SyncBreakerStateSchema = z.object({
  serverId: z.string(),
  state: z.enum(['closed', 'open', 'half-open']),
  updatedAt: z.string(),
  lastError: z.string().nullable(),
});
export type SyncBreakerState = z.infer<typeof SyncBreakerStateSchema>;
