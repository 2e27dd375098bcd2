import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '@toolgate/config';
import { REQUEST_CONTEXT_KEY, type RequestContext, type RequestWithContext } from '../registry/request-context';
import { satisfies } from './access-policy';
import { looksLikeApiKey } from './api-key-secret';
import { ApiKeysService } from './api-keys.service';
import type { Principal } from './jwt.strategy';
import { PUBLIC_KEY, type RoleRequirement, ROLES_KEY } from './roles.decorator';

type AuthRequest = RequestWithContext & { headers: Record<string, string | string[] | undefined>; user?: unknown; ip?: string; id?: unknown };

const unauthenticated = (code: string, message: string) => new DomainError('unauthenticated', code, message);

// Routes without @MinRole/@Roles: admin only, so a forgotten decorator fails closed.
const DEFAULT_REQUIREMENT: RoleRequirement = { min: 'admin' };

/** `Authorization: Bearer <jwt | tg_key>` or `X-API-Key: <tg_key>`. */
function credentialOf(request: AuthRequest): { kind: 'api-key' | 'jwt'; value: string } | undefined {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey) return { kind: 'api-key', value: apiKey.trim() };
  const header = request.headers['authorization'];
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) return undefined;
  return { kind: looksLikeApiKey(match[1]!) ? 'api-key' : 'jwt', value: match[1]! };
}

/**
 * The one global guard: authenticates every request that is not @Public (JWT through passport-jwt,
 * or an API key by SHA-256 lookup), puts `{ organisationId, actor }` into the RequestContext, and
 * checks the route's role requirement. 401 = who are you; 403 = you may not.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const principal = await this.authenticate(context, request);
    const ctx: RequestContext = {
      organisationId: principal.organisationId,
      actor: principal.actor,
      ...(request.ip ? { sourceIp: request.ip } : {}),
      ...(typeof request.id === 'string' ? { requestId: request.id } : {}),
    };
    request[REQUEST_CONTEXT_KEY] = ctx;

    const requirement = this.reflector.getAllAndOverride<RoleRequirement>(ROLES_KEY, targets) ?? DEFAULT_REQUIREMENT;
    const allowed = 'min' in requirement ? satisfies(ctx.actor.role, requirement.min) : requirement.anyOf.includes(ctx.actor.role);
    if (!allowed) {
      const needs = 'min' in requirement ? `${requirement.min} or higher` : requirement.anyOf.join(', ');
      throw new DomainError('forbidden', 'AUTH.FORBIDDEN', `Role ${ctx.actor.role} may not call this endpoint (needs ${needs})`, { role: ctx.actor.role, required: needs });
    }
    return true;
  }

  private async authenticate(context: ExecutionContext, request: AuthRequest): Promise<Principal> {
    const credential = credentialOf(request);
    if (!credential) throw unauthenticated('AUTH.MISSING_CREDENTIALS', 'Send `Authorization: Bearer <token or API key>` or `X-API-Key`');
    if (credential.kind === 'api-key') {
      const principal = await this.apiKeys.authenticate(credential.value);
      if (!principal) throw unauthenticated('AUTH.INVALID_API_KEY', 'The API key is unknown, revoked or expired');
      return principal;
    }
    await super.canActivate(context);
    return request.user as Principal;
  }

  /** passport's verdict: pass our coded errors through, turn its own failures into AUTH.* codes. */
  override handleRequest<TUser = Principal>(error: unknown, user: unknown, info: unknown): TUser {
    if (error instanceof DomainError) throw error;
    if (info instanceof DomainError) throw info;
    if (error || !user) {
      const name = info instanceof Error ? info.name : undefined;
      if (name === 'TokenExpiredError') throw unauthenticated('AUTH.TOKEN_EXPIRED', 'The token has expired');
      const reason = info instanceof Error ? info.message : 'invalid token';
      throw unauthenticated('AUTH.INVALID_TOKEN', `The token was refused: ${reason}`);
    }
    return user as TUser;
  }
}
