// Worker liveness, as seen by the API's readiness check. Each worker process scores itself in one
// sorted set (member = worker id, score = last beat in epoch ms): the API reads the freshest entry
// with one ZREVRANGE instead of scanning keys, and several workers can beat without overwriting
// each other. The key expires when every worker stops beating.

/** How many missed beats make a worker count as gone. */
export const HEARTBEAT_MISSED_BEATS = 3;

/** The sorted set of worker heartbeats under a Redis key prefix (REDIS_PREFIX). */
export function workerHeartbeatKey(prefix: string): string {
  return `${prefix}:workers:heartbeat`;
}

/** How long a beat stays valid: a few intervals, so one slow beat does not flap readiness. */
export function heartbeatTtlMs(intervalMs: number): number {
  return intervalMs * HEARTBEAT_MISSED_BEATS;
}

/** Identifies one worker process in the heartbeat set; readable in `redis-cli` output. */
export function workerId(hostname: string, pid: number): string {
  return `${hostname}:${pid}`;
}

/** The freshest heartbeat, judged against a TTL: the worker counts as alive if `ageMs <= ttlMs`. */
export interface HeartbeatStatus {
  alive: boolean;
  lastHeartbeatAt: string | null;
  ageMs: number | null;
}

/** Judges the newest heartbeat timestamp (epoch ms, or null when no worker ever beat). */
export function heartbeatStatus(lastBeatMs: number | null, nowMs: number, ttlMs: number): HeartbeatStatus {
  if (lastBeatMs === null) return { alive: false, lastHeartbeatAt: null, ageMs: null };
  // Clock skew between hosts can make a fresh beat look slightly in the future.
  const ageMs = Math.max(0, nowMs - lastBeatMs);
  return { alive: ageMs <= ttlMs, lastHeartbeatAt: new Date(lastBeatMs).toISOString(), ageMs };
}
