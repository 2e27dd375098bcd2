import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { runMigrations } from '@toolgate/db';
import { Client } from 'pg';

/** A migrated database that exists for one test file (or one test). */
export interface TestDatabase {
  /** Connection string of the new database. */
  url: string;
  /** Database name, unique per call. */
  name: string;
  /** Drops the database, closing any connection still open on it. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Apply prisma/migrations (default true); false gives an empty database. */
  migrate?: boolean;
  /** Name prefix, to tell leftovers apart (default `toolgate_test`). */
  prefix?: string;
}

const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'prisma', 'migrations');

/**
 * The server tests create their databases on: TEST_DATABASE_URL, else DATABASE_URL, else the local
 * development server. Only the server part and credentials are used; the database named is the one
 * CREATE DATABASE is issued from.
 */
export function testServerUrl(): string {
  return process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test';
}

/**
 * Creates a uniquely named database on the local server and migrates it with the real migration runner.
 * Call `drop()` in `afterAll`.
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const baseUrl = testServerUrl();
  const name = `${options.prefix ?? 'toolgate_test'}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database: TestDatabase = {
    url: url.toString(),
    name,
    drop: () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
  if (options.migrate ?? true) {
    try {
      await runMigrations({ databaseUrl: database.url, migrationsDir: MIGRATIONS_DIR });
    } catch (error) {
      await database.drop();
      throw error;
    }
  }
  return database;
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
