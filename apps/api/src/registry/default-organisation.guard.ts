import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { OrganisationRepository } from '@toolgate/db';
import { REQUEST_CONTEXT_KEY, type RequestWithContext } from './request-context';

/** The organisation every request belongs to until authentication exists. */
export const DEFAULT_ORGANISATION = { slug: 'default', name: 'Default organisation' } as const;

/**
 * Placeholder tenancy guard: puts the default organisation (created on first use) into the
 * RequestContext. The authentication issue replaces this class with a guard that derives the
 * organisation from the credentials; controllers and services do not change.
 */
@Injectable()
export class DefaultOrganisationGuard implements CanActivate {
  private organisationId: Promise<string> | undefined;

  constructor(private readonly organisations: OrganisationRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithContext>();
    request[REQUEST_CONTEXT_KEY] = { organisationId: await this.defaultOrganisationId() };
    return true;
  }

  private defaultOrganisationId(): Promise<string> {
    // Cache the lookup, but not a failure: a request during a database outage must not poison later ones.
    this.organisationId ??= this.organisations.ensure(DEFAULT_ORGANISATION.slug, DEFAULT_ORGANISATION.name).catch((error: unknown) => {
      this.organisationId = undefined;
      throw error;
    });
    return this.organisationId;
  }
}
