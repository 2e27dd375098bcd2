import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import jwt from 'jsonwebtoken';
import { type JsonResponse, logIn, registryClient, type RegistryClient } from './registry.client';
import { E2E_ADMIN, E2E_JWT_SECRET, type Stack, startStack } from './support/stack';

// One API configured with all three kinds of verification key: JWT_SECRET (our logins, HS256),
// JWT_PUBLIC_KEY (an EC key, ES256) and JWKS_URL (an RSA key served here, RS256).
describe('authentication: login, JWTs, API keys (real API, Postgres, Redis)', () => {
  let stack: Stack;
  let jwks: Server;
  let ecKey: { privateKey: KeyLike; publicKey: KeyLike };
  let rsaKey: { privateKey: KeyLike; publicKey: KeyLike };
  let admin: RegistryClient;

  const json = async (r: Response): Promise<JsonResponse> => ({ status: r.status, body: await r.json() });
  const me = (headers: Record<string, string>) => fetch(`${stack.baseUrl}/v1/auth/me`, { headers }).then(json);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const login = (body: unknown) =>
    fetch(`${stack.baseUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(json);
  const external = (key: KeyLike, alg: 'ES256' | 'RS256', claims: Record<string, unknown>, kid?: string) =>
    new SignJWT(claims).setProtectedHeader({ alg, ...(kid ? { kid } : {}) }).setIssuer('toolgate').setAudience('toolgate-api').setSubject('idp|alice').setIssuedAt().setExpirationTime('5m').sign(key);

  beforeAll(async () => {
    ecKey = await generateKeyPair('ES256');
    rsaKey = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(rsaKey.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    stack = await startStack({ worker: false, apiEnv: { JWT_PUBLIC_KEY: await exportSPKI(ecKey.publicKey), JWKS_URL: jwksUrl } });
    admin = registryClient(stack.baseUrl);
  });
  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  it('documents the bearer scheme in the OpenAPI document and marks protected operations with it', async () => {
    const doc = (await (await fetch(`${stack.baseUrl}/docs-json`)).json()) as { components: { securitySchemes: Record<string, unknown> }; paths: Record<string, Record<string, { security?: unknown }>> };
    expect(doc.components.securitySchemes['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/v1/environments']!['get']!.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/auth/login']!['post']!.security).toBeUndefined();
  });

  it('logs the bootstrap admin in and accepts the token it returns', async () => {
    const response = await login(E2E_ADMIN);
    expect(response).toMatchObject({ status: 200, body: { tokenType: 'Bearer', user: { email: E2E_ADMIN.email, role: 'admin' } } });
    expect(Date.parse(response.body.expiresAt) - Date.now()).toBeGreaterThan(50 * 60_000);
    const who = await me(bearer(response.body.accessToken));
    expect(who).toMatchObject({ status: 200, body: { actor: { type: 'USER', id: response.body.user.id, role: 'admin' }, organisationId: response.body.user.organisationId } });
  });

  it('answers 401 with one message for a wrong password and an unknown email', async () => {
    const wrong = await login({ email: E2E_ADMIN.email.toUpperCase(), password: 'not-the-password' });
    const unknown = await login({ email: 'nobody@e2e.toolgate.test', password: 'whatever-password' });
    expect(wrong).toEqual({ status: 401, body: { code: 'AUTH.INVALID_CREDENTIALS', message: 'Invalid email or password', details: {} } });
    expect(unknown.body).toEqual(wrong.body);
    // Audited in the admin's organisation, with the outcome; the unknown email has no organisation to log into.
    const failed = (await admin.get('/v1/audit-logs?action=auth.login_failed')).body.items;
    expect(failed).toEqual([expect.objectContaining({ outcome: 'failure', details: { reason: 'wrong_password' }, actor: expect.objectContaining({ type: 'user', display: E2E_ADMIN.email }) })]);
    expect((await admin.get('/v1/audit-logs?action=auth.login_succeeded')).body.items.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses missing, malformed, forged, expired and mis-addressed tokens with 401', async () => {
    const token = await logIn(stack.baseUrl, E2E_ADMIN);
    const claims = jwt.decode(token) as Record<string, unknown>;
    const sign = (payload: Record<string, unknown>, secret = E2E_JWT_SECRET) => jwt.sign(payload, secret, { algorithm: 'HS256' });
    const now = Math.floor(Date.now() / 1000);
    expect((await me({})).body.code).toBe('AUTH.MISSING_CREDENTIALS');
    expect((await me(bearer('not.a.jwt'))).status).toBe(401);
    expect((await me(bearer(sign(claims, 'another-secret-with-at-least-32-characters!')))).body.code).toBe('AUTH.INVALID_TOKEN');
    expect((await me(bearer(sign({ ...claims, iat: now - 7200, exp: now - 3600 })))).body.code).toBe('AUTH.TOKEN_EXPIRED');
    expect((await me(bearer(sign({ ...claims, aud: 'someone-else' })))).status).toBe(401);
    expect((await me(bearer(sign({ ...claims, iss: 'evil' })))).status).toBe(401);
    const { exp: _exp, ...noExpiry } = claims;
    expect((await me(bearer(sign(noExpiry)))).status).toBe(401);
    // alg "none": an unsigned token with the same claims.
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    expect((await me(bearer(unsigned))).status).toBe(401);
    // Sanity: the untouched token passes.
    expect((await me(bearer(sign(claims)))).status).toBe(200);
  });

  it('accepts external ES256 (public key) and RS256 (JWKS) tokens, role from the roles claim, organisation from org', async () => {
    const es = await external(ecKey.privateKey, 'ES256', { roles: ['viewer', 'Reviewer'], org: 'default' });
    expect(await me(bearer(es))).toMatchObject({ status: 200, body: { actor: { type: 'USER', id: 'idp|alice', role: 'reviewer' } } });
    const rs = await external(rsaKey.privateKey, 'RS256', { roles: 'ci_agent', org: 'default' }, 'rsa-1');
    expect(await me(bearer(rs))).toMatchObject({ status: 200, body: { actor: { role: 'ci-agent' } } });

    expect((await me(bearer(await external(ecKey.privateKey, 'ES256', { roles: ['superuser'], org: 'default' })))).body.code).toBe('AUTH.NO_ROLE');
    expect((await me(bearer(await external(ecKey.privateKey, 'ES256', { roles: ['admin'], org: 'nope' })))).body.code).toBe('AUTH.UNKNOWN_ORGANISATION');
    // An external token cannot pass itself off as one of our login tokens.
    const { accessToken, user } = (await login(E2E_ADMIN)).body;
    const forged = await external(ecKey.privateKey, 'ES256', { ...(jwt.decode(accessToken) as object), roles: ['viewer'] });
    expect(await me(bearer(forged))).toMatchObject({ status: 200, body: { actor: { role: 'viewer' } } });
    expect(user.role).toBe('admin');
    // Algorithm confusion: HS256 "signed" with the RSA public key as the HMAC secret.
    const pem = await exportSPKI(rsaKey.publicKey);
    const confused = jwt.sign({ sub: 'x', roles: ['admin'], org: 'default', iss: 'toolgate', aud: 'toolgate-api' }, pem, { algorithm: 'HS256', expiresIn: 300 });
    expect((await me(bearer(confused))).status).toBe(401);
  });

  it('creates an API key whose secret is shown once, authenticates with it (Bearer or X-API-Key), and stops it at once when revoked', async () => {
    const created = await admin.post('/v1/api-keys', { name: 'pipeline', role: 'ci-agent' });
    expect(created.status).toBe(201);
    const { secret, id, prefix } = created.body;
    expect(secret).toMatch(/^tg_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(prefix).toHaveLength(11);

    const listed = await admin.get('/v1/api-keys');
    expect(listed.body.items).toEqual([expect.objectContaining({ id, name: 'pipeline', role: 'ci-agent', prefix, revokedAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    expect(await me(bearer(secret))).toMatchObject({ status: 200, body: { actor: { type: 'API_KEY', id, role: 'ci-agent' } } });
    expect((await me({ 'x-api-key': secret })).status).toBe(200);
    expect((await me(bearer(`${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`))).body.code).toBe('AUTH.INVALID_API_KEY');

    const revoked = await admin.delete(`/v1/api-keys/${id}`);
    expect(revoked).toMatchObject({ status: 200, body: { id, revokedAt: expect.any(String) } });
    expect((await me(bearer(secret))).body.code).toBe('AUTH.INVALID_API_KEY');
    expect((await admin.delete('/v1/api-keys/00000000-0000-7000-8000-000000000000')).body.code).toBe('API_KEY.NOT_FOUND');
    const trail = (await admin.get(`/v1/audit-logs?resourceType=api_key&resourceId=${id}`)).body.items;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['api_key.created', 'api_key.revoked']);
    expect(JSON.stringify(trail)).not.toContain(secret);

    // An external admin (no local user row) can manage keys too; the key records no local creator.
    const externalAdmin = registryClient(stack.baseUrl, { bearer: await external(ecKey.privateKey, 'ES256', { roles: ['admin'], org: 'default' }) });
    expect((await externalAdmin.post('/v1/api-keys', { name: 'from-idp', role: 'viewer' })).body).toMatchObject({ name: 'from-idp', createdById: null });
  });

  it('refuses an API key from the moment it expires, and an expiry in the past', async () => {
    expect((await admin.post('/v1/api-keys', { name: 'old', role: 'viewer', expiresAt: new Date(Date.now() - 1000).toISOString() })).status).toBe(400);
    const expiresAt = new Date(Date.now() + 1500);
    const { secret } = (await admin.post('/v1/api-keys', { name: 'short', role: 'viewer', expiresAt: expiresAt.toISOString() })).body;
    expect((await me(bearer(secret))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, expiresAt.getTime() - Date.now() + 50));
    expect((await me(bearer(secret))).body.code).toBe('AUTH.INVALID_API_KEY');
  });

  it('rate-limits failed logins per account (even with the right password next) and per IP', async () => {
    const victim = { email: 'ghost@e2e.toolgate.test', password: 'wrong-password-1' };
    for (let i = 0; i < 5; i++) expect((await login(victim)).status).toBe(401);
    const locked = await login(victim);
    expect(locked).toMatchObject({ status: 429, body: { code: 'AUTH.TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: expect.any(Number) } } });
    expect(locked.body.details.retryAfterSeconds).toBeGreaterThan(800);

    // The admin account: five failures lock it, so the correct password is refused too.
    for (let i = 0; i < 5; i++) expect((await login({ ...E2E_ADMIN, password: `wrong-${i}-password` })).status).toBe(401);
    expect((await login(E2E_ADMIN)).status).toBe(429);

    // This IP has 5 + 5 + 2 (earlier test) failures; 8 more on fresh accounts reach the per-IP limit of 20.
    for (let i = 0; i < 8; i++) expect((await login({ email: `spray-${i}@e2e.toolgate.test`, password: 'password-spray' })).status).toBe(401);
    expect((await login({ email: 'fresh@e2e.toolgate.test', password: 'password-spray' })).status).toBe(429);
  });
});
