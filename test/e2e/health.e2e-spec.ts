import { waitFor } from './support/app-process';
import { type Stack, startStack } from './support/stack';

interface Readiness {
  status: string;
  checks: Record<string, { status: string; latencyMs?: number; lastHeartbeatAt?: string | null; ageMs?: number | null; error?: string }>;
}

describe('health endpoints (real API + worker, Postgres, Redis)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('GET /health answers 200 { status: ok } and a request id', async () => {
    const response = await fetch(`${stack.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /readiness answers 200 once the worker heartbeat is seen, with every check ok', async () => {
    const body = await waitFor('readiness 200', async () => {
      const response = await fetch(`${stack.baseUrl}/readiness`);
      return response.status === 200 ? ((await response.json()) as Readiness) : undefined;
    });
    expect(body.status).toBe('ok');
    expect(body.checks['postgres']).toMatchObject({ status: 'ok', latencyMs: expect.any(Number) });
    expect(body.checks['redis']).toMatchObject({ status: 'ok', latencyMs: expect.any(Number) });
    const worker = body.checks['worker'];
    expect(worker?.status).toBe('ok');
    expect(Date.now() - Date.parse(worker?.lastHeartbeatAt ?? '')).toBeLessThan(5000);
    expect(worker?.ageMs).toBeGreaterThanOrEqual(0);
  });

  it('GET /docs-json serves an OpenAPI 3 document describing /health and /readiness', async () => {
    const response = await fetch(`${stack.baseUrl}/docs-json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Toolgate API');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/readiness']));
    const docs = await fetch(`${stack.baseUrl}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('an unknown route answers 404 { code, message, details } and echoes the caller\'s request id', async () => {
    const response = await fetch(`${stack.baseUrl}/no-such-route`, { headers: { 'x-request-id': 'e2e-trace-42' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('e2e-trace-42');
    expect(await response.json()).toEqual({ code: 'HTTP.NOT_FOUND', message: 'Cannot GET /no-such-route', details: {} });
  });

  it('replaces a request id that is not a plain token', async () => {
    const response = await fetch(`${stack.baseUrl}/health`, { headers: { 'x-request-id': 'bad id\twith "quotes"' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed JSON with 400 in the same error shape', async () => {
    const response = await fetch(`${stack.baseUrl}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'HTTP.BAD_REQUEST', details: {} });
  });
});
