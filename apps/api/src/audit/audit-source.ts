import type { IncomingMessage } from 'node:http';
import type { AuditSource } from '@toolgate/db';
import type { RequestContext } from '../registry/request-context';

const ACTOR_TYPES = { USER: 'user', API_KEY: 'api_key', SYSTEM: 'system' } as const;

/**
 * Who made an HTTP request, for the audit entries its change writes: pass the result as `source` to
 * ToolRegistrationRepository.register/remove and ConflictRepository.changeStatus. `request.id` is the
 * request id pino-http assigned (http/request-id.ts); the IP is the socket's (Express `req.ip` when behind
 * a configured proxy).
 */
export function auditSource(ctx: RequestContext, request?: IncomingMessage & { id?: unknown; ip?: string }): AuditSource {
  return {
    actor: { type: ACTOR_TYPES[ctx.actor.type], id: ctx.actor.id, display: null },
    sourceIp: request?.ip ?? request?.socket?.remoteAddress ?? null,
    requestId: typeof request?.id === 'string' ? request.id : null,
  };
}
