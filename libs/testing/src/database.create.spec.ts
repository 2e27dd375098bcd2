import { Client } from 'pg';
import { createTestDatabase } from './database';

async function tablesOf(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('creates a migrated database that drop() removes', async () => {
    const db = await createTestDatabase();
    try {
      const tables = await tablesOf(db.url);
      expect(tables).toEqual(expect.arrayContaining(['_prisma_migrations', 'Organisation', 'Tool', 'AuditEntry']));
    } finally {
      await db.drop();
    }
    await expect(tablesOf(db.url)).rejects.toThrow(/does not exist/);
  });

  it('gives each call its own database', async () => {
    const [a, b] = await Promise.all([createTestDatabase({ migrate: false }), createTestDatabase({ migrate: false })]);
    try {
      expect(a.name).not.toEqual(b.name);
      expect(await tablesOf(a.url)).toEqual([]);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });
});
