// Builders for the audit specs (not exported from the lib).
import type { AuditEntry, AuditEntryInput } from './audit-entry';
import { chainEntry } from './hash-chain';

export const ORG = '0193a000-0000-7000-8000-000000000001';

export function input(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    organisationId: ORG,
    actor: { type: 'user', id: 'u-1', display: 'ada@example.com' },
    action: 'tool.registered',
    resource: { type: 'tool', id: 't-1' },
    environmentId: '0193a000-0000-7000-8000-0000000000e1',
    sourceIp: '203.0.113.7',
    requestId: 'req-1',
    details: { name: 'create_task', version: 1 },
    ...overrides,
  };
}

/** A valid chain of `n` entries, one second apart. */
export function chain(n: number, make: (i: number) => AuditEntryInput = () => input()): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const tip = entries.at(-1) ?? null;
    entries.push(chainEntry(tip, make(i), { id: `0193a000-0000-7000-8000-${String(i).padStart(12, '0')}`, time: new Date(Date.UTC(2026, 10, 21, 9, 0, i)) }));
  }
  return entries;
}
