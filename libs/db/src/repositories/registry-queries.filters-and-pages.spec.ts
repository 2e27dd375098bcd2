import { ConflictError } from '@toolgate/config';
import { ConflictRepository } from './conflict.repository';
import { EnvironmentRepository } from './environment.repository';
import { OrganisationRepository } from './organisation.repository';
import { openTestDatabase, RUN, seedEnvironment, versionWrite, type RepositoryTestDatabase } from './registry-fixtures.testing';
import { pendingToolId, ToolRegistrationRepository } from './tool-registration.repository';
import { ToolRepository } from './tool.repository';

describe('registry read queries against Postgres', () => {
  let db: RepositoryTestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('pages tools by cursor with server, status and name filters, leaving removed tools out by default', async () => {
    const { env, servers } = await seedEnvironment(db.prisma, ['github', 'gitlab']);
    const registration = new ToolRegistrationRepository(db.prisma);
    const names = ['create_issue', 'close_issue', 'list_repos', 'get_user', 'search_code'];
    await registration.register({ environmentId: env.id, serverId: servers['github']!.id, run: RUN, tools: names.map((n) => versionWrite(n, n)), conflicts: [] });
    const gitlab = await registration.register({ environmentId: env.id, serverId: servers['gitlab']!.id, run: RUN, tools: [versionWrite('open_issue', 'x', 'BLOCKED')], conflicts: [] });
    const tools = new ToolRepository(db.prisma);

    const first = await tools.list(env.id, {}, { limit: 4 });
    const second = await tools.list(env.id, {}, { limit: 4, cursor: first.nextCursor! });
    expect(first.items).toHaveLength(4);
    expect(second).toMatchObject({ nextCursor: null });
    expect([...first.items, ...second.items].map((t) => t.name).sort()).toEqual([...names, 'open_issue'].sort());

    expect((await tools.list(env.id, { nameContains: 'ISSUE' }, { limit: 10 })).items.map((t) => t.name).sort()).toEqual(['close_issue', 'create_issue', 'open_issue']);
    expect((await tools.list(env.id, { serverName: 'gitlab' }, { limit: 10 })).items.map((t) => t.serverName)).toEqual(['gitlab']);
    expect((await tools.list(env.id, { status: 'BLOCKED' }, { limit: 10 })).items.map((t) => t.name)).toEqual(['open_issue']);

    await registration.remove(gitlab.tools[0]!.tool.id);
    expect((await tools.list(env.id, { serverName: 'gitlab' }, { limit: 10 })).items).toEqual([]);
    expect((await tools.list(env.id, { status: 'REMOVED' }, { limit: 10 })).items.map((t) => t.name)).toEqual(['open_issue']);
    expect(await tools.countByStatus(env.id)).toEqual({ ACTIVE: 5, REMOVED: 1 });
  });

  it('finds environments by id or name only inside their organisation, and rejects a duplicate name', async () => {
    const { organisationId, env } = await seedEnvironment(db.prisma, []);
    const environments = new EnvironmentRepository(db.prisma);
    const stranger = await new OrganisationRepository(db.prisma).ensure(`stranger-${process.pid}`, 'Stranger');

    expect((await environments.findByRef(organisationId, env.id))?.id).toBe(env.id);
    expect((await environments.findByRef(organisationId, 'production'))?.id).toBe(env.id);
    expect(await environments.findByRef(stranger, env.id)).toBeUndefined();
    expect(await environments.findByRef(stranger, 'production')).toBeUndefined();
    await expect(environments.create(organisationId, 'production', env.policy)).rejects.toThrow(ConflictError);
    await expect(environments.create(organisationId, 'production', env.policy)).rejects.toMatchObject({ code: 'ENVIRONMENT.ALREADY_EXISTS' });
  });

  it('filters conflicts by a tool on either side, changes status only from the expected one, and counts them', async () => {
    const { organisationId, env, servers } = await seedEnvironment(db.prisma, ['a', 'b']);
    const registration = new ToolRegistrationRepository(db.prisma);
    const [x, y] = (await registration.register({ environmentId: env.id, serverId: servers['a']!.id, run: RUN, tools: [versionWrite('x', 'x'), versionWrite('y', 'y')], conflicts: [] })).tools.map((t) => t.tool.id);
    const z = await registration.register({
      environmentId: env.id,
      serverId: servers['b']!.id,
      run: RUN,
      tools: [versionWrite('z', 'z', 'BLOCKED')],
      conflicts: [
        { toolIds: [pendingToolId('z'), x!], severity: 'CRITICAL', score: 1, findings: [], recommendations: [] },
        { toolIds: [y!, pendingToolId('z')], severity: 'MEDIUM', score: 0.5, findings: [], recommendations: [] },
      ],
    });
    const conflicts = new ConflictRepository(db.prisma);

    expect((await conflicts.list(env.id, { toolId: x! }, { limit: 10 })).items).toHaveLength(1);
    expect((await conflicts.list(env.id, { toolId: z.tools[0]!.tool.id }, { limit: 10 })).items).toHaveLength(2);
    expect((await conflicts.list(env.id, { severity: 'MEDIUM' }, { limit: 10 })).items.map((c) => c.score)).toEqual([0.5]);

    const [critical] = (await conflicts.list(env.id, { severity: 'CRITICAL' }, { limit: 10 })).items;
    const change = { status: 'ACKNOWLEDGED' as const, suppressionReason: null, resolvedAt: null };
    expect(await conflicts.changeStatus(critical!.id, 'OPEN', change)).toBe(true);
    expect(await conflicts.changeStatus(critical!.id, 'OPEN', change)).toBe(false);
    expect((await conflicts.findById(organisationId, critical!.id))?.status).toBe('ACKNOWLEDGED');
    expect(await conflicts.findById('00000000-0000-7000-8000-000000000000', critical!.id)).toBeUndefined();

    expect(await conflicts.counts(env.id)).toEqual({ byStatus: { OPEN: 1, ACKNOWLEDGED: 1 }, unresolvedBySeverity: { CRITICAL: 1, MEDIUM: 1 } });
  });
});
