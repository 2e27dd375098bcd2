import { STATUS_CODES } from 'node:http';
import type { DomainErrorKind } from '@toolgate/config';

/** HTTP status of each domain error kind: the one place where domain failures meet HTTP. */
export const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule_violation: 422,
  rate_limited: 429,
  unavailable: 503,
};

/**
 * A stable code for an HTTP status that did not come from a DomainError (Nest's own exceptions,
 * body-parser errors): `HTTP.NOT_FOUND`, `HTTP.PAYLOAD_TOO_LARGE`. 5xx all become `INTERNAL`.
 */
export function codeForStatus(status: number): string {
  if (status >= 500) return 'INTERNAL';
  const name = STATUS_CODES[status] ?? 'ERROR';
  return `HTTP.${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}
