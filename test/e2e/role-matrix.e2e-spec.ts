import { randomUUID } from 'node:crypto';
import { jiraCreateTask, registryClient, type RegistryClient, salesforceCreateTask, toolDef } from './registry.client';
import { type Stack, startStack } from './support/stack';

// The endpoint × role matrix of docs/security.md, walked whole against the running API: every cell
// is asserted 403 (forbidden) or not-403-and-not-401 (allowed: 2xx, or a 4xx about the request
// itself such as 404 for a random id). Identities are API keys of each role.
type Role = 'viewer' | 'developer' | 'reviewer' | 'admin' | 'ci-agent';
const ROLES: Role[] = ['viewer', 'developer', 'reviewer', 'admin', 'ci-agent'];
const ALL = ROLES;
const DEV_UP: Role[] = ['developer', 'reviewer', 'admin'];
const REVIEWER_UP: Role[] = ['reviewer', 'admin'];
const ADMIN: Role[] = ['admin'];

interface Ids {
  toolId: string;
  criticalConflictId: string;
}

interface Cell {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The path as the OpenAPI document spells it, e.g. /v1/tools/{id}. */
  route: string;
  allowed: Role[];
  path(ids: Ids, role: Role): string;
  body?(role: Role): unknown;
}

const env = '/v1/environments/prod';
const random = () => randomUUID();

