import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, ConflictError } from '@toolgate/config';
import { hashPassword, OrganisationRepository, UserRepository } from '@toolgate/db';
import { DEFAULT_ORGANISATION } from './default-organisation';

/**
 * Creates the first admin from TOOLGATE_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD when the system has no
 * user at all, in the default organisation. Replicas booting together may both try: the unique
 * (organisation, email) index lets one win and the other see USER.ALREADY_EXISTS, which is fine.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { TOOLGATE_BOOTSTRAP_ADMIN_EMAIL: email, TOOLGATE_BOOTSTRAP_ADMIN_PASSWORD: password } = this.config.values;
    if (!email || !password) return;
    if (await this.users.any()) return;
    const organisationId = await this.organisations.ensure(DEFAULT_ORGANISATION.slug, DEFAULT_ORGANISATION.name);
    try {
      await this.users.create({ organisationId, email, role: 'ADMIN', passwordHash: await hashPassword(password), name: 'Bootstrap admin' });
      this.logger.log(`Created the bootstrap admin ${email} in organisation "${DEFAULT_ORGANISATION.slug}"`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}
