import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { logIn, registryClient } from './registry.client';
import { type Stack, startStack } from './support/stack';

const run = promisify(execFile);
const BIN = path.resolve(__dirname, '../../bin/toolgate.js');

// `toolgate admin create-user` (the built CLI) against the API's database: the user it creates can log in.
describe('toolgate admin create-user (built CLI, real API, Postgres)', () => {
  let stack: Stack;
  const cli = async (args: string[], env: Record<string, string>) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, 'admin', 'create-user', ...args], { env: { PATH: process.env['PATH'] ?? '', ...env } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('creates a user whose password is read from the environment; the user logs in with its role', async () => {
    const env = { DATABASE_URL: stack.databaseUrl, TOOLGATE_NEW_USER_PASSWORD: 'reviewer-password-123' };
    const created = await cli(['--email', 'Reviewer@Example.com', '--role', 'reviewer'], env);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(created.stdout)).toMatchObject({ email: 'reviewer@example.com', role: 'reviewer', organisation: 'default' });
    expect(created.stdout).not.toContain('reviewer-password-123');

    const token = await logIn(stack.baseUrl, { email: 'reviewer@example.com', password: 'reviewer-password-123' });
    expect((await registryClient(stack.baseUrl, { bearer: token }).get('/v1/auth/me')).body.actor).toMatchObject({ type: 'USER', role: 'reviewer' });

    expect(await cli(['--email', 'reviewer@example.com', '--role', 'admin'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('already exists') });
  });

  it('creates the organisation when the slug is new, and refuses bad input with exit code 2', async () => {
    const env = { DATABASE_URL: stack.databaseUrl, TOOLGATE_NEW_USER_PASSWORD: 'acme-admin-password-1' };
    expect((await cli(['--email', 'root@acme.test', '--role', 'admin', '--organisation', 'acme'], env)).code).toBe(0);
    const token = await logIn(stack.baseUrl, { email: 'root@acme.test', password: 'acme-admin-password-1' });
    const acme = registryClient(stack.baseUrl, { bearer: token });
    expect((await acme.post('/v1/environments', { name: 'prod' })).status).toBe(201);

    expect(await cli(['--email', 'x@acme.test'], { DATABASE_URL: stack.databaseUrl })).toMatchObject({ code: 2, stderr: expect.stringContaining('TOOLGATE_NEW_USER_PASSWORD') });
    expect(await cli(['--email', 'x@acme.test'], { TOOLGATE_NEW_USER_PASSWORD: 'long-enough-password' })).toMatchObject({ code: 2, stderr: expect.stringContaining('DATABASE_URL') });
    expect((await cli(['--email', 'x@acme.test', '--role', 'owner'], env)).code).toBe(2);
    expect((await cli(['--email', 'not-an-email'], env)).code).toBe(2);
  });
});
