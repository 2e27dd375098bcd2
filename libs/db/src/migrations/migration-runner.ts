import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type MigrationFile, matchesChecksum, readMigrationFiles } from './migration-files';
import { MigrationFailedError, MigrationModifiedError } from './migration.errors';

/**
 * The advisory lock key Prisma Migrate itself takes, so this runner and `prisma migrate deploy`
 * also exclude each other. Session-level: released when the connection closes, even on a crash.
 */
const ADVISORY_LOCK_KEY = 72707369;

/** Prisma's own DDL for its history table (postgres flavour of the schema engine). */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrateOptions {
  databaseUrl: string;
  /** Directory in Prisma's layout: `<dir>/<timestamp>_<name>/migration.sql`. */
  migrationsDir: string;
  /** Progress lines; silent when omitted. */
  log?: (line: string) => void;
}

export interface MigrateResult {
  /** Names of the migrations applied by this run, in order. */
  applied: string[];
  /** How many migrations were already applied before this run. */
  alreadyApplied: number;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies pending migrations, each in its own transaction, recording them in `_prisma_migrations`
 * exactly as Prisma does. Throws {@link MigrationModifiedError} when an applied migration's file changed.
 * Safe to run concurrently: a Postgres advisory lock serialises runners (docs/adr/0002-migration-runner.md).
 */
export async function runMigrations(options: MigrateOptions): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  const files = readMigrationFiles(options.migrationsDir);
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    log('Waiting for the migration lock...');
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const pending = await pendingMigrations(client, files, log);
    if (pending.length === 0) {
      log('No pending migrations.');
      return { applied: [], alreadyApplied: files.length };
    }
    log(`${pending.length} pending migration(s).`);
    for (const migration of pending) await applyMigration(client, migration, log);
    log(`Applied ${pending.length} migration(s).`);
    return { applied: pending.map((m) => m.name), alreadyApplied: files.length - pending.length };
  } finally {
    // Closing the session releases the advisory lock too; unlock explicitly to hand it over promptly.
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function pendingMigrations(client: Client, files: MigrationFile[], log: (line: string) => void): Promise<MigrationFile[]> {
  const { rows } = await client.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
  const applied = new Map<string, AppliedRow>();
  for (const row of rows) {
    if (row.rolled_back_at !== null) continue;
    if (row.finished_at === null) throw new MigrationFailedError(row.migration_name);
    applied.set(row.migration_name, row);
  }
  const onDisk = new Set(files.map((f) => f.name));
  for (const name of applied.keys()) {
    if (!onDisk.has(name)) log(`Warning: migration "${name}" is applied in the database but missing on disk.`);
  }
  for (const file of files) {
    const row = applied.get(file.name);
    if (row && !matchesChecksum(file.sql, row.checksum)) throw new MigrationModifiedError(file.name);
  }
  return files.filter((f) => !applied.has(f.name));
}

async function applyMigration(client: Client, migration: MigrationFile, log: (line: string) => void): Promise<void> {
  log(`Applying ${migration.name}...`);
  const started = Date.now();
  await client.query('BEGIN');
  try {
    const id = randomUUID();
    await client.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
      [id, migration.checksum, migration.name],
    );
    // Simple-query protocol (no parameters): the file may hold many statements.
    await client.query(migration.sql);
    await client.query(
      'UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1',
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration "${migration.name}" failed and was rolled back: ${reason}`, { cause: error });
  }
  log(`Applied ${migration.name} in ${Date.now() - started} ms.`);
}
