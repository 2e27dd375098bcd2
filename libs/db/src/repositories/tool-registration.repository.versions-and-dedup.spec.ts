import { ConflictRepository } from './conflict.repository';
import { openTestDatabase, RUN, seedEnvironment, versionWrite, type RepositoryTestDatabase } from './registry-fixtures.testing';
import { pendingToolId, ToolRegistrationRepository } from './tool-registration.repository';
import { ToolRepository } from './tool.repository';

describe('ToolRegistrationRepository against Postgres', () => {
  let db: RepositoryTestDatabase;
  let registration: ToolRegistrationRepository;
  let conflicts: ConflictRepository;
  let tools: ToolRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    registration = new ToolRegistrationRepository(db.prisma);
    conflicts = new ConflictRepository(db.prisma);
    tools = new ToolRepository(db.prisma);
  });
  afterAll(() => db.close());

  it('numbers new definitions 1, 2 and reuses the version of a definition seen before', async () => {
    const { env, servers } = await seedEnvironment(db.prisma);
    const write = (content: string) =>
      registration.register({ environmentId: env.id, serverId: servers['github']!.id, run: RUN, tools: [versionWrite('search', content)], conflicts: [] });

    const v1 = (await write('first')).tools[0]!;
    const v2 = (await write('second')).tools[0]!;
    const back = (await write('first')).tools[0]!;

    expect([v1.version.version, v1.versionCreated]).toEqual([1, true]);
    expect([v2.version.version, v2.versionCreated, v2.tool.id]).toEqual([2, true, v1.tool.id]);
    expect([back.version.id, back.versionCreated]).toEqual([v1.version.id, false]);
    expect(back.tool.currentVersion?.id).toBe(v1.version.id);
    expect((await tools.versions(v1.tool.id)).map((v) => v.version)).toEqual([1, 2]);
  });

  it('keeps one conflict per unordered pair, updates it in place and replaces its recommendations', async () => {
    const { env, servers } = await seedEnvironment(db.prisma, ['jira', 'linear']);
    const existing = (await registration.register({ environmentId: env.id, serverId: servers['jira']!.id, run: RUN, tools: [versionWrite('create_task', 'a')], conflicts: [] })).tools[0]!.tool;
    const register = (content: string, severity: 'CRITICAL' | 'HIGH', reversed: boolean) => {
      const pair: [string, string] = reversed ? [existing.id, pendingToolId('create_task')] : [pendingToolId('create_task'), existing.id];
      const recommendation = { kind: 'RENAME' as const, targetToolId: pendingToolId('create_task'), patch: { content }, rationale: content, source: 'RULES' as const, scoreBefore: 1, scoreAfter: 0.2 };
      return registration.register({
        environmentId: env.id,
        serverId: servers['linear']!.id,
        run: RUN,
        tools: [versionWrite('create_task', content, 'BLOCKED')],
        conflicts: [{ toolIds: pair, severity, score: severity === 'CRITICAL' ? 1 : 0.8, findings: [{ type: content }], recommendations: [recommendation] }],
      });
    };

    const first = await register('one', 'CRITICAL', false);
    const second = await register('two', 'HIGH', true);

    expect(second.conflictIds).toEqual(first.conflictIds);
    const detail = await conflicts.findById((await db.prisma.environment.findUniqueOrThrow({ where: { id: env.id } })).organisationId, first.conflictIds[0]!);
    expect(detail).toMatchObject({ severity: 'HIGH', score: 0.8, findings: [{ type: 'two' }], firstSeenRunId: first.runId, lastSeenRunId: second.runId });
    expect(detail?.recommendations.map((r) => r.rationale)).toEqual(['two']);
    expect(detail?.recommendations[0]?.targetToolId).toBe(first.tools[0]!.tool.id);
    expect(await db.prisma.conflict.count({ where: { environmentId: env.id } })).toBe(1);
  });

  it('resolves a conflict the analysis stops reporting, and reopens it when it comes back', async () => {
    const { env, servers } = await seedEnvironment(db.prisma, ['a', 'b']);
    const other = (await registration.register({ environmentId: env.id, serverId: servers['a']!.id, run: RUN, tools: [versionWrite('search', 'x')], conflicts: [] })).tools[0]!.tool;
    const conflict = { toolIds: [pendingToolId('search'), other.id] as [string, string], severity: 'HIGH' as const, score: 0.9, findings: [], recommendations: [] };
    const base = { environmentId: env.id, serverId: servers['b']!.id, run: RUN };

    const found = await registration.register({ ...base, tools: [versionWrite('search', 'v1', 'BLOCKED')], conflicts: [conflict] });
    const gone = await registration.register({ ...base, tools: [versionWrite('search', 'v2')], conflicts: [] });
    expect(gone.resolvedConflictIds).toEqual(found.conflictIds);
    expect((await db.prisma.conflict.findUniqueOrThrow({ where: { id: found.conflictIds[0]! } })).status).toBe('RESOLVED');

    await registration.register({ ...base, tools: [versionWrite('search', 'v3', 'BLOCKED')], conflicts: [conflict] });
    const reopened = await db.prisma.conflict.findUniqueOrThrow({ where: { id: found.conflictIds[0]! } });
    expect([reopened.status, reopened.resolvedAt]).toEqual(['OPEN', null]);
  });

  it('soft-deletes a tool, keeps its history, drops it from the registry and resolves its conflicts', async () => {
    const { env, servers } = await seedEnvironment(db.prisma, ['a', 'b']);
    const kept = (await registration.register({ environmentId: env.id, serverId: servers['a']!.id, run: RUN, tools: [versionWrite('search', 'x')], conflicts: [] })).tools[0]!.tool;
    const doomed = await registration.register({
      environmentId: env.id,
      serverId: servers['b']!.id,
      run: RUN,
      tools: [versionWrite('search', 'y', 'BLOCKED')],
      conflicts: [{ toolIds: [kept.id, pendingToolId('search')], severity: 'CRITICAL', score: 1, findings: [], recommendations: [] }],
    });
    const removed = await registration.remove(doomed.tools[0]!.tool.id);

    expect(removed.tool.status).toBe('REMOVED');
    expect(removed.tool.deletedAt).toBeInstanceOf(Date);
    expect(removed.resolvedConflictIds).toEqual(doomed.conflictIds);
    expect(removed.counterpartIds).toEqual([kept.id]);
    expect((await tools.registry(env.id)).map((t) => t.id)).toEqual([kept.id]);
    expect(await tools.versions(removed.tool.id)).toHaveLength(1);
    expect(await conflicts.unresolvedFor(env.id, [kept.id])).toEqual([]);
  });
});
