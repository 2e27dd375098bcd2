import { actionInfo, parseCef } from '@toolgate/audit';
import { Client } from 'pg';
import { jiraCreateTask, logIn, registryClient, type RegistryClient, salesforceCreateTask, toolDef } from './registry.client';
import { E2E_ADMIN, type Stack, startStack } from './support/stack';

describe('audit log API: entries for registry changes, verify, JSON and CEF export with incremental pulls', () => {
  let stack: Stack;
  let api: RegistryClient;
  let token: string;
  let environmentId: string;
  const env = '/v1/environments/production';

  beforeAll(async () => {
    stack = await startStack();
    api = registryClient(stack.baseUrl);
    token = await logIn(stack.baseUrl, E2E_ADMIN);
    environmentId = (await api.post('/v1/environments', { name: 'production' })).body.id;
    for (const name of ['jira', 'salesforce']) expect((await api.post(`${env}/servers`, { name, transport: 'stdio' })).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** A raw export call: status, headers and the body as text. */
  const exportLog = async (query: string, auth: Record<string, string> = { authorization: `Bearer ${token}` }) => {
    const response = await fetch(`${stack.baseUrl}/v1/audit-logs/export?${query}`, { headers: auth });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), lastSeq: response.headers.get('x-toolgate-last-sequence'), lines: text.split('\n').filter(Boolean) };
  };

  it('writes an audit entry when a tool is registered, and one per detected conflict', async () => {
    const jira = await api.post(`${env}/tools`, { server: 'jira', ...jiraCreateTask });
    const salesforce = await api.post(`${env}/tools`, { server: 'salesforce', ...salesforceCreateTask });
    expect(salesforce.body.tool.status).toBe('BLOCKED');

    const registered = await api.get('/v1/audit-logs?action=tool.registered');
    expect(registered.status).toBe(200);
    expect(registered.body.items.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([jira.body.tool.id, salesforce.body.tool.id]);
    // Not necessarily seq 1: the logins before it are audited too (auth.login_succeeded).
    expect(registered.body.items[0]).toMatchObject({ action: 'tool.registered', resource: { type: 'tool' }, environmentId, outcome: 'success' });
    // Attributed to the caller: the bootstrap admin, from the request's address, with its request id.
    expect(registered.body.items[0].actor).toMatchObject({ type: 'user', id: expect.any(String) });
    expect(registered.body.items[0].sourceIp).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    expect(registered.body.items[0].requestId).toEqual(expect.any(String));
    const detected = await api.get('/v1/audit-logs?action=conflict.detected');
    expect(detected.body.items).toHaveLength(1);
    expect(detected.body.items[0]).toMatchObject({ resource: { type: 'conflict', id: salesforce.body.conflicts[0].id }, details: { severity: 'CRITICAL' } });
    expect((await api.get(`/v1/audit-logs?resourceType=tool&resourceId=${jira.body.tool.id}`)).body.items).toHaveLength(1);
    expect((await api.get('/v1/audit-logs?action=nope')).status).toBe(400);
  });

  /** Every entry, through the paginated listing. */
  const allEntries = async (): Promise<{ seq: number; action: string; hash: string; outcome: string }[]> => {
    const entries = [];
    for (let cursor: string | null = null; ; ) {
      const page = await api.get(`/v1/audit-logs?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      entries.push(...page.body.items);
      cursor = page.body.nextCursor;
      if (!cursor) return entries;
    }
  };
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('pages by sequence and verifies the chain', async () => {
    const entries = await allEntries();
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(entries.map((e) => e.seq)).toEqual(range(1, entries.length));
    expect((await api.get('/v1/audit-logs/verify')).body).toMatchObject({ ok: true, checked: entries.length, firstBroken: null });
  });

  it('exports JSON Lines and CEF, and incremental pulls from the last sequence have no gaps or duplicates', async () => {
    const before = (await allEntries()).length;
    const first = await exportLog('format=json');
    expect(first).toMatchObject({ status: 200, lastSeq: String(before) });
    expect(first.contentType).toMatch(/^application\/x-ndjson/);
    expect(first.lines.map((l) => JSON.parse(l).seq)).toEqual(range(1, before));

    await api.post(`${env}/tools`, { server: 'jira', ...toolDef('list_projects', 'List the Jira projects the user can see.') });
    await api.post(`${env}/tools`, { server: 'jira', ...toolDef('get_comment', 'Read one comment of a Jira issue by id.', { id: { type: 'string' } }) });
    const entries = await allEntries();
    expect(entries.length).toBeGreaterThanOrEqual(before + 2);
    const second = await exportLog(`format=json&since=${first.lastSeq}`);
    expect(second.lastSeq).toBe(String(entries.length));
    expect(second.lines.map((l) => JSON.parse(l).seq)).toEqual(range(before + 1, entries.length));
    expect(JSON.parse(second.lines[0]!).prevHash).toBe(JSON.parse(first.lines[before - 1]!).hash);
    expect(await exportLog(`format=json&since=${second.lastSeq}`)).toMatchObject({ lastSeq: second.lastSeq, lines: [] });

    // Entries 2 to the conflict hold a login, the environment and server creations, the two registrations and the conflict.
    const detectedSeq = entries.find((e) => e.action === 'conflict.detected')!.seq;
    const cef = await exportLog(`format=cef&since=1&until=${detectedSeq}`);
    expect(cef.contentType).toMatch(/^text\/plain/);
    expect(cef.lastSeq).toBe(String(detectedSeq));
    const events = cef.lines.map((line) => parseCef(line));
    expect(events.map((e) => e.extension['cn1'])).toEqual(range(2, detectedSeq).map(String));
    expect(events.map((e) => e.signatureId)).toEqual(expect.arrayContaining(['environment.created', 'server.created', 'tool.registered']));
    events.forEach((event, i) => {
      const entry = entries[i + 1]!;
      const { name, severity } = actionInfo(entry.action, entry.outcome as 'success');
      expect(event).toMatchObject({ deviceVendor: 'Toolgate', deviceProduct: 'Toolgate', signatureId: entry.action, name, severity: String(severity) });
      expect(event.extension).toMatchObject({ outcome: entry.outcome, cs6Label: 'hash', cs6: entry.hash });
    });
    expect(events.find((e) => e.signatureId === 'conflict.detected')).toMatchObject({ name: 'Conflict detected', severity: '6', extension: { cs1Label: 'resourceType', cs1: 'conflict' } });
    expect((await exportLog('format=xml')).status).toBe(400);
  });

  it('lets a viewer list and verify but not export', async () => {
    const key = await api.post('/v1/api-keys', { name: 'auditor', role: 'viewer' });
    expect(key.status).toBe(201);
    const viewer = registryClient(stack.baseUrl, { apiKey: key.body.secret });
    expect((await viewer.get('/v1/audit-logs')).status).toBe(200);
    expect((await viewer.get('/v1/audit-logs/verify')).status).toBe(200);
    expect((await exportLog('format=json', { 'x-api-key': key.body.secret })).status).toBe(403);
  });

  it('records the removal of a tool and the automatic resolution of its conflict', async () => {
    const [blocked] = (await api.get('/v1/audit-logs?action=tool.registered&limit=2')).body.items.slice(1);
    const before = (await allEntries()).length;
    expect((await api.delete(`/v1/tools/${blocked.resource.id}`)).status).toBe(200);
    const tail = (await api.get(`/v1/audit-logs?cursor=${before}`)).body.items;
    expect(tail.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['tool.deleted', 'conflict.status_changed']));
    expect(tail.find((e: { action: string }) => e.action === 'conflict.status_changed').details).toEqual({ from: 'OPEN', to: 'RESOLVED', automatic: true });
    expect(tail.find((e: { action: string }) => e.action === 'tool.deleted').actor.type).toBe('user');
  });

  it('refuses UPDATE and DELETE in the database, and verify finds a row a superuser tampered with', async () => {
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      await expect(db.query(`UPDATE "AuditEntry" SET action = 'tool.deleted' WHERE seq = 2`)).rejects.toThrow(/append-only: UPDATE/);
      await expect(db.query(`DELETE FROM "AuditEntry" WHERE seq = 2`)).rejects.toThrow(/append-only: DELETE/);
      await db.query('ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_reject_update"');
      await db.query(`UPDATE "AuditEntry" SET details = '{"name":"harmless"}' WHERE seq = 2`);
      await db.query('ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_reject_update"');
    } finally {
      await db.end();
    }
    const verify = await api.get('/v1/audit-logs/verify');
    expect(verify.body).toMatchObject({ ok: false, checked: 2, lastValid: { seq: 1 }, firstBroken: { seq: 2, reason: 'hash_mismatch' } });
  });
});
