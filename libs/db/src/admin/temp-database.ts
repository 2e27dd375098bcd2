import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server the tooling creates throwaway databases on (trust auth in development and CI). */
export function serverUrl(): string {
  return process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test';
}

export interface TempDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty, uniquely named database next to the one `baseUrl` names. */
export async function createTempDatabase(prefix: string, baseUrl = serverUrl()): Promise<TempDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    // FORCE: a leftover connection (e.g. a pool still closing) must not make cleanup fail.
    drop: () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
