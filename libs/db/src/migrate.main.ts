/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL.
 * Options: `--dir <path>` (default: prisma/migrations under the working directory).
 * Exit codes: 0 applied or nothing to do, 1 failure (message on stderr).
 */
import path from 'node:path';
import { runMigrations } from './migrations/migration-runner';

function argValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  // A standalone entry point that runs before the apps boot, so it reads its one variable itself.
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: it must name the PostgreSQL database to migrate.');
  const migrationsDir = path.resolve(argValue('--dir') ?? path.join(process.cwd(), 'prisma', 'migrations'));
  await runMigrations({ databaseUrl, migrationsDir, log: (line) => console.log(`[db:migrate] ${line}`) });
}

main().catch((error: unknown) => {
  console.error(`[db:migrate] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
