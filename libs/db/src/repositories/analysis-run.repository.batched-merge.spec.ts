import { AnalysisRunRepository, type ScanWrite } from './analysis-run.repository';
import { AuditRepository } from './audit.repository';
import { ConflictRepository } from './conflict.repository';
import type { ConflictWrite, RecommendationWrite } from './conflict-sync';
import { openTestDatabase, RUN, seedEnvironment, versionWrite, type RepositoryTestDatabase } from './registry-fixtures.testing';
import { ToolRegistrationRepository } from './tool-registration.repository';

// The set-based merge of a re-scan (AnalysisRunRepository.complete → syncConflicts): the semantics the
// one-statement-per-conflict version had, and a size that version could not finish.
describe('a re-scan merges its conflicts in batches with the same semantics', () => {
  let db: RepositoryTestDatabase;
  let runs: AnalysisRunRepository;
  let registration: ToolRegistrationRepository;
  let conflicts: ConflictRepository;
  let audit: AuditRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    runs = new AnalysisRunRepository(db.prisma);
    registration = new ToolRegistrationRepository(db.prisma);
    conflicts = new ConflictRepository(db.prisma);
    audit = new AuditRepository(db.prisma);
  });
  afterAll(() => db.close());

  async function registry(count: number, status: 'ACTIVE' | 'BLOCKED' = 'ACTIVE') {
    const { organisationId, env, servers } = await seedEnvironment(db.prisma, ['s']);
    const tools = Array.from({ length: count }, (_, i) => versionWrite(`tool_${String(i).padStart(4, '0')}`, `v1-${i}`, status));
    const result = await registration.register({ environmentId: env.id, serverId: servers['s']!.id, run: RUN, tools, conflicts: [] });
    return { organisationId, env, tools: result.tools };
  }

  async function rescan(environmentId: string, subjectIds: string[], writes: ConflictWrite[], extra: Partial<ScanWrite> = {}) {
    const run = await runs.create(environmentId, 'MANUAL', ['LEXICAL']);
    await runs.start(run.id);
    return runs.complete(run.id, environmentId, { stageTimings: {}, toolCount: subjectIds.length, pairCount: writes.length, subjectIds, conflicts: writes, statuses: [], ...extra });
  }

  const rec = (targetToolId: string, rationale: string): RecommendationWrite => ({ kind: 'RENAME', targetToolId, patch: { after: { name: rationale } }, rationale, source: 'RULES', scoreBefore: 0.9, scoreAfter: 0.2 });
  const write = (a: string, b: string, severity: ConflictWrite['severity'], recommendations: RecommendationWrite[] = []): ConflictWrite => ({ toolIds: [a, b], severity, score: 0.5, findings: [{ type: 'x', severity }], recommendations });

  it('dedups by unordered pair, updates in place, resolves what is gone, reopens what is back, keeps SUPPRESSED and ACKNOWLEDGED; the audit chain verifies', async () => {
    const { organisationId, env, tools } = await registry(5);
    const [t0, t1, t2, t3, t4] = tools.map((t) => t.tool.id) as [string, string, string, string, string];
    const all = [t0, t1, t2, t3, t4];
    const before = (await audit.list(organisationId, {}, { limit: 1000 })).items.length;

    // The same pair twice, in both orders: one conflict (the later write wins, as sequential upserts did).
    const first = await rescan(env.id, all, [write(t0, t1, 'MEDIUM'), write(t1, t0, 'HIGH', [rec(t0, 'first')]), write(t1, t2, 'HIGH'), write(t2, t3, 'HIGH'), write(t3, t4, 'LOW')], { replaceRecommendations: true });
    expect(first.conflictCount).toBe(4);
    const page = async () => (await conflicts.list(env.id, {}, { limit: 100 })).items;
    const byPair = async () => new Map((await page()).map((c) => [[c.toolA.id, c.toolB.id].sort().join('|'), c]));
    const key = (a: string, b: string) => [a, b].sort().join('|');
    let now = await byPair();
    expect(now.size).toBe(4);
    expect(now.get(key(t0, t1))).toMatchObject({ severity: 'HIGH', status: 'OPEN' });

    await conflicts.changeStatus(now.get(key(t1, t2))!.id, 'OPEN', { status: 'SUPPRESSED', suppressionReason: 'known', resolvedAt: null });
    await conflicts.changeStatus(now.get(key(t2, t3))!.id, 'OPEN', { status: 'ACKNOWLEDGED', suppressionReason: null, resolvedAt: null });

    // Second scan: (t0,t1) changes severity and keeps its recommendation (a re-scan without recommendations);
    // (t2,t3) is still found and stays ACKNOWLEDGED; (t1,t2) and (t3,t4) are gone: the OPEN one resolves, the SUPPRESSED one stays.
    const second = await rescan(env.id, all, [write(t1, t0, 'CRITICAL'), write(t3, t2, 'MEDIUM')]);
    expect(second.conflictCount).toBe(2);
    now = await byPair();
    expect(now.size).toBe(4);
    expect(now.get(key(t0, t1))).toMatchObject({ severity: 'CRITICAL', status: 'OPEN' });
    expect(now.get(key(t2, t3))).toMatchObject({ severity: 'MEDIUM', status: 'ACKNOWLEDGED' });
    expect(now.get(key(t1, t2))).toMatchObject({ status: 'SUPPRESSED', suppressionReason: 'known' });
    expect(now.get(key(t3, t4))!.status).toBe('RESOLVED');
    expect((await conflicts.findById(organisationId, now.get(key(t0, t1))!.id))!.recommendations.map((r) => r.rationale)).toEqual(['first']);

    // Third scan: (t3,t4) is back (reopened, same row); recommendations are replaced where the scan computed them.
    await rescan(env.id, all, [write(t0, t1, 'CRITICAL', [rec(t1, 'second'), rec(t0, 'third')]), write(t2, t3, 'MEDIUM'), write(t4, t3, 'HIGH')], { replaceRecommendations: true });
    now = await byPair();
    expect(now.size).toBe(4);
    expect(now.get(key(t3, t4))).toMatchObject({ status: 'OPEN', resolvedAt: null, severity: 'HIGH' });
    expect((await conflicts.findById(organisationId, now.get(key(t0, t1))!.id))!.recommendations.map((r) => r.rationale).sort()).toEqual(['second', 'third']);

    const entries = (await audit.list(organisationId, {}, { limit: 1000 })).items.slice(before);
    const conflictEntries = entries.filter((e) => e.resource.type === 'conflict').map((e) => `${e.action}:${JSON.stringify(e.details['reopened'] ?? e.details['to'])}`);
    expect(conflictEntries).toEqual([
      ...Array(4).fill('conflict.detected:false'),
      'conflict.status_changed:"SUPPRESSED"',
      'conflict.status_changed:"ACKNOWLEDGED"',
      'conflict.status_changed:"RESOLVED"',
      'conflict.detected:true',
    ]);
    expect(entries.filter((e) => e.action === 'analysis.completed').map((e) => e.details['resolved'])).toEqual([0, 1, 0]);
    expect(await audit.verify(organisationId)).toMatchObject({ ok: true, firstBroken: null });
  });

  it('applies statuses only to tools still at the scanned version, approving the ACTIVE ones', async () => {
    const { env, tools } = await registry(2, 'BLOCKED');
    const [a, b] = tools;
    await rescan(env.id, [a!.tool.id, b!.tool.id], [], {
      statuses: [
        { toolId: a!.tool.id, versionId: a!.version.id, status: 'ACTIVE' },
        { toolId: b!.tool.id, versionId: '00000000-0000-7000-8000-000000000000', status: 'ACTIVE' },
      ],
    });
    const rows = await db.prisma.tool.findMany({ where: { id: { in: [a!.tool.id, b!.tool.id] } }, select: { id: true, status: true, approvedVersionId: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a!.tool.id)).toMatchObject({ status: 'ACTIVE', approvedVersionId: a!.version.id });
    expect(byId.get(b!.tool.id)!.status).toBe('BLOCKED');
  });

  it('merges 21,945 conflicts (every pair of 210 tools), then resolves the half a second scan no longer finds', async () => {
    const { organisationId, env, tools } = await registry(210);
    const ids = tools.map((t) => t.tool.id);
    const writes: ConflictWrite[] = [];
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) writes.push(write(ids[j]!, ids[i]!, (i + j) % 2 === 0 ? 'HIGH' : 'MEDIUM'));
    expect(writes.length).toBe(21_945);

    let started = Date.now();
    const first = await rescan(env.id, ids, writes);
    const firstMs = Date.now() - started;
    expect(first.conflictCount).toBe(21_945);
    started = Date.now();
    const kept = writes.filter((_, i) => i % 2 === 0);
    const second = await rescan(env.id, ids, kept);
    const secondMs = Date.now() - started;
    expect(second.conflictCount).toBe(kept.length);

    const counts = await conflicts.counts(env.id);
    expect(counts.byStatus).toEqual({ OPEN: kept.length, RESOLVED: writes.length - kept.length });
    expect(await db.prisma.conflict.count({ where: { environmentId: env.id } })).toBe(21_945);
    const detected = await db.prisma.auditEntry.count({ where: { organisationId, action: 'conflict.detected' } });
    const resolved = await db.prisma.auditEntry.count({ where: { organisationId, action: 'conflict.status_changed' } });
    expect([detected, resolved]).toEqual([21_945, writes.length - kept.length]);
    expect(await audit.verify(organisationId, 5000)).toMatchObject({ ok: true, firstBroken: null });
    // Generous bounds for a shared 2-core machine; the one-statement-per-conflict merge needed minutes.
    expect(firstMs).toBeLessThan(60_000);
    expect(secondMs).toBeLessThan(60_000);
    process.stdout.write(`batched merge: 21,945 new conflicts in ${firstMs} ms; re-merge of half (10,972 resolved) in ${secondMs} ms\n`);
  }, 180_000);
});
