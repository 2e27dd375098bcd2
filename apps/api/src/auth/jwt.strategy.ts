import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { AppConfig, DomainError } from '@toolgate/config';
import { OrganisationRepository, UserRepository } from '@toolgate/db';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { type Actor, fromDbRole, parseRole, type Role } from './actor';
import { decodeHeader, jwtKeys } from './jwt-keys';

/** What a verified JWT resolves to: the request's organisation and actor. */
export interface Principal {
  organisationId: string;
  actor: Actor;
}

type Claims = Record<string, unknown>;

// The verified token's algorithm, noted by the key provider for validate(): only HS256 tokens
// (signed with our secret) may claim to be our own login tokens.
const ALGORITHM = Symbol('jwtAlgorithm');
type JwtRequest = { [ALGORITHM]?: unknown };

const unauthenticated = (code: string, message: string) => new DomainError('unauthenticated', code, message);

// Most privileged first: a token listing several roles gets the highest; ci-agent only when it is the only one.
const PREFERENCE: Role[] = ['admin', 'reviewer', 'developer', 'viewer', 'ci-agent'];

/** The role named by a claim that is a string or an array of strings (Keycloak, Entra ID and Auth0 all use arrays). */
export function roleFromClaim(value: unknown): Role | undefined {
  const roles = (Array.isArray(value) ? value : [value]).map(parseRole).filter((role): role is Role => role !== undefined);
  return PREFERENCE.find((role) => roles.includes(role));
}

/**
 * passport-jwt with the algorithm pinned and issuer, audience and expiry checked. HS256 tokens are
 * our own (signed at login): `sub` is a user id whose CURRENT role and status are read from the
 * database, so disabling a user or changing a role applies at once. RS256/ES256 tokens come from an
 * external identity provider: the role comes from JWT_ROLE_CLAIM and the organisation (id or slug)
 * from the `org` claim.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly roleClaim: string;

  constructor(
    config: AppConfig,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
  ) {
    const keys = jwtKeys(config.values);
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: keys.algorithms.length > 0 ? keys.algorithms : ['HS256'],
      issuer: config.values.JWT_ISSUER,
      audience: config.values.JWT_AUDIENCE,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: 5 },
      passReqToCallback: true,
      secretOrKeyProvider: (request: JwtRequest, rawJwtToken: string, done: (error: unknown, key?: string | Buffer) => void) => {
        const header = decodeHeader(rawJwtToken);
        if (!header) return done(unauthenticated('AUTH.INVALID_TOKEN', 'The bearer token is not a JWT'));
        request[ALGORITHM] = header.alg;
        keys.keyFor(header).then(
          (key) => (key ? done(null, key as string) : done(unauthenticated('AUTH.INVALID_TOKEN', `No configured key verifies a token signed with ${String(header.alg)}`))),
          () => done(unauthenticated('AUTH.INVALID_TOKEN', 'No key in the JWKS matches the token')),
        );
      },
    });
    this.roleClaim = config.values.JWT_ROLE_CLAIM;
  }

  async validate(request: JwtRequest, claims: Claims): Promise<Principal> {
    if (typeof claims['exp'] !== 'number') throw unauthenticated('AUTH.INVALID_TOKEN', 'The token has no expiry');
    const subject = typeof claims['sub'] === 'string' ? claims['sub'] : undefined;
    if (!subject) throw unauthenticated('AUTH.INVALID_TOKEN', 'The token has no subject');
    return request[ALGORITHM] === 'HS256' && claims['tg'] === 'login' ? this.ownUser(subject, claims) : this.externalUser(subject, claims);
  }

  private async ownUser(userId: string, claims: Claims): Promise<Principal> {
    const user = /^[0-9a-f-]{36}$/i.test(userId) ? await this.users.findById(userId) : undefined;
    if (!user || user.disabledAt !== null || user.organisationId !== claims['org']) {
      throw unauthenticated('AUTH.INVALID_TOKEN', 'The token belongs to no active user');
    }
    return { organisationId: user.organisationId, actor: { type: 'USER', id: user.id, role: fromDbRole(user.role) } };
  }

  private async externalUser(subject: string, claims: Claims): Promise<Principal> {
    const role = roleFromClaim(claims[this.roleClaim]);
    if (!role) throw unauthenticated('AUTH.NO_ROLE', `The token's "${this.roleClaim}" claim names no Toolgate role`);
    const org = claims['org'];
    const organisationId = typeof org === 'string' ? await this.organisations.findId(org) : undefined;
    if (!organisationId) throw unauthenticated('AUTH.UNKNOWN_ORGANISATION', 'The token\'s "org" claim names no organisation');
    return { organisationId, actor: { type: 'USER', id: subject, role } };
  }
}

