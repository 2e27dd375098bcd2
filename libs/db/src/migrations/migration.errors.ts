/** A migration file changed after it was applied: the database no longer matches the history on disk. */
export class MigrationModifiedError extends Error {
  readonly code = 'DB.MIGRATION_MODIFIED';

  constructor(readonly migrationName: string) {
    super(
      `Migration "${migrationName}" was modified after it was applied: its migration.sql no longer matches ` +
        'the checksum recorded in _prisma_migrations. Restore the original file and put the change in a new migration.',
    );
    this.name = 'MigrationModifiedError';
  }
}

/** A migration started by another tool (e.g. `prisma migrate deploy`) never finished and was not rolled back. */
export class MigrationFailedError extends Error {
  readonly code = 'DB.MIGRATION_FAILED';

  constructor(readonly migrationName: string) {
    super(
      `Migration "${migrationName}" is recorded as started but not finished. Fix the database by hand, then mark it ` +
        'rolled back (`prisma migrate resolve --rolled-back`) or applied before migrating again.',
    );
    this.name = 'MigrationFailedError';
  }
}
