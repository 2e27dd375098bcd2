import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError } from '@toolgate/config';
import { ApiKeyRepository, type Page, UserRepository } from '@toolgate/db';
import type { PageQuery } from '../registry/page.request';
import type { RequestContext } from '../registry/request-context';
import { assertCan } from './access-policy';
import { auditSource } from './audit-source';
import { fromDbRole, toDbRole } from './actor';
import { generateApiKey, hashApiKey } from './api-key-secret';
import type { CreateApiKeyRequest } from './api-key.request';
import { type ApiKeyResponse, type CreatedApiKeyResponse, toApiKeyResponse } from './api-key.response';
import type { Principal } from './jwt.strategy';
import { VerifiedKeyCache } from './verified-key.cache';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** API key management (admin, checked here as well as at the HTTP layer) and key authentication. */
@Injectable()
export class ApiKeysService {
  /** Verified keys for a few seconds: a CI key is checked on every call (see VERIFIED_KEY_TTL_MS). */
  private readonly verified = new VerifiedKeyCache();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly users: UserRepository,
  ) {}

  async create(ctx: RequestContext, request: CreateApiKeyRequest): Promise<CreatedApiKeyResponse> {
    assertCan(ctx.actor, 'api-key.manage');
    const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new ValidationError('body.expiresAt: must be in the future', { issues: [{ path: 'body.expiresAt', message: 'must be in the future' }] });
    }
    const { secret, hash, prefix } = generateApiKey();
    // createdById references a local user; an external token's subject is not one (the audit entry still names it).
    const creator = ctx.actor.type === 'USER' && ctx.actor.id && UUID.test(ctx.actor.id) ? await this.users.findById(ctx.actor.id) : undefined;
    const key = await this.keys.create({
      organisationId: ctx.organisationId,
      name: request.name,
      role: toDbRole(request.role),
      keyHash: hash,
      prefix,
      expiresAt,
      createdById: creator?.organisationId === ctx.organisationId ? creator.id : null,
    }, auditSource(ctx));
    return { ...toApiKeyResponse(key), secret };
  }

  async list(ctx: RequestContext, page: PageQuery): Promise<Page<ApiKeyResponse>> {
    assertCan(ctx.actor, 'api-key.manage');
    const result = await this.keys.list(ctx.organisationId, page);
    return { items: result.items.map(toApiKeyResponse), nextCursor: result.nextCursor };
  }

  /** Revokes a key of the caller's organisation; revoking twice is a no-op (the key stays revoked). */
  async revoke(ctx: RequestContext, id: string): Promise<ApiKeyResponse> {
    assertCan(ctx.actor, 'api-key.manage');
    await this.keys.revoke(ctx.organisationId, id, new Date(), auditSource(ctx));
    // At once in this process; other API processes stop trusting it within VERIFIED_KEY_TTL_MS.
    this.verified.evictKey(id);
    const key = await this.keys.findById(ctx.organisationId, id);
    if (!key) throw new NotFoundError('API_KEY.NOT_FOUND', `API key ${id} not found`, { apiKeyId: id });
    return toApiKeyResponse(key);
  }

  /** The principal of a usable key, or undefined (unknown, revoked or expired: the caller answers 401 alike). */
  async authenticate(secret: string): Promise<Principal | undefined> {
    const hash = hashApiKey(secret);
    const known = this.verified.get(hash);
    if (known) return known;
    const key = await this.keys.findUsable(hash, new Date());
    if (!key) return undefined;
    const principal: Principal = { organisationId: key.organisationId, actor: { type: 'API_KEY', id: key.id, role: fromDbRole(key.role) } };
    this.verified.set(hash, key.id, principal, key.expiresAt);
    return principal;
  }
}
