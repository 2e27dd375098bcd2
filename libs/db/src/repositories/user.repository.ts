import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { audit } from './audit-context';
import { uniqueAsConflict } from './prisma-errors';

export type RoleValue = 'VIEWER' | 'DEVELOPER' | 'REVIEWER' | 'ADMIN' | 'CI_AGENT';

/** A user as authentication sees it. `passwordHash` is a PHC string and never leaves the auth module. */
export interface UserRecord {
  id: string;
  organisationId: string;
  email: string;
  name: string | null;
  role: RoleValue;
  passwordHash: string | null;
  disabledAt: Date | null;
}

export interface NewUser {
  organisationId: string;
  email: string;
  name?: string | null;
  role: RoleValue;
  passwordHash: string;
}

/** Where a login came from, for its audit entry. */
export interface LoginOrigin {
  sourceIp: string | null;
  requestId: string | null;
}

function loginEntry(user: UserRecord, origin: LoginOrigin, action: 'auth.login_succeeded' | 'auth.login_failed', outcome: 'success' | 'failure') {
  return {
    organisationId: user.organisationId,
    actor: { type: 'user' as const, id: user.id, display: user.email },
    action,
    outcome,
    resource: { type: 'user', id: user.id },
    sourceIp: origin.sourceIp,
    requestId: origin.requestId,
  };
}

const SELECT = { id: true, organisationId: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true } as const;

/** Users. Lookups by email are case-insensitive: emails are stored lower-cased. */
@Injectable()
export class UserRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** True when at least one user exists in any organisation (the bootstrap admin is only made on an empty system). */
  async any(): Promise<boolean> {
    return (await this.prisma.user.findFirst({ select: { id: true } })) !== null;
  }

  /** Throws ConflictError `USER.ALREADY_EXISTS` when the email is taken in the organisation. */
  async create(user: NewUser): Promise<UserRecord> {
    return uniqueAsConflict(
      () => this.prisma.user.create({ data: { ...user, email: user.email.toLowerCase() }, select: SELECT }),
      'USER.ALREADY_EXISTS',
      `User "${user.email}" already exists`,
      { email: user.email },
    );
  }

  /** Every user with this email, across organisations (an email may exist in several tenants). */
  async findByEmail(email: string, organisationId?: string): Promise<UserRecord[]> {
    return this.prisma.user.findMany({ where: { email: email.toLowerCase(), ...(organisationId ? { organisationId } : {}) }, select: SELECT, take: 10 });
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    return (await this.prisma.user.findUnique({ where: { id }, select: SELECT })) ?? undefined;
  }

  /** A successful login: `lastLoginAt` and the `auth.login_succeeded` entry, in one transaction. */
  async recordLogin(user: UserRecord, at: Date, origin: LoginOrigin): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: at } });
      await audit.append(tx, loginEntry(user, origin, 'auth.login_succeeded', 'success'));
    });
  }

  /** A failed login of a known user (wrong password or disabled): `auth.login_failed` in the user's organisation. */
  async recordFailedLogin(user: UserRecord, origin: LoginOrigin, reason: 'wrong_password' | 'disabled'): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await audit.append(tx, { ...loginEntry(user, origin, 'auth.login_failed', 'failure'), details: { reason } });
    });
  }
}
