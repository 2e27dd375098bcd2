import { DomainError } from '@toolgate/config';
import { assertCan, can, satisfies } from './access-policy';
import type { Actor, Role } from './actor';

const actor = (role: Role): Actor => ({ type: 'USER', id: 'u1', role });

describe('access policy', () => {
  it('orders viewer < developer < reviewer < admin', () => {
    expect(satisfies('developer', 'viewer')).toBe(true);
    expect(satisfies('developer', 'reviewer')).toBe(false);
    expect(satisfies('admin', 'reviewer')).toBe(true);
    expect(satisfies('viewer', 'developer')).toBe(false);
  });

  it('lets ci-agent read and nothing more', () => {
    expect(satisfies('ci-agent', 'viewer')).toBe(true);
    expect(satisfies('ci-agent', 'developer')).toBe(false);
    expect(can(actor('ci-agent'), 'approval.request')).toBe(false);
  });

  it('refuses a developer suppressing a CRITICAL conflict with a coded 403 error, and lets a reviewer', () => {
    expect(() => assertCan(actor('developer'), 'conflict.suppress-critical')).toThrow(
      expect.objectContaining({ kind: 'forbidden', code: 'AUTH.FORBIDDEN', details: expect.objectContaining({ required: 'reviewer' }) }),
    );
    expect(() => assertCan(actor('reviewer'), 'conflict.suppress-critical')).not.toThrow();
  });

  it('reserves key management to admins', () => {
    expect(() => assertCan(actor('reviewer'), 'api-key.manage')).toThrow(DomainError);
    expect(() => assertCan(actor('admin'), 'api-key.manage')).not.toThrow();
  });
});
