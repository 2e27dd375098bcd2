/**
 * Jobs of the `maintenance` queue.
 *
 * NEVER RENAME: live jobs and schedulers depend on these names.
 */
export const MAINTENANCE_JOBS = {
  /** Expires PENDING approval requests past `expiresAt`. No payload: the handler queries what is due. */
  expireApprovals: 'expire-approvals',
} as const;

/** The id of the one job scheduler that repeats `expire-approvals`; every worker upserts the same id. */
export const APPROVAL_EXPIRY_SCHEDULER_ID = 'approval-expiry';
