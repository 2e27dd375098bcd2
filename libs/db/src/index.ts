export { PrismaService, type PrismaPoolOptions } from './prisma.service';
export { runMigrations, type MigrateOptions, type MigrateResult } from './migrations/migration-runner';
export { MigrationFailedError, MigrationModifiedError } from './migrations/migration.errors';
export { matchesChecksum, migrationChecksum } from './migrations/migration-files';
export { createTempDatabase, type TempDatabase } from './admin/temp-database';
