/**
 * Jobs of the `maintenance` queue.
 *
 * NEVER RENAME: live jobs and schedulers depend on these names.
 */
export const MAINTENANCE_JOBS = {
  /** Expires PENDING approval requests past `expiresAt`. No payload: the handler queries what is due. */
  expireApprovals: 'expire-approvals',
  /** Deletes provider cache rows unused for PROVIDER_CACHE_RETENTION_DAYS. No payload. */
  evictProviderCaches: 'evict-provider-caches',
} as const;

/** The id of the one job scheduler that repeats `expire-approvals`; every worker upserts the same id. */
export const APPROVAL_EXPIRY_SCHEDULER_ID = 'approval-expiry';

/** The id of the job scheduler that repeats `evict-provider-caches` (removed when retention is 0). */
export const PROVIDER_CACHE_EVICTION_SCHEDULER_ID = 'provider-cache-eviction';
