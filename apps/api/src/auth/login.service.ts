import { Injectable } from '@nestjs/common';
import { DomainError } from '@toolgate/config';
import { dummyPasswordHash, type LoginOrigin, OrganisationRepository, type UserRecord, UserRepository, verifyPassword } from '@toolgate/db';
import { fromDbRole } from './actor';
import type { LoginRequest, LoginResponse } from './login.request';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './token.service';

// One message for every failure, so the response does not reveal whether the email exists.
const invalidCredentials = () => new DomainError('unauthenticated', 'AUTH.INVALID_CREDENTIALS', 'Invalid email or password');

@Injectable()
export class LoginService {
  constructor(
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly throttle: LoginThrottle,
    private readonly tokens: TokenService,
  ) {}

  /** Email + password → JWT. Failures are counted per account and IP (LoginThrottle) before the password is checked. */
  async login(request: LoginRequest, origin: LoginOrigin): Promise<LoginResponse> {
    const email = request.email.toLowerCase();
    // The limiter keys on the IP even when Express could not tell it (then all such callers share a bucket).
    const ip = origin.sourceIp ?? 'unknown';
    await this.throttle.assertAllowed(email, ip);
    const user = await this.findUser(email, request.organisation);
    // Always run scrypt, against a dummy hash when the user is unknown: equal timing either way.
    const ok = await verifyPassword(request.password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok || user.disabledAt !== null) {
      await this.throttle.recordFailure(email, ip);
      // Audited in the user's organisation; an unknown email belongs to no organisation and is only counted.
      if (user) await this.users.recordFailedLogin(user, origin, ok ? 'disabled' : 'wrong_password');
      throw invalidCredentials();
    }
    await this.throttle.recordSuccess(email);
    await this.users.recordLogin(user, new Date(), origin);
    const role = fromDbRole(user.role);
    const { accessToken, expiresAt } = this.tokens.sign({ id: user.id, organisationId: user.organisationId, role });
    return { accessToken, tokenType: 'Bearer', expiresAt: expiresAt.toISOString(), user: { id: user.id, email: user.email, role, organisationId: user.organisationId } };
  }

  private async findUser(email: string, organisation: string | undefined): Promise<UserRecord | undefined> {
    const organisationId = organisation === undefined ? undefined : await this.organisations.findId(organisation);
    if (organisation !== undefined && !organisationId) return undefined;
    const matches = await this.users.findByEmail(email, organisationId);
    if (matches.length > 1) {
      throw new DomainError('invalid', 'AUTH.ORGANISATION_REQUIRED', 'This email exists in several organisations: pass `organisation` (its slug)');
    }
    return matches[0];
  }
}
