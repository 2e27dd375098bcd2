// A tiny JSON client for the registry e2e specs: every call returns the status and the parsed body.
import { E2E_ADMIN } from './support/stack';

// Bodies are asserted field by field with toMatchObject; typing every response shape here would only restate the API.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface JsonResponse<T = any> {
  status: number;
  body: T;
}

export type RegistryClient = Record<'get' | 'delete', (path: string) => Promise<JsonResponse>> &
  Record<'post' | 'patch', (path: string, body: unknown) => Promise<JsonResponse>>;

/**
 * How the client authenticates: by default it logs in once as the stack's bootstrap admin; or a
 * bearer credential (JWT or `tg_` API key), an `X-API-Key`, or nothing at all.
 */
export type ClientAuth = { login: { email: string; password: string; organisation?: string } } | { bearer: string } | { apiKey: string } | 'anonymous';

// JSON bodies parsed; anything else (a JSON Lines or CEF export) as text.
function parseBody(text: string, contentType: string | null): unknown {
  return contentType?.includes('application/json') ? JSON.parse(text) : text;
}

/** POST /v1/auth/login; throws unless it answers 200. */
export async function logIn(baseUrl: string, credentials: { email: string; password: string; organisation?: string }): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  if (response.status !== 200) throw new Error(`login as ${credentials.email} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

// Registration is analysed on the queue (202, PENDING_ANALYSIS); the specs that assert the outcome of a registration
// ask the API to wait for the worker (RFC 7240 `Prefer: wait`), so their stacks run a worker. registration-queue.e2e-spec.ts
// covers the 202 default and the wait itself.
const REGISTRATION_PATH = /^\/v1\/environments\/[^/]+\/tools(?::bulk|\/bulk)?$/;
const WAIT_FOR_ANALYSIS = { prefer: 'wait=30' };

export function registryClient(baseUrl: string, auth: ClientAuth = { login: E2E_ADMIN }): RegistryClient {
  let token: Promise<string> | undefined;
  const authHeaders = async (): Promise<Record<string, string>> => {
    if (auth === 'anonymous') return {};
    if ('apiKey' in auth) return { 'x-api-key': auth.apiKey };
    if ('bearer' in auth) return { authorization: `Bearer ${auth.bearer}` };
    token ??= logIn(baseUrl, auth.login);
    return { authorization: `Bearer ${await token}` };
  };
  const call = async (method: string, path: string, body?: unknown): Promise<JsonResponse> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(await authHeaders()), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(method === 'POST' && REGISTRATION_PATH.test(path) ? WAIT_FOR_ANALYSIS : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? parseBody(text, response.headers.get('content-type')) : undefined };
  };
  return {
    get: (path) => call('GET', path),
    delete: (path) => call('DELETE', path),
    post: (path, body) => call('POST', path, body),
    patch: (path, body) => call('PATCH', path, body),
  };
}

/** A tool definition as an MCP server lists it. */
export function toolDef(name: string, description: string, properties: Record<string, unknown> = {}, required: string[] = []) {
  return { name, description, inputSchema: { type: 'object', properties, required } };
}

export const jiraCreateTask = toolDef('create_task', 'Create a new task (issue) in a Jira project.', {
  project_key: { type: 'string', description: 'Jira project key' },
  summary: { type: 'string', description: 'Task title' },
}, ['project_key', 'summary']);

export const salesforceCreateTask = toolDef('createTask', 'Create a task activity on a Salesforce account or opportunity record.', {
  whatId: { type: 'string', description: 'Account or opportunity id' },
  subject: { type: 'string', description: 'Task subject' },
}, ['whatId', 'subject']);

export const weatherTools = [
  toolDef('get_forecast', 'Get the weather forecast for a city for the next days.', { city: { type: 'string' }, days: { type: 'integer' } }, ['city']),
  toolDef('get_air_quality', 'Air quality index (PM2.5, ozone) measured at a monitoring station.', { station: { type: 'string' } }, ['station']),
  toolDef('list_stations', 'List the monitoring stations of a country.', { country: { type: 'string' } }, ['country']),
];