const MATRIX: Cell[] = [
  { method: 'GET', route: '/v1/auth/me', allowed: ALL, path: () => '/v1/auth/me' },
  { method: 'POST', route: '/v1/api-keys', allowed: ADMIN, path: () => '/v1/api-keys', body: (role) => ({ name: `made-by-${role}`, role: 'viewer' }) },
  { method: 'GET', route: '/v1/api-keys', allowed: ADMIN, path: () => '/v1/api-keys' },
  { method: 'DELETE', route: '/v1/api-keys/{id}', allowed: ADMIN, path: () => `/v1/api-keys/${random()}` },
  { method: 'POST', route: '/v1/environments', allowed: ADMIN, path: () => '/v1/environments', body: (role) => ({ name: `env-${role}` }) },
  { method: 'GET', route: '/v1/environments', allowed: ALL, path: () => '/v1/environments' },
  { method: 'GET', route: '/v1/environments/{env}', allowed: ALL, path: () => env },
  // A no-op change (the policy prod already has), so the rows after it see the same policy whoever was allowed.
  { method: 'PATCH', route: '/v1/environments/{env}', allowed: ADMIN, path: () => env, body: () => ({ blockingSeverity: 'HIGH' }) },
  // Developers may register remote servers; a stdio command is admin-only inside ServersService (test/e2e/sync-servers.e2e-spec.ts).
  { method: 'POST', route: '/v1/environments/{env}/servers', allowed: DEV_UP, path: () => `${env}/servers`, body: (role) => ({ name: `srv-${role}` }) },
  { method: 'GET', route: '/v1/environments/{env}/servers', allowed: ALL, path: () => `${env}/servers` },
  { method: 'GET', route: '/v1/environments/{env}/servers/{id}', allowed: ALL, path: () => `${env}/servers/jira` },
  { method: 'PATCH', route: '/v1/environments/{env}/servers/{id}', allowed: DEV_UP, path: () => `${env}/servers/weather`, body: () => ({ enabled: true }) },
  { method: 'DELETE', route: '/v1/environments/{env}/servers/{id}', allowed: ADMIN, path: () => `${env}/servers/${random()}` },
  // jira has no connection: allowed callers get 422 SERVER.NOT_SYNCABLE, the others 403.
  { method: 'POST', route: '/v1/environments/{env}/servers/{id}/sync', allowed: DEV_UP, path: () => `${env}/servers/jira/sync` },
  { method: 'GET', route: '/v1/environments/{env}/servers/{id}/sync-runs', allowed: ALL, path: () => `${env}/servers/jira/sync-runs` },
  { method: 'GET', route: '/v1/environments/{env}/servers/{id}/history', allowed: ALL, path: () => `${env}/servers/jira/history` },
  { method: 'GET', route: '/v1/sync-runs/{id}', allowed: ALL, path: () => `/v1/sync-runs/${random()}` },
  { method: 'POST', route: '/v1/environments/{env}/tools', allowed: DEV_UP, path: () => `${env}/tools`, body: (role) => ({ server: 'weather', ...toolDef(`forecast_${role.replace('-', '_')}_v1`, `Weather forecast variant for ${role}.`) }) },
  { method: 'POST', route: '/v1/environments/{env}/tools:bulk', allowed: DEV_UP, path: () => `${env}/tools:bulk`, body: (role) => ({ server: 'weather', tools: [toolDef(`radar_${role.replace('-', '_')}`, `Radar imagery tile for ${role}.`)] }) },
  { method: 'POST', route: '/v1/environments/{env}/tools/check', allowed: ALL, path: () => `${env}/tools/check`, body: () => ({ server: 'other', tools: [toolDef('list_tides', 'Tide tables for a harbour.')] }) },
  { method: 'GET', route: '/v1/environments/{env}/tools', allowed: ALL, path: () => `${env}/tools` },
  { method: 'GET', route: '/v1/tools/{id}', allowed: ALL, path: (ids) => `/v1/tools/${ids.toolId}` },
  { method: 'DELETE', route: '/v1/tools/{id}', allowed: DEV_UP, path: () => `/v1/tools/${random()}` },
  { method: 'GET', route: '/v1/environments/{env}/conflicts', allowed: ALL, path: () => `${env}/conflicts` },
  { method: 'GET', route: '/v1/environments/{env}/health', allowed: ALL, path: () => `${env}/health` },
  { method: 'GET', route: '/v1/conflicts/{id}', allowed: ALL, path: (ids) => `/v1/conflicts/${ids.criticalConflictId}` },
  { method: 'PATCH', route: '/v1/conflicts/{id}', allowed: DEV_UP, path: () => `/v1/conflicts/${random()}`, body: () => ({ status: 'ACKNOWLEDGED' }) },
  // Same route, second row: suppressing a CRITICAL conflict is reviewer+ (checked inside ConflictsService).
  { method: 'PATCH', route: '/v1/conflicts/{id}', allowed: REVIEWER_UP, path: (ids) => `/v1/conflicts/${ids.criticalConflictId}`, body: () => ({ status: 'SUPPRESSED', reason: 'accepted risk' }) },
  { method: 'POST', route: '/v1/webhooks/ci-check', allowed: ['ci-agent', ...DEV_UP], path: () => '/v1/webhooks/ci-check', body: () => ({ environment: 'prod', server: 'other', tools: [toolDef('list_tides', 'Tide tables for a harbour.')] }) },
  { method: 'GET', route: '/v1/webhooks/ci-check/{checkId}/routing', allowed: ALL, path: () => `/v1/webhooks/ci-check/${random()}/routing` },
  { method: 'POST', route: '/v1/environments/{env}/analysis-runs', allowed: DEV_UP, path: () => `${env}/analysis-runs` },
  { method: 'GET', route: '/v1/analysis-runs/{id}', allowed: ALL, path: () => `/v1/analysis-runs/${random()}` },
  { method: 'POST', route: '/v1/approvals', allowed: DEV_UP, path: () => '/v1/approvals', body: () => ({ toolId: random() }) },
  { method: 'GET', route: '/v1/approvals', allowed: ALL, path: () => '/v1/approvals' },
  { method: 'GET', route: '/v1/approvals/{id}', allowed: ALL, path: () => `/v1/approvals/${random()}` },
  { method: 'POST', route: '/v1/approvals/{id}/approve', allowed: REVIEWER_UP, path: () => `/v1/approvals/${random()}/approve`, body: () => ({ reason: 'ok' }) },
  { method: 'POST', route: '/v1/approvals/{id}/reject', allowed: REVIEWER_UP, path: () => `/v1/approvals/${random()}/reject`, body: () => ({ reason: 'no' }) },
  // Notification channels: admin only (a channel without its required secret answers 400 to an admin: allowed).
  { method: 'POST', route: '/v1/environments/{env}/notification-channels', allowed: ADMIN, path: () => `${env}/notification-channels`, body: (role) => ({ name: `ch-${role}`, kind: 'slack', secrets: {} }) },
  { method: 'GET', route: '/v1/environments/{env}/notification-channels', allowed: ADMIN, path: () => `${env}/notification-channels` },
  { method: 'GET', route: '/v1/environments/{env}/notification-channels/{id}', allowed: ADMIN, path: () => `${env}/notification-channels/${random()}` },
  { method: 'PATCH', route: '/v1/environments/{env}/notification-channels/{id}', allowed: ADMIN, path: () => `${env}/notification-channels/${random()}`, body: () => ({ enabled: false }) },
  { method: 'DELETE', route: '/v1/environments/{env}/notification-channels/{id}', allowed: ADMIN, path: () => `${env}/notification-channels/${random()}` },
  { method: 'POST', route: '/v1/environments/{env}/notification-channels/{id}/test', allowed: ADMIN, path: () => `${env}/notification-channels/${random()}/test` },
  { method: 'GET', route: '/v1/notifications', allowed: REVIEWER_UP, path: () => '/v1/notifications' },
  { method: 'GET', route: '/v1/audit-logs', allowed: ALL, path: () => '/v1/audit-logs' },
  { method: 'GET', route: '/v1/audit-logs/verify', allowed: ALL, path: () => '/v1/audit-logs/verify' },
  { method: 'GET', route: '/v1/audit-logs/export', allowed: REVIEWER_UP, path: () => '/v1/audit-logs/export?format=json' },
];

