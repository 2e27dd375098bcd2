// Why this lives in libs/config: DomainError needs a home that every layer may import (db
// repositories, apps, workers) and that imports no framework. libs/config is such a util lib and
// already owns the other cross-cutting error (ConfigError); a lib of its own for ~60 lines was not
// worth a new alias. Domain-tagged code (libs/pipeline) cannot import util libs: if pure pipeline
// code ever needs to throw coded errors, move this file to a domain lib and re-export it here.

/**
 * What kind of failure an error is, in domain words. The HTTP layer maps each kind to a status
 * (apps/api/src/http/error-status.ts); workers and the CLI ignore it. Codes stay free-form and
 * stable; kinds are a closed list so a new code never needs a new mapping.
 */
export type DomainErrorKind =
  | 'invalid' // the caller sent something malformed (400)
  | 'unauthenticated' // no or bad credentials (401)
  | 'forbidden' // authenticated but not allowed (403)
  | 'not_found' // the thing does not exist (404)
  | 'conflict' // clashes with current state, e.g. a duplicate (409)
  | 'rule_violation' // well-formed but breaks a business rule, e.g. self-approval (422)
  | 'rate_limited' // too many attempts, e.g. failed logins; retry after `details.retryAfterSeconds` (429)
  | 'unavailable'; // a dependency is down; retrying later may work (503)

/** Details are part of the public error body: IDs and field names, never secrets or stack traces. */
export type ErrorDetails = Record<string, unknown>;

/**
 * Base class of every expected error, thrown by services, repositories and pipes alike.
 * `code` is stable and dotted (`TOOL.NOT_FOUND`): clients branch on it, so never rename one.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request (body, query or params) failed validation; `details.issues` names each field. */
export class ValidationError extends DomainError {
  constructor(message: string, details: ErrorDetails = {}, code = 'VALIDATION.FAILED') {
    super('invalid', code, message, details);
  }
}

/** The addressed entity does not exist, e.g. `new NotFoundError('TOOL.NOT_FOUND', ...)`. */
export class NotFoundError extends DomainError {
  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super('not_found', code, message, details);
  }
}

/** The change clashes with existing state, e.g. a unique-constraint violation. */
export class ConflictError extends DomainError {
  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super('conflict', code, message, details);
  }
}
