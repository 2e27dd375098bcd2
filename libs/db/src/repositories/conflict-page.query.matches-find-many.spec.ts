import { ConflictRepository } from './conflict.repository';
import { openTestDatabase, RUN, seedEnvironment, versionWrite, type RepositoryTestDatabase } from './registry-fixtures.testing';
import { CONFLICT_INCLUDE, toConflictRecord } from './registry.mappers';
import { pendingToolId, ToolRegistrationRepository } from './tool-registration.repository';

describe('conflict listing (one joined query)', () => {
  let db: RepositoryTestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('returns exactly what findMany with the tool/server include returns, page by page and filtered', async () => {
    const { env, servers } = await seedEnvironment(db.prisma, ['a', 'b']);
    const registration = new ToolRegistrationRepository(db.prisma);
    const [x, y] = (await registration.register({ environmentId: env.id, serverId: servers['a']!.id, run: RUN, tools: [versionWrite('x', 'x'), versionWrite('y', 'y')], conflicts: [] })).tools.map((t) => t.tool.id);
    await registration.register({
      environmentId: env.id,
      serverId: servers['b']!.id,
      run: RUN,
      tools: [versionWrite('z', 'z', 'BLOCKED')],
      conflicts: [
        { toolIds: [pendingToolId('z'), x!], severity: 'CRITICAL', score: 1, findings: [{ stage: 'lexical', type: 'exact-name-collision', severity: 'CRITICAL', score: 1, evidence: {} }] as never, recommendations: [] },
        { toolIds: [y!, pendingToolId('z')], severity: 'MEDIUM', score: 0.5, findings: [], recommendations: [] },
      ],
    });
    const conflicts = new ConflictRepository(db.prisma);
    const expected = (await db.prisma.conflict.findMany({ where: { environmentId: env.id }, include: CONFLICT_INCLUDE, orderBy: { id: 'asc' } })).map(toConflictRecord);
    expect(expected).toHaveLength(2);

    const first = await conflicts.list(env.id, {}, { limit: 1 });
    expect(first.items).toEqual([expected[0]]);
    expect(first.nextCursor).toBe(expected[0]!.id);
    const second = await conflicts.list(env.id, {}, { limit: 1, cursor: first.nextCursor! });
    expect(second).toEqual({ items: [expected[1]], nextCursor: null });
    expect((await conflicts.list(env.id, { status: 'OPEN', severity: 'MEDIUM', toolId: y! }, { limit: 10 })).items).toEqual(expected.filter((c) => c.severity === 'MEDIUM'));
    expect((await conflicts.list(env.id, { status: 'RESOLVED' }, { limit: 10 })).items).toEqual([]);
  });
});
