import path from 'node:path';
import { createTempDatabase, runMigrations, type TempDatabase } from '@toolgate/db';

/** A migrated database that exists for one test file (or one test). */
export type TestDatabase = TempDatabase;

export interface CreateTestDatabaseOptions {
  /** Apply prisma/migrations (default true); false gives an empty database. */
  migrate?: boolean;
  /** Name prefix, to tell leftovers apart (default `toolgate_test`). */
  prefix?: string;
}

const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'prisma', 'migrations');

/**
 * The server tests create their databases on: TEST_DATABASE_URL, else DATABASE_URL, else the local
 * development server (trust auth, database `test`).
 */
export function testServerUrl(): string {
  return process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test';
}

/**
 * Creates a uniquely named database on the local server and migrates it with the real migration runner.
 * Returns `{ url, name, drop }`; call `drop()` in `afterAll`.
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const database = await createTempDatabase(testServerUrl(), options.prefix ?? 'toolgate_test');
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
