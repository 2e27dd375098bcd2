import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../auth/actor';

/**
 * Who is calling: the organisation every query is scoped by, and the authenticated actor.
 * The ONE tenancy seam: the global AuthenticationGuard fills it from the credentials and
 * controllers hand it to services. Nothing else decides the organisation.
 */
export interface RequestContext {
  organisationId: string;
  actor: Actor;
  /** The caller's address (Express `req.ip`) and the request id, for audit entries. */
  sourceIp?: string;
  requestId?: string;
}

/** Where the guard leaves the context on the request. */
export const REQUEST_CONTEXT_KEY = 'toolgateContext';

export type RequestWithContext = { [REQUEST_CONTEXT_KEY]?: RequestContext };

/** The caller's RequestContext. Fails loudly when no guard ran, instead of leaking across tenants. */
export const Ctx = createParamDecorator((_data: unknown, host: ExecutionContext): RequestContext => {
  const context = host.switchToHttp().getRequest<RequestWithContext>()[REQUEST_CONTEXT_KEY];
  if (!context) throw new Error('RequestContext missing: the route is public or the authentication guard did not run');
  return context;
});
