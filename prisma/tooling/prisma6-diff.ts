/**
 * `prisma migrate diff` through Prisma 6's CLI (devDependency alias `prisma6`), which runs offline with
 * its WASM schema engine when its config declares a driver adapter. Prisma 7's CLI would need the native
 * schema-engine binary, which is not shipped in the npm package. Why and how: docs/adr/0002-migration-runner.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
export const SCHEMA_PATH = path.join(root, 'prisma', 'schema.prisma');
export const MIGRATIONS_DIR = path.join(root, 'prisma', 'migrations');

export interface DiffResult {
  /** The SQL script; Prisma prints `-- This is an empty migration.` when there is nothing to do. */
  sql: string;
  empty: boolean;
}

/** Prisma 6 wants the URL in the datasource block and has no `prisma-client` generator: adapt a copy. */
export function schemaForPrisma6(schema: string): string {
  const withoutGenerator = schema.replace(/^generator\s+\w+\s*\{[\s\S]*?^\}\s*$/m, '');
  const adapted = withoutGenerator.replace(/^(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"postgresql")/m, '$1\n  url = env("DATABASE_URL")');
  if (adapted === withoutGenerator) throw new Error('schema.prisma: no postgresql datasource block found');
  return adapted;
}

/**
 * The config file Prisma 6 loads. The adapter's database doubles as the shadow database for
 * `--from-migrations`, so it must be a throwaway one.
 *
 * The patch works around the pg adapter rejecting Postgres' internal one-byte "char" type (oid 18), which
 * the engine's introspection queries return for pg_constraint.contype, confdeltype and the like ("Column
 * type 'char' could not be deserialized"): such columns are read as text and declared to the engine as
 * its Character column type, which is what the native engine would have produced.
 */
function configSource(databaseUrl: string): string {
  const adapterPg = JSON.stringify(require.resolve('@prisma/adapter-pg', { paths: [root] }));
  return `'use strict';
const { PrismaPg } = require(${adapterPg});
const PG_CHAR_OID = 18, PG_TEXT_OID = 25, COLUMN_TYPE_CHARACTER = 6;
const charColumns = new WeakMap();
let patched = false;
function patchQueryable(adapter) {
  if (patched) return;
  patched = true;
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, 'performIO')) proto = Object.getPrototypeOf(proto);
  if (!proto) throw new Error('adapter-pg changed: no performIO to patch');
  const performIO = proto.performIO, queryRaw = proto.queryRaw;
  proto.performIO = async function (query) {
    const result = await performIO.call(this, query);
    const indexes = [];
    ((result && result.fields) || []).forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) { field.dataTypeID = PG_TEXT_OID; indexes.push(i); }
    });
    if (indexes.length > 0) charColumns.set(query, indexes);
    return result;
  };
  proto.queryRaw = async function (query) {
    const out = await queryRaw.call(this, query);
    for (const i of charColumns.get(query) || []) out.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return out;
  };
}
module.exports = {
  experimental: { adapter: true },
  engine: 'js',
  schema: __dirname + '/schema.prisma',
  adapter: async () => {
    // A short idle timeout lets the CLI exit as soon as it is done instead of waiting for the pool.
    const factory = new PrismaPg({ connectionString: ${JSON.stringify(databaseUrl)}, idleTimeoutMillis: 50 });
    const connect = factory.connect.bind(factory);
    factory.connect = async () => { const adapter = await connect(); patchQueryable(adapter); return adapter; };
    return factory;
  },
};
`;
}

/**
 * Diffs `from` (empty, or the migrations directory) to the schema file, as a SQL script.
 * `scratchDatabaseUrl` must name an empty database that may be written to (the shadow database).
 */
export function prisma6Diff(opts: { from: 'empty' | { migrationsDir: string }; schemaPath?: string; scratchDatabaseUrl: string }): DiffResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolgate-diff-'));
  try {
    writeFileSync(path.join(dir, 'schema.prisma'), schemaForPrisma6(readFileSync(opts.schemaPath ?? SCHEMA_PATH, 'utf8')));
    writeFileSync(path.join(dir, 'prisma.config.js'), configSource(opts.scratchDatabaseUrl));
    const from = opts.from === 'empty' ? ['--from-empty'] : ['--from-migrations', opts.from.migrationsDir];
    const cli = require.resolve('prisma6/build/index.js', { paths: [root] });
    const args = [cli, 'migrate', 'diff', '--config', path.join(dir, 'prisma.config.js'), ...from];
    args.push('--to-schema-datamodel', path.join(dir, 'schema.prisma'), '--script');
    const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: prisma6Env(opts.scratchDatabaseUrl) });
    if (result.status !== 0) throw new Error(`prisma6 migrate diff failed (${result.status}): ${result.stderr || result.stdout}`);
    const sql = result.stdout;
    return { sql, empty: sql.trim() === '' || sql.trim() === '-- This is an empty migration.' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The CLI downloads engine binaries at start-up unless these point at existing files; with the WASM
 * engine it never runs them, so the Node binary stands in.
 */
function prisma6Env(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
}
