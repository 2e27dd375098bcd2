/**
 * Roles from least to most privileged, then `ci-agent`: a pipeline identity outside the ladder that
 * may read and call the CI gate, nothing else (see docs/security.md).
 */
export const ROLES = ['viewer', 'developer', 'reviewer', 'admin', 'ci-agent'] as const;
export type Role = (typeof ROLES)[number];

/** The database spelling of each role (Prisma enum `Role`). */
export type DbRole = 'VIEWER' | 'DEVELOPER' | 'REVIEWER' | 'ADMIN' | 'CI_AGENT';

/** Who performs a request: a user (password login or external JWT), an API key, or the system (workers, boot). */
export interface Actor {
  type: 'USER' | 'API_KEY' | 'SYSTEM';
  /** User id, API key id, or the external token's `sub`; null for the system. */
  id: string | null;
  role: Role;
}

export function toDbRole(role: Role): DbRole {
  return role === 'ci-agent' ? 'CI_AGENT' : (role.toUpperCase() as DbRole);
}

export function fromDbRole(role: DbRole): Role {
  return role === 'CI_AGENT' ? 'ci-agent' : (role.toLowerCase() as Role);
}

/** A role name from outside (a JWT claim), case-insensitive; `ci_agent` and `CI_AGENT` are accepted too. */
export function parseRole(value: unknown): Role | undefined {
  if (typeof value !== 'string') return undefined;
  const normalised = value.trim().toLowerCase().replace('_', '-');
  return (ROLES as readonly string[]).includes(normalised) ? (normalised as Role) : undefined;
}

/** The system actor: boot-time bootstrap and background jobs. Never reachable from a credential. */
export const SYSTEM_ACTOR: Actor = { type: 'SYSTEM', id: null, role: 'admin' };
