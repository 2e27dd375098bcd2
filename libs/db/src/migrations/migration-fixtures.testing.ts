// Helpers for the migration runner's specs (not exported from the lib).
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const REAL_MIGRATIONS_DIR = path.join(REPO_ROOT, 'prisma', 'migrations');

export function testServerUrl(): string {
  return process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test';
}

/** A scratch migrations directory: a copy of the real one, or the given `{ name: sql }` migrations. */
export function fixtureMigrations(migrations: Record<string, string> | 'copy-real'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolgate-migrations-'));
  if (migrations === 'copy-real') {
    cpSync(REAL_MIGRATIONS_DIR, dir, { recursive: true });
  } else {
    for (const [name, sql] of Object.entries(migrations)) {
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, 'migration.sql'), sql);
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

export interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

export function migrationRows(url: string): Promise<MigrationRow[]> {
  return query<MigrationRow>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
}
