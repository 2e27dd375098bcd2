import type { AuditSource } from '@toolgate/db';
import type { RequestContext } from '../registry/request-context';

const AUDIT_ACTOR_TYPE = { USER: 'user', API_KEY: 'api_key', SYSTEM: 'system' } as const;

/** Who and where, as audit entries record it, from the request's context. */
export function auditSource(ctx: RequestContext): AuditSource {
  return {
    actor: { type: AUDIT_ACTOR_TYPE[ctx.actor.type], id: ctx.actor.id, display: null },
    sourceIp: ctx.sourceIp ?? null,
    requestId: ctx.requestId ?? null,
  };
}
