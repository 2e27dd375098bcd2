// Prisma 7 CLI configuration. The CLI is used for `prisma generate` only (npm run db:generate);
// migrations are applied by our own runner (docs/adr/0002-migration-runner.md).
import path from 'node:path';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: path.join(__dirname, 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'migrations') },
  datasource: { url: process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/toolgate' },
});
