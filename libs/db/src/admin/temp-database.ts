import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A database created for one job (a test file, a schema diff) and dropped after it. */
export interface TempDatabase {
  /** Database name, unique per call: `<prefix>_<time>_<random>`. */
  name: string;
  /** Connection string of the new database (same server and credentials as the base URL). */
  url: string;
  /** Drops the database, closing any connection still open on it. */
  drop(): Promise<void>;
}

/**
 * Creates an empty, uniquely named database on the server `baseUrl` points at. The database `baseUrl`
 * names is only used to issue CREATE DATABASE from; the role needs CREATEDB.
 */
export async function createTempDatabase(baseUrl: string, prefix = 'toolgate_tmp'): Promise<TempDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    // FORCE: a leftover connection (a pool still closing) must not make cleanup fail.
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
