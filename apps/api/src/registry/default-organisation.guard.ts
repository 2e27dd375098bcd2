import { type CanActivate, Injectable } from '@nestjs/common';

/**
 * @deprecated No-op kept so controllers written against the pre-auth tenancy seam still compile:
 * the global AuthenticationGuard (auth/) now fills the RequestContext for every non-public route.
 * Remove `@UseGuards(DefaultOrganisationGuard)` and declare `@MinRole`/`@Roles` instead.
 */
@Injectable()
export class DefaultOrganisationGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}
