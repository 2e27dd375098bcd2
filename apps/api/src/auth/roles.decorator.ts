import { SetMetadata } from '@nestjs/common';
import type { Role } from './actor';

export const PUBLIC_KEY = 'toolgate:public';
export const ROLES_KEY = 'toolgate:roles';

/** What a route requires: a minimum rung of the ladder, or an explicit list of roles. */
export type RoleRequirement = { min: Exclude<Role, 'ci-agent'> } | { anyOf: readonly Role[] };

/** No credentials needed (health, docs, login). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/**
 * At least `role` on viewer < developer < reviewer < admin. `ci-agent` passes `MinRole('viewer')`
 * only. A route without any requirement is admin-only, so a forgotten decorator fails closed.
 */
export const MinRole = (role: Exclude<Role, 'ci-agent'>): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, { min: role } satisfies RoleRequirement);

/** Exactly these roles, e.g. the CI gate: `@Roles('ci-agent', 'developer', 'reviewer', 'admin')`. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, { anyOf: roles } satisfies RoleRequirement);
