import { Client } from 'pg';
import { hashPassword } from '@toolgate/db';
import { jiraCreateTask, registryClient, type RegistryClient, salesforceCreateTask } from './registry.client';
import { E2E_ADMIN, type Stack, startStack } from './support/stack';

// Two organisations on one API: "default" (the bootstrap admin) and "acme", whose admin is written
// straight into the database (user creation has no endpoint yet). Acme must see none of default's
// data: every read and write of another tenant's resource answers 404, as if it did not exist.
describe('tenant isolation (real API, Postgres, Redis)', () => {
  let stack: Stack;
  let alpha: RegistryClient;
  let acme: RegistryClient;
  const a = { envId: '', toolId: '', conflictId: '', keyId: '' };

  async function addOrganisationAdmin(slug: string, email: string, password: string): Promise<void> {
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      const org = await db.query<{ id: string }>(`INSERT INTO "Organisation" (id, name, slug, "updatedAt") VALUES (gen_random_uuid(), $1, $1, now()) RETURNING id`, [slug]);
      await db.query(`INSERT INTO "User" (id, "organisationId", email, role, "passwordHash", "updatedAt") VALUES (gen_random_uuid(), $1, $2, 'ADMIN', $3, now())`, [
        org.rows[0]!.id,
        email,
        await hashPassword(password),
      ]);
    } finally {
      await db.end();
    }
  }

  beforeAll(async () => {
    stack = await startStack();
    alpha = registryClient(stack.baseUrl, { login: { ...E2E_ADMIN, organisation: 'default' } });
    a.envId = (await alpha.post('/v1/environments', { name: 'prod' })).body.id;
    for (const name of ['jira', 'salesforce']) await alpha.post('/v1/environments/prod/servers', { name });
    a.toolId = (await alpha.post('/v1/environments/prod/tools', { server: 'jira', ...jiraCreateTask })).body.tool.id;
    a.conflictId = (await alpha.post('/v1/environments/prod/tools', { server: 'salesforce', ...salesforceCreateTask })).body.conflicts[0].id;
    a.keyId = (await alpha.post('/v1/api-keys', { name: 'alpha-ci', role: 'ci-agent' })).body.id;
    // Same email as default's admin, on purpose: an email is unique per organisation only.
    await addOrganisationAdmin('acme', E2E_ADMIN.email, 'acme-admin-password-456');
    acme = registryClient(stack.baseUrl, { login: { email: E2E_ADMIN.email, password: 'acme-admin-password-456', organisation: 'acme' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('asks for the organisation when an email exists in two, and logs each admin into its own', async () => {
    const ambiguous = await fetch(`${stack.baseUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: E2E_ADMIN.email, password: E2E_ADMIN.password }) });
    expect(ambiguous.status).toBe(400);
    expect(((await ambiguous.json()) as { code: string }).code).toBe('AUTH.ORGANISATION_REQUIRED');
    const [alphaMe, acmeMe] = await Promise.all([alpha.get('/v1/auth/me'), acme.get('/v1/auth/me')]);
    expect(alphaMe.status).toBe(200);
    expect(acmeMe.status).toBe(200);
    expect(acmeMe.body.organisationId).not.toBe(alphaMe.body.organisationId);
  });

  it("answers 404 for every read of another organisation's environment, tools, servers, conflicts and keys", async () => {
    const notFound = [
      `/v1/environments/${a.envId}`,
      '/v1/environments/prod',
      `/v1/environments/${a.envId}/servers`,
      `/v1/environments/${a.envId}/tools`,
      `/v1/environments/${a.envId}/conflicts`,
      `/v1/environments/${a.envId}/health`,
      `/v1/tools/${a.toolId}`,
      `/v1/conflicts/${a.conflictId}`,
    ];
    const serverId = (await alpha.get('/v1/environments/prod/servers/jira')).body.id;
    notFound.push(`/v1/environments/${a.envId}/servers/${serverId}`, `/v1/environments/${a.envId}/servers/${serverId}/sync-runs`, `/v1/environments/${a.envId}/servers/${serverId}/history`);
    for (const path of notFound) expect([path, (await acme.get(path)).status]).toEqual([path, 404]);
    expect((await acme.get('/v1/environments')).body.items).toEqual([]);
    expect((await acme.get('/v1/api-keys')).body.items).toEqual([]);
    const acmeOrg = (await acme.get('/v1/auth/me')).body.organisationId;
    const audit = await acme.get('/v1/audit-logs');
    expect(audit.status).toBe(200);
    for (const entry of audit.body.items as { organisationId: string }[]) expect(entry.organisationId).toBe(acmeOrg);
    expect(JSON.stringify(audit.body)).not.toContain(a.toolId);
  });

  it("answers 404 for every write to another organisation's resources, and changes nothing", async () => {
    expect((await acme.post(`/v1/environments/${a.envId}/servers`, { name: 'intruder' })).status).toBe(404);
    expect((await acme.patch(`/v1/environments/${a.envId}/servers/jira`, { enabled: false })).status).toBe(404);
    expect((await acme.post(`/v1/environments/${a.envId}/servers/jira/sync`, {})).status).toBe(404);
    expect((await acme.delete(`/v1/environments/${a.envId}/servers/jira`)).status).toBe(404);
    expect((await acme.post(`/v1/environments/${a.envId}/tools`, { server: 'jira', ...jiraCreateTask, description: 'Hijacked.' })).status).toBe(404);
    expect((await acme.post(`/v1/environments/${a.envId}/tools:bulk`, { server: 'jira', tools: [jiraCreateTask] })).status).toBe(404);
    expect((await acme.post(`/v1/environments/${a.envId}/tools/check`, { server: 'x', tools: [jiraCreateTask] })).status).toBe(404);
    expect((await acme.patch(`/v1/conflicts/${a.conflictId}`, { status: 'SUPPRESSED', reason: 'not mine' })).status).toBe(404);
    expect((await acme.delete(`/v1/tools/${a.toolId}`)).status).toBe(404);
    expect((await acme.delete(`/v1/api-keys/${a.keyId}`)).status).toBe(404);
    expect((await acme.post('/v1/webhooks/ci-check', { environment: a.envId, server: 'jira', tools: [jiraCreateTask] })).status).toBe(404);

    expect((await alpha.get(`/v1/tools/${a.toolId}`)).body).toMatchObject({ status: 'ACTIVE', versions: [expect.objectContaining({ version: 1 })] });
    expect((await alpha.get(`/v1/conflicts/${a.conflictId}`)).body.status).toBe('OPEN');
    expect((await alpha.get('/v1/api-keys')).body.items[0]).toMatchObject({ id: a.keyId, revokedAt: null });
    expect((await alpha.get('/v1/environments/prod/servers')).body.items.map((s: { name: string }) => s.name)).toEqual(['jira', 'salesforce']);
  });

  it('keeps same-named environments apart, and an API key only sees its own organisation', async () => {
    expect((await acme.post('/v1/environments', { name: 'prod' })).status).toBe(201);
    expect((await acme.get('/v1/environments/prod/tools')).body.items).toEqual([]);
    expect((await alpha.get('/v1/environments/prod/tools')).body.items).toHaveLength(2);

    const acmeKey = (await acme.post('/v1/api-keys', { name: 'acme-reader', role: 'viewer' })).body.secret as string;
    const acmeReader = registryClient(stack.baseUrl, { apiKey: acmeKey });
    expect((await acmeReader.get(`/v1/tools/${a.toolId}`)).status).toBe(404);
    expect((await acmeReader.get('/v1/environments')).body.items.map((e: { name: string }) => e.name)).toEqual(['prod']);
    expect((await acmeReader.get('/v1/environments/prod')).body.id).not.toBe(a.envId);
  });
});