function send(client: RegistryClient, cell: Cell, path: string, body: unknown) {
  if (cell.method === 'GET') return client.get(path);
  if (cell.method === 'DELETE') return client.delete(path);
  return cell.method === 'POST' ? client.post(path, body) : client.patch(path, body);
}

// Reachable without credentials; everything else in the OpenAPI document must have a row above.
const PUBLIC_ROUTES = ['GET /health', 'GET /readiness', 'POST /v1/auth/login'];

describe('role matrix: every endpoint × every role (real API, Postgres, Redis)', () => {
  let stack: Stack;
  let admin: RegistryClient;
  const clients = new Map<Role, RegistryClient>();
  const ids: Ids = { toolId: '', criticalConflictId: '' };

  beforeAll(async () => {
    stack = await startStack();
    admin = registryClient(stack.baseUrl);
    await admin.post('/v1/environments', { name: 'prod' });
    for (const name of ['jira', 'salesforce', 'weather']) await admin.post(`${env}/servers`, { name });
    ids.toolId = (await admin.post(`${env}/tools`, { server: 'jira', ...jiraCreateTask })).body.tool.id;
    const blocked = await admin.post(`${env}/tools`, { server: 'salesforce', ...salesforceCreateTask });
    ids.criticalConflictId = blocked.body.conflicts.find((c: { severity: string }) => c.severity === 'CRITICAL').id;
    for (const role of ROLES) {
      const key = await admin.post('/v1/api-keys', { name: `matrix-${role}`, role });
      clients.set(role, registryClient(stack.baseUrl, { apiKey: key.body.secret }));
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('has a row for every authenticated route in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${stack.baseUrl}/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([route, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`));
    const covered = new Set([...MATRIX.map((cell) => `${cell.method} ${cell.route}`), ...PUBLIC_ROUTES, 'POST /v1/environments/{env}/tools/bulk']);
    expect(documented.filter((route) => !covered.has(route))).toEqual([]);
  });

  it.each(MATRIX.map((cell) => [`${cell.method} ${cell.route} (${cell.allowed.join(', ')})`, cell] as const))('%s', async (_name, cell) => {
    const outcomes: Record<string, number> = {};
    for (const role of ROLES) {
      const client = clients.get(role)!;
      const path = cell.path(ids, role);
      outcomes[role] = (await send(client, cell, path, cell.body?.(role) ?? {})).status;
    }
    const expected = Object.fromEntries(ROLES.map((role) => [role, cell.allowed.includes(role) ? 'allowed' : 403]));
    const actual = Object.fromEntries(ROLES.map((role) => [role, outcomes[role] === 403 ? 403 : outcomes[role] === 401 ? 401 : 'allowed']));
    expect(actual).toEqual(expected);
    // Anonymous callers never get past authentication.
    const anonymous = registryClient(stack.baseUrl, 'anonymous');
    expect((await send(anonymous, cell, cell.path(ids, 'viewer'), {})).status).toBe(401);
  });
});
