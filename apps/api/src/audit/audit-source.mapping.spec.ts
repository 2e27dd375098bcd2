import type { IncomingMessage } from 'node:http';
import { auditSource } from './audit-source';

describe('auditSource', () => {
  it("maps the caller's actor, the request id and the client address", () => {
    const request = { id: 'req-7', ip: '203.0.113.9', socket: { remoteAddress: '10.0.0.1' } } as unknown as IncomingMessage & { id: string; ip: string };
    const source = auditSource({ organisationId: 'o', actor: { type: 'API_KEY', id: 'k-1', role: 'reviewer' } }, request);
    expect(source).toEqual({ actor: { type: 'api_key', id: 'k-1', display: null }, sourceIp: '203.0.113.9', requestId: 'req-7' });
  });

  it('falls back to the socket address and leaves unknown request ids out', () => {
    const request = { id: 42, socket: { remoteAddress: '::1' } } as unknown as IncomingMessage;
    expect(auditSource({ organisationId: 'o', actor: { type: 'SYSTEM', id: null, role: 'admin' } }, request)).toEqual({
      actor: { type: 'system', id: null, display: null },
      sourceIp: '::1',
      requestId: null,
    });
  });
});
