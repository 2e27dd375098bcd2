/**
 * A comparable description of a database's `public` schema, read from the Postgres catalogs: what the
 * "migrated database matches schema.prisma" spec compares. Names are included (Prisma derives index and
 * constraint names from the schema, so a renamed index is a real difference).
 */
import { Client } from 'pg';

export interface Catalog {
  enums: string[];
  tables: string[];
  columns: string[];
  indexes: string[];
  constraints: string[];
}

const QUERIES: Record<keyof Catalog, string> = {
  enums: `
    SELECT t.typname || ' = ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS item
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' GROUP BY t.typname`,
  tables: `SELECT tablename AS item FROM pg_tables WHERE schemaname = 'public'`,
  columns: `
    SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
           || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
           || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS item
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped`,
  indexes: `SELECT indexdef AS item FROM pg_indexes WHERE schemaname = 'public'`,
  // CHECK constraints are left out: Prisma cannot express them, so they exist only in migrations.
  constraints: `
    SELECT c.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid) AS item
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    WHERE con.contype <> 'c'`,
};

/** Reads the catalog of `public`, leaving out the tables named in `ignoreTables` (e.g. `_prisma_migrations`). */
export async function readCatalog(url: string, ignoreTables: string[] = []): Promise<Catalog> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const catalog = {} as Catalog;
    for (const key of Object.keys(QUERIES) as (keyof Catalog)[]) {
      const { rows } = await client.query<{ item: string }>(QUERIES[key]);
      catalog[key] = rows
        .map((r) => r.item)
        .filter((item) => !ignoreTables.some((t) => item === t || item.startsWith(`${t}.`) || item.startsWith(`${t} `) || item.includes(`ON public.${t} `) || item.includes(`ON public."${t}" `)))
        .sort();
    }
    return catalog;
  } finally {
    await client.end();
  }
}
