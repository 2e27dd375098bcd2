import { AUDIT_ACTION_INFO, AUDIT_ACTIONS } from './audit-actions';
import { chain, input } from './audit.fixtures.testing';
import type { AuditEntry } from './audit-entry';
import { toCefLine } from './cef.format';
import { parseCef } from './cef.parser';
import { chainEntry } from './hash-chain';

const HOSTILE = ['a|b', 'key=value', 'back\\slash', 'trailing\\', 'line\nbreak', 'cr\r\nlf', 'ünïcødé 日本語 🚀', '', ' spaced out ', 'x= y=z', '\\=\\n', 'cs1=forged'];

function entryWith(value: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  const base = chainEntry(null, input({ actor: { type: 'user', id: value, display: value }, resource: { type: value, id: value }, requestId: value, details: { value, userAgent: value } }), {
    id: '0193a000-0000-7000-8000-000000000abc',
    time: new Date(Date.UTC(2026, 10, 21, 9, 30, 0, 123)),
  });
  return { ...base, ...overrides };
}

describe('CEF format, read back with a parser that follows the spec', () => {
  it.each(HOSTILE.map((v) => [JSON.stringify(v), v]))('round-trips %s in every extension value and stays one line', (_label, value) => {
    const line = toCefLine(entryWith(value), { productVersion: '1.0' });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\r\n]/);
    const event = parseCef(line);
    expect(event.extension).toMatchObject({ suser: value, suid: value, cs1: value, cs2: value, cs4: value, requestClientApplication: value });
    expect(JSON.parse(event.extension['cs5']!)).toEqual({ value, userAgent: value });
  });

  it('writes the header with vendor, product, version, action, name and severity', () => {
    const event = parseCef(toCefLine(entryWith('x'), { productVersion: '0.1.0' }));
    expect(event).toMatchObject({ version: 0, deviceVendor: 'Toolgate', deviceProduct: 'Toolgate', deviceVersion: '0.1.0', signatureId: 'tool.registered', name: 'Tool registered', severity: '3' });
  });

  it('escapes | and \\ in header fields', () => {
    const event = parseCef(toCefLine(entryWith('x', { action: 'odd|action\\x' }), { productVersion: '1|2\\3' }));
    expect([event.deviceVersion, event.signatureId, event.name]).toEqual(['1|2\\3', 'odd|action\\x', 'odd|action\\x']);
  });

  it('maps the standard keys: rt in epoch ms, outcome, externalId, the sequence and the chain', () => {
    const [first, second] = chain(2);
    const { extension } = parseCef(toCefLine(second!, { productVersion: '1' }));
    expect(extension).toMatchObject({
      rt: String(second!.time.getTime()),
      src: '203.0.113.7',
      outcome: 'success',
      externalId: second!.id,
      deviceExternalId: second!.organisationId,
      cn1: '2',
      cn1Label: 'sequence',
      flexString1: 'user',
      cs6: second!.hash,
      cs6Label: 'hash',
      flexString2: first!.hash,
      cs3: second!.environmentId,
    });
  });

  it('sets src only for a real IP address, IPv6 included', () => {
    const src = (sourceIp: string | null) => parseCef(toCefLine(entryWith('x', { sourceIp }), { productVersion: '1' })).extension['src'];
    expect(src('2001:db8::1')).toBe('2001:db8::1');
    expect(src('::ffff:192.0.2.1')).toBe('::ffff:192.0.2.1');
    for (const bad of ['unknown', '10.0.0.1, 10.0.0.2', '999.1.1.1', 'example.com', '10.0.0.1:443', null]) expect(src(bad)).toBeUndefined();
  });

  it('leaves null fields out rather than writing empty values', () => {
    const { extension } = parseCef(toCefLine(entryWith('x', { environmentId: null, requestId: null, prevHash: null }), { productVersion: '1' }));
    expect(Object.keys(extension)).not.toEqual(expect.arrayContaining(['cs3']));
    expect(extension['cs4']).toBeUndefined();
    expect(extension['flexString2']).toBeUndefined();
    expect(extension['cs4Label']).toBe('requestId');
  });

  it('gives every action a severity from 0 to 10, raised for failures and denials', () => {
    for (const action of AUDIT_ACTIONS) {
      const ok = parseCef(toCefLine(entryWith('x', { action }), { productVersion: '1' }));
      const denied = parseCef(toCefLine(entryWith('x', { action, outcome: 'denied' }), { productVersion: '1' }));
      expect(Number(ok.severity)).toBe(AUDIT_ACTION_INFO[action].severity);
      expect(Number(denied.severity)).toBe(Math.min(10, AUDIT_ACTION_INFO[action].severity + 2));
    }
  });
});
