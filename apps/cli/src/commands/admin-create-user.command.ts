import { ConflictError } from '@toolgate/config';
import { hashPassword, OrganisationRepository, PrismaService, type RoleValue, UserRepository } from '@toolgate/db';
import { EXIT, type CliIo, UsageError } from '../cli-io';

export const USER_ROLES = ['viewer', 'developer', 'reviewer', 'admin', 'ci-agent'] as const;

export interface CreateUserOptions {
  email: string;
  role: (typeof USER_ROLES)[number];
  organisation: string;
  name?: string;
}

/** Read from the environment, never from argv: arguments end up in shell history and `ps`. */
export const PASSWORD_VARIABLE = 'TOOLGATE_NEW_USER_PASSWORD';

const DB_ROLE: Record<CreateUserOptions['role'], RoleValue> = { viewer: 'VIEWER', developer: 'DEVELOPER', reviewer: 'REVIEWER', admin: 'ADMIN', 'ci-agent': 'CI_AGENT' };

/**
 * `toolgate admin create-user`: creates a user (password hashed with scrypt, like the API's) in an
 * organisation, which is created when the slug is new. Talks to the database at DATABASE_URL directly,
 * so it works before the API has any admin (and on a box where only an operator has DB access).
 */
export async function createUserCommand(options: CreateUserOptions, io: CliIo): Promise<number> {
  const databaseUrl = io.env['DATABASE_URL'];
  if (!databaseUrl || !URL.canParse(databaseUrl) || !['postgres:', 'postgresql:'].includes(new URL(databaseUrl).protocol)) {
    throw new UsageError('DATABASE_URL must be set to the postgres:// URL of the Toolgate database');
  }
  const password = io.env[PASSWORD_VARIABLE];
  if (!password || password.length < 12) throw new UsageError(`${PASSWORD_VARIABLE} must hold the new user's password (at least 12 characters)`);
  if (!/^[^\s@]+@[^\s@]+$/.test(options.email)) throw new UsageError('--email must be an email address');
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(options.organisation)) throw new UsageError('--organisation must be a slug (lower-case letters, digits, dashes)');

  const prisma = new PrismaService(databaseUrl);
  try {
    const organisationId = await new OrganisationRepository(prisma).ensure(options.organisation, options.organisation);
    const user = await new UserRepository(prisma).create({
      organisationId,
      email: options.email,
      name: options.name ?? null,
      role: DB_ROLE[options.role],
      passwordHash: await hashPassword(password),
    });
    io.stdout.write(`${JSON.stringify({ id: user.id, email: user.email, role: options.role, organisation: options.organisation, organisationId })}\n`);
    return EXIT.OK;
  } catch (error) {
    if (error instanceof ConflictError) throw new UsageError(`${options.email} already exists in organisation "${options.organisation}"`);
    throw error;
  } finally {
    await prisma.$disconnect();
  }
}
