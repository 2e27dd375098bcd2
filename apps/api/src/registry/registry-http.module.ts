import { Global, Module } from '@nestjs/common';
import { OrganisationRepository } from '@toolgate/db';
import { DefaultOrganisationGuard } from './default-organisation.guard';

/** The tenancy guard and what it needs, available to every registry controller's `@UseGuards`. */
@Global()
@Module({ providers: [OrganisationRepository, DefaultOrganisationGuard], exports: [OrganisationRepository, DefaultOrganisationGuard] })
export class RegistryHttpModule {}
