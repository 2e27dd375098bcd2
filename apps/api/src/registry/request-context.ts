import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * Who is calling, as far as the registry API cares: the organisation every query is scoped by.
 * The ONE tenancy seam: a guard fills it (today DefaultOrganisationGuard; the auth guard later adds
 * the actor) and controllers hand it to services. Nothing else decides the organisation.
 */
export interface RequestContext {
  organisationId: string;
}

/** Where the guard leaves the context on the request. */
export const REQUEST_CONTEXT_KEY = 'toolgateContext';

export type RequestWithContext = { [REQUEST_CONTEXT_KEY]?: RequestContext };

/** The caller's RequestContext. Fails loudly when no tenancy guard ran, instead of leaking across tenants. */
export const Ctx = createParamDecorator((_data: unknown, host: ExecutionContext): RequestContext => {
  const context = host.switchToHttp().getRequest<RequestWithContext>()[REQUEST_CONTEXT_KEY];
  if (!context) throw new Error('RequestContext missing: the controller is not behind a tenancy guard');
  return context;
});
