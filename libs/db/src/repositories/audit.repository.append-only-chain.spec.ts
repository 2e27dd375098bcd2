import { type AuditEntryInput, parseCef, verifyChain } from '@toolgate/audit';
import { randomUUID } from 'node:crypto';
import { AuditRepository } from './audit.repository';
import { OrganisationRepository } from './organisation.repository';
import { openTestDatabase, type RepositoryTestDatabase } from './registry-fixtures.testing';

describe('AuditRepository against Postgres', () => {
  let db: RepositoryTestDatabase;
  let audit: AuditRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    audit = new AuditRepository(db.prisma);
  });
  afterAll(() => db.close());

  const entry = (organisationId: string, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
    organisationId,
    actor: { type: 'system', id: null, display: 'toolgate' },
    action: 'tool.registered',
    resource: { type: 'tool', id: 'tool-1' },
    details: { note: 'line\nbreak|=\\', nested: { b: 2, a: 1 } },
    ...overrides,
  });
  const appendMany = async (organisationId: string, n: number) => {
    for (let i = 0; i < n; i++) await db.prisma.$transaction((tx) => audit.append(tx, entry(organisationId, { resource: { type: 'tool', id: `t-${i}` } })));
  };
  // A bare organisation: an environment would bring its own environment.created entry and shift the counts.
  const org = async () => new OrganisationRepository(db.prisma).ensure(`audit-${randomUUID()}`, 'Org');

  it('numbers entries 1, 2, 3 per organisation and chains them; the stored rows verify', async () => {
    const [a, b] = [await org(), await org()];
    await appendMany(a, 3);
    await appendMany(b, 2);
    const rows = await audit.list(a, {}, { limit: 10 });
    expect(rows.items.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(rows.items[1]!.prevHash).toBe(rows.items[0]!.hash);
    expect(verifyChain(rows.items).ok).toBe(true);
    expect(await audit.verify(a)).toMatchObject({ ok: true, checked: 3 });
    expect(await audit.verify(b)).toMatchObject({ ok: true, checked: 2 });
  });

  it('rejects UPDATE, DELETE and TRUNCATE with a clear message', async () => {
    const a = await org();
    await appendMany(a, 1);
    await expect(db.prisma.$executeRawUnsafe(`UPDATE "AuditEntry" SET action = 'x' WHERE "organisationId" = '${a}'`)).rejects.toThrow(/append-only: UPDATE is not allowed/);
    await expect(db.prisma.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "organisationId" = '${a}'`)).rejects.toThrow(/append-only: DELETE is not allowed/);
    await expect(db.prisma.$executeRawUnsafe('TRUNCATE "AuditEntry"')).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
    expect(await db.prisma.auditEntry.count({ where: { organisationId: a } })).toBe(1);
  });

  it('gives 40 concurrent appends a gapless sequence and a valid chain', async () => {
    const a = await org();
    await Promise.all(Array.from({ length: 40 }, (_, i) => db.prisma.$transaction((tx) => audit.append(tx, entry(a, { resource: { type: 'tool', id: `c-${i}` } })))));
    const { items } = await audit.list(a, {}, { limit: 100 });
    expect(items.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await audit.verify(a, 7)).toMatchObject({ ok: true, checked: 40 });
  });

  it('chains several appends of one transaction (lock taken once) while other transactions append too', async () => {
    const [a, b] = [await org(), await org()];
    const other = new AuditRepository(db.prisma);
    await Promise.all([
      db.prisma.$transaction(async (tx) => {
        for (let i = 0; i < 5; i++) await (i % 2 ? other : audit).append(tx, entry(a, { sourceIp: i === 3 ? '::FFFF:192.0.2.1' : null }));
        await audit.append(tx, entry(b));
      }),
      ...Array.from({ length: 5 }, () => db.prisma.$transaction((tx) => audit.append(tx, entry(a)))),
    ]);
    const { items } = await audit.list(a, {}, { limit: 20 });
    expect(items.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(items.some((e) => e.sourceIp === '::ffff:192.0.2.1')).toBe(true);
    expect(await audit.verify(a)).toMatchObject({ ok: true, checked: 10 });
    expect(await audit.verify(b)).toMatchObject({ ok: true, checked: 1 });
  });

  it('bounds an export by time as well as by sequence', async () => {
    const a = await org();
    await appendMany(a, 3);
    const [, second] = (await audit.list(a, {}, { limit: 10 })).items;
    const out = await audit.exportStream(a, { until: { time: second!.time }, format: 'json', productVersion: '1' });
    let text = '';
    for await (const chunk of out.chunks) text += chunk;
    expect(out.lastSeq).toBeGreaterThanOrEqual(2);
    expect(text.split('\n').filter(Boolean).map((l) => JSON.parse(l).seq)).toEqual(Array.from({ length: out.lastSeq }, (_, i) => i + 1));
    expect((await audit.exportStream(a, { until: { time: new Date(0) }, format: 'json', productVersion: '1' })).lastSeq).toBe(0);
  });

  it('leaves no entry (and no hole) when the transaction rolls back', async () => {
    const a = await org();
    await appendMany(a, 1);
    await expect(db.prisma.$transaction(async (tx) => {
      await audit.append(tx, entry(a));
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    await appendMany(a, 1);
    expect((await audit.list(a, {}, { limit: 10 })).items.map((e) => e.seq)).toEqual([1, 2]);
    expect((await audit.verify(a)).ok).toBe(true);
  });

  it('stores the source IP as Postgres prints it (so it verifies) and drops what is not an address', async () => {
    const a = await org();
    await db.prisma.$transaction((tx) => audit.append(tx, entry(a, { sourceIp: '2001:DB8:0:0::1' })));
    await db.prisma.$transaction((tx) => audit.append(tx, entry(a, { sourceIp: 'unknown' })));
    const { items } = await audit.list(a, {}, { limit: 10 });
    expect(items.map((e) => e.sourceIp)).toEqual(['2001:db8::1', null]);
    expect((await audit.verify(a)).ok).toBe(true);
  });

  it('reports the tampered link after a superuser disables the trigger and edits a row', async () => {
    const a = await org();
    await appendMany(a, 5);
    await db.prisma.$executeRawUnsafe('ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_reject_update"');
    try {
      await db.prisma.$executeRawUnsafe(`UPDATE "AuditEntry" SET "actorDisplay" = 'someone else' WHERE "organisationId" = '${a}' AND seq = 3`);
    } finally {
      await db.prisma.$executeRawUnsafe('ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_reject_update"');
    }
    const result = await audit.verify(a, 2);
    expect(result).toMatchObject({ ok: false, checked: 3, lastValid: { seq: 2 }, firstBroken: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('filters by action, actor, resource and time, with cursor pages', async () => {
    const a = await org();
    await appendMany(a, 3);
    await db.prisma.$transaction((tx) => audit.append(tx, entry(a, { action: 'conflict.detected', actor: { type: 'user', id: 'u-1', display: 'ada' }, resource: { type: 'conflict', id: 'k-1' } })));
    expect((await audit.list(a, { action: 'conflict.detected' }, { limit: 10 })).items.map((e) => e.seq)).toEqual([4]);
    expect((await audit.list(a, { actorType: 'user', actorId: 'u-1' }, { limit: 10 })).items.map((e) => e.seq)).toEqual([4]);
    expect((await audit.list(a, { resourceType: 'tool', resourceId: 't-1' }, { limit: 10 })).items.map((e) => e.seq)).toEqual([2]);
    expect((await audit.list(a, { to: new Date(Date.now() - 60_000) }, { limit: 10 })).items).toEqual([]);
    const first = await audit.list(a, {}, { limit: 3 });
    expect(first.nextCursor).toBe('3');
    expect((await audit.list(a, {}, { limit: 3, cursor: 3 })).items.map((e) => e.seq)).toEqual([4]);
  });

  it('exports in batches with an exclusive `since`, so consecutive pulls have no gaps or duplicates', async () => {
    const a = await org();
    await appendMany(a, 25);
    const pull = async (since: number | undefined, untilSeq?: number, format: 'json' | 'cef' = 'json') => {
      const out = await audit.exportStream(a, { since, until: untilSeq ? { seq: untilSeq } : undefined, format, productVersion: '1.0', batchSize: 7 });
      let text = '';
      for await (const chunk of out.chunks) text += chunk;
      return { lastSeq: out.lastSeq, lines: text.split('\n').filter(Boolean) };
    };
    const first = await pull(undefined, 10);
    expect(first.lastSeq).toBe(10);
    await appendMany(a, 2);
    const second = await pull(first.lastSeq);
    const third = await pull(second.lastSeq);
    const seqs = [...first.lines, ...second.lines].map((l) => JSON.parse(l).seq);
    expect(seqs).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    expect(third).toEqual({ lastSeq: 27, lines: [] });
    const cef = await pull(25, undefined, 'cef');
    expect(cef.lines.map((l) => parseCef(l).extension['cn1'])).toEqual(['26', '27']);
  });
});
