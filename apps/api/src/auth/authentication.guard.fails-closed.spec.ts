import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { REQUEST_CONTEXT_KEY } from '../registry/request-context';
import type { Role } from './actor';
import type { ApiKeysService } from './api-keys.service';
import { AuthenticationGuard } from './authentication.guard';
import { MinRole, Public, Roles } from './roles.decorator';

class Routes {
  @Public() open(): void {}
  @MinRole('developer') write(): void {}
  @Roles('ci-agent', 'admin') gate(): void {}
  undecorated(): void {}
}

function run(handler: keyof Routes, headers: Record<string, string>, role: Role = 'viewer') {
  const authenticate = jest.fn().mockResolvedValue({ organisationId: 'org-1', actor: { type: 'API_KEY', id: 'k1', role } });
  const guard = new AuthenticationGuard(new Reflector(), { authenticate } as unknown as ApiKeysService);
  const request: Record<string, unknown> = { headers, ip: '10.0.0.1', id: 'req-1' };
  const context = {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { result: guard.canActivate(context), request, authenticate };
}

describe('AuthenticationGuard', () => {
  it('lets public routes through without credentials', async () => {
    await expect(run('open', {}).result).resolves.toBe(true);
  });

  it('answers 401 without credentials on any other route', async () => {
    await expect(run('write', {}).result).rejects.toMatchObject({ kind: 'unauthenticated', code: 'AUTH.MISSING_CREDENTIALS' });
  });

  it('authenticates an API key from X-API-Key or Bearer and fills the RequestContext', async () => {
    const { result, request, authenticate } = run('write', { 'x-api-key': 'tg_abc' }, 'developer');
    await expect(result).resolves.toBe(true);
    expect(authenticate).toHaveBeenCalledWith('tg_abc');
    expect(request[REQUEST_CONTEXT_KEY]).toEqual({ organisationId: 'org-1', actor: { type: 'API_KEY', id: 'k1', role: 'developer' }, sourceIp: '10.0.0.1', requestId: 'req-1' });
    await expect(run('write', { authorization: 'Bearer tg_abc' }, 'developer').result).resolves.toBe(true);
  });

  it('checks the minimum role and explicit role lists (ci-agent passes only where listed)', async () => {
    await expect(run('write', { 'x-api-key': 'tg_x' }, 'viewer').result).rejects.toMatchObject({ kind: 'forbidden', code: 'AUTH.FORBIDDEN' });
    await expect(run('write', { 'x-api-key': 'tg_x' }, 'ci-agent').result).rejects.toMatchObject({ code: 'AUTH.FORBIDDEN' });
    await expect(run('gate', { 'x-api-key': 'tg_x' }, 'ci-agent').result).resolves.toBe(true);
    await expect(run('gate', { 'x-api-key': 'tg_x' }, 'reviewer').result).rejects.toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  it('makes a route without a role declaration admin-only (fails closed)', async () => {
    await expect(run('undecorated', { 'x-api-key': 'tg_x' }, 'reviewer').result).rejects.toMatchObject({ code: 'AUTH.FORBIDDEN' });
    await expect(run('undecorated', { 'x-api-key': 'tg_x' }, 'admin').result).resolves.toBe(true);
  });

  it('answers 401 for an unknown, revoked or expired key', async () => {
    const authenticate = jest.fn().mockResolvedValue(undefined);
    const guard = new AuthenticationGuard(new Reflector(), { authenticate } as unknown as ApiKeysService);
    const context = {
      getHandler: () => Routes.prototype.write,
      getClass: () => Routes,
      switchToHttp: () => ({ getRequest: () => ({ headers: { 'x-api-key': 'tg_gone' } }) }),
    } as unknown as ExecutionContext;
    await expect(guard.canActivate(context)).rejects.toMatchObject({ code: 'AUTH.INVALID_API_KEY' });
  });
});
