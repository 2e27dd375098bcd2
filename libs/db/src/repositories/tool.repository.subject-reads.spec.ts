import { openTestDatabase, RUN, seedEnvironment, versionWrite, type RepositoryTestDatabase } from './registry-fixtures.testing';
import { registrySource } from './registry-source';
import { ToolRegistrationRepository } from './tool-registration.repository';
import { ToolRepository } from './tool.repository';

describe('ToolRepository: the reads of a registration analysis (subjects, conflict partners, revision source)', () => {
  let db: RepositoryTestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('reads only the registry tools whose current version was registered, and ids by server + name', async () => {
    const { env, servers } = await seedEnvironment(db.prisma, ['jira', 'sf']);
    const tools = new ToolRepository(db.prisma);
    const registration = new ToolRegistrationRepository(db.prisma);
    const first = (await registration.register({ environmentId: env.id, serverId: servers['jira']!.id, run: RUN, tools: [versionWrite('create_task', 'a'), versionWrite('list_tasks', 'b')], conflicts: [] })).tools.map((t) => t.tool);
    const second = (await registration.register({ environmentId: env.id, serverId: servers['sf']!.id, run: RUN, tools: [versionWrite('create_task', 'c')], conflicts: [] })).tools.map((t) => t.tool);
    const [jiraCreate, jiraList] = first;
    const [sfCreate] = second;

    const subjects = await tools.registryByVersionIds(env.id, [sfCreate!.currentVersion!.id, jiraCreate!.currentVersion!.id]);
    expect(subjects.map((t) => `${t.serverName}/${t.name}`).sort()).toEqual(['jira/create_task', 'sf/create_task']);
    // A version that is no longer current (replaced) or a removed tool is not a subject.
    const oldList = jiraList!.currentVersion!.id;
    await registration.register({ environmentId: env.id, serverId: servers['jira']!.id, run: RUN, tools: [versionWrite('list_tasks', 'b, changed')], conflicts: [] });
    await registration.remove(jiraCreate!.id);
    expect(await tools.registryByVersionIds(env.id, [oldList, jiraCreate!.currentVersion!.id])).toEqual([]);
    expect(await tools.registryByVersionIds(env.id, [])).toEqual([]);

    const ids = await tools.idsByKey(env.id, [
      { server: 'jira', name: 'create_task' },
      { server: 'sf', name: 'create_task' },
      { server: 'sf', name: 'nothing_here' },
    ]);
    expect(Object.fromEntries(ids)).toEqual({ 'jira/create_task': jiraCreate!.id, 'sf/create_task': sfCreate!.id });
  });

  it('serves a cached index its changes since a revision, and the full registry when it has none', async () => {
    const { env, servers } = await seedEnvironment(db.prisma, ['a']);
    const tools = new ToolRepository(db.prisma);
    const registration = new ToolRegistrationRepository(db.prisma);
    await registration.register({ environmentId: env.id, serverId: servers['a']!.id, run: RUN, tools: [versionWrite('x', 'x')], conflicts: [] });
    const at = (await tools.registryRevision(env.id))!;
    const full = await registrySource(tools, env.id, at).load();
    expect(full).toMatchObject({ revision: at, tools: [{ tool: { key: 'a/x', server: 'a' } }] });
    await registration.register({ environmentId: env.id, serverId: servers['a']!.id, run: RUN, tools: [versionWrite('y', 'y')], conflicts: [] });
    const now = (await tools.registryRevision(env.id))!;
    const source = registrySource(tools, env.id, now);
    await expect(source.revision()).resolves.toBe(now);
    const changes = await source.changesSince(at);
    expect(changes).toMatchObject({ revision: now, upserted: [{ tool: { key: 'a/y' } }], removed: [] });
  });
});
