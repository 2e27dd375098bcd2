import { Injectable } from '@nestjs/common';
import { AppConfig, DomainError } from '@toolgate/config';
import jwt from 'jsonwebtoken';
import type { Role } from './actor';

/** Signs our own login tokens (HS256 with JWT_SECRET); see JwtStrategy for how they are read back. */
@Injectable()
export class TokenService {
  constructor(private readonly config: AppConfig) {}

  /** A JWT for a user, valid for JWT_EXPIRES_IN. `AUTH.LOGIN_DISABLED` (503) when no JWT_SECRET is configured. */
  sign(user: { id: string; organisationId: string; role: Role }): { accessToken: string; expiresAt: Date } {
    const { JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, JWT_EXPIRES_IN, JWT_ROLE_CLAIM } = this.config.values;
    if (!JWT_SECRET) throw new DomainError('unavailable', 'AUTH.LOGIN_DISABLED', 'Password login needs JWT_SECRET; this deployment only accepts externally issued tokens');
    const accessToken = jwt.sign({ org: user.organisationId, tg: 'login', [JWT_ROLE_CLAIM]: [user.role] }, JWT_SECRET, {
      algorithm: 'HS256',
      subject: user.id,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      expiresIn: JWT_EXPIRES_IN as jwt.SignOptions['expiresIn'],
    });
    const { exp } = jwt.decode(accessToken) as { exp: number };
    return { accessToken, expiresAt: new Date(exp * 1000) };
  }
}
