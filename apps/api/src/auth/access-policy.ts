import { DomainError } from '@toolgate/config';
import type { Actor, Role } from './actor';

// The ladder; ci-agent is deliberately absent (it only ever satisfies "viewer").
const RANK: Record<Exclude<Role, 'ci-agent'>, number> = { viewer: 0, developer: 1, reviewer: 2, admin: 3 };

/** True when `role` is at least `min` on the ladder. `ci-agent` counts as a viewer and nothing more. */
export function satisfies(role: Role, min: Exclude<Role, 'ci-agent'>): boolean {
  if (role === 'ci-agent') return min === 'viewer';
  return RANK[role] >= RANK[min];
}

/**
 * Decisions that services check themselves, whatever the entry point (HTTP, worker, CLI), in
 * addition to the HTTP guard: the HTTP layer can be misconfigured, a service cannot be skipped.
 */
export const POLICY = {
  /** Create, list or revoke API keys. */
  'api-key.manage': 'admin',
  /** Create environments or change their policy. */
  'environment.manage': 'admin',
  /** Suppress a CRITICAL conflict (lower severities need only developer). */
  'conflict.suppress-critical': 'reviewer',
  /** Approve or reject an approval request. */
  'approval.decide': 'reviewer',
  /** Open an approval request by hand. */
  'approval.request': 'developer',
  /** Create, change, delete or test notification channels (they hold secrets and reach people). */
  'notification-channel.manage': 'admin',
  /** Read notification deliveries (their state and errors). */
  'notification.read': 'reviewer',
} as const satisfies Record<string, Exclude<Role, 'ci-agent'>>;

export type Action = keyof typeof POLICY;

export function can(actor: Actor, action: Action): boolean {
  return satisfies(actor.role, POLICY[action]);
}

/** Throws `AUTH.FORBIDDEN` (403) unless `actor` may perform `action`. */
export function assertCan(actor: Actor, action: Action): void {
  if (can(actor, action)) return;
  throw new DomainError('forbidden', 'AUTH.FORBIDDEN', `Role ${actor.role} may not ${action} (needs ${POLICY[action]} or higher)`, {
    action,
    role: actor.role,
    required: POLICY[action],
  });
}
