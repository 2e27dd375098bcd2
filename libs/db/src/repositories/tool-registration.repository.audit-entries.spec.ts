import { AuditRepository } from './audit.repository';
import { ConflictRepository } from './conflict.repository';
import { openTestDatabase, RUN, seedEnvironment, versionWrite, type RepositoryTestDatabase } from './registry-fixtures.testing';
import { pendingToolId, ToolRegistrationRepository } from './tool-registration.repository';

describe('registry changes write their audit entries in the same transaction', () => {
  let db: RepositoryTestDatabase;
  let registration: ToolRegistrationRepository;
  let conflicts: ConflictRepository;
  let audit: AuditRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    registration = new ToolRegistrationRepository(db.prisma);
    conflicts = new ConflictRepository(db.prisma);
    audit = new AuditRepository(db.prisma);
  });
  afterAll(() => db.close());

  // seedEnvironment's own entries (environment.created, server.created) are covered by environment.repository.audit-entries.spec.ts.
  const SEED_RESOURCES = new Set(['environment', 'server']);
  const registryEntries = async (organisationId: string) => (await audit.list(organisationId, {}, { limit: 100 })).items.filter((e) => !SEED_RESOURCES.has(e.resource.type));
  const actions = async (organisationId: string) => (await registryEntries(organisationId)).map((e) => `${e.action}:${e.resource.type}`);

  it('records registration, update, conflict detection, automatic resolution and removal; a no-op writes nothing', async () => {
    const { organisationId, env, servers } = await seedEnvironment(db.prisma, ['a', 'b']);
    const source = { actor: { type: 'user' as const, id: 'u-1', display: 'ada@example.com' }, sourceIp: '198.51.100.4', requestId: 'req-9' };
    const other = (await registration.register({ environmentId: env.id, serverId: servers['a']!.id, run: RUN, tools: [versionWrite('search', 'x')], conflicts: [], source })).tools[0]!.tool;
    await registration.register({ environmentId: env.id, serverId: servers['a']!.id, run: RUN, tools: [versionWrite('search', 'x')], conflicts: [] });
    expect(await actions(organisationId)).toEqual(['tool.registered:tool']);

    const conflict = { toolIds: [pendingToolId('search'), other.id] as [string, string], severity: 'HIGH' as const, score: 0.9, findings: [], recommendations: [] };
    const blocked = await registration.register({ environmentId: env.id, serverId: servers['b']!.id, run: RUN, tools: [versionWrite('search', 'y', 'BLOCKED')], conflicts: [conflict] });
    await registration.register({ environmentId: env.id, serverId: servers['b']!.id, run: RUN, tools: [versionWrite('search', 'z')], conflicts: [] });
    await registration.remove(other.id);

    expect(await actions(organisationId)).toEqual([
      'tool.registered:tool',
      'tool.registered:tool',
      'conflict.detected:conflict',
      'tool.updated:tool',
      'conflict.status_changed:conflict',
      'tool.deleted:tool',
    ]);
    const items = await registryEntries(organisationId);
    expect(items[0]).toMatchObject({ actor: source.actor, sourceIp: '198.51.100.4', requestId: 'req-9', environmentId: env.id, resource: { id: other.id }, details: { name: 'search', version: 1, status: 'ACTIVE' } });
    expect(items[2]).toMatchObject({ actor: { type: 'system' }, resource: { id: blocked.conflictIds[0] }, details: { severity: 'HIGH', reopened: false } });
    expect(items[4]!.details).toEqual({ from: 'OPEN', to: 'RESOLVED', automatic: true });
    // 3 seed entries (the environment and servers a and b) + the 6 above.
    expect(await audit.verify(organisationId)).toMatchObject({ ok: true, checked: 9 });
  });

  it('records a status change with its actor only when the change happens', async () => {
    const { organisationId, env, servers } = await seedEnvironment(db.prisma, ['a', 'b']);
    const other = (await registration.register({ environmentId: env.id, serverId: servers['a']!.id, run: RUN, tools: [versionWrite('t', 'x')], conflicts: [] })).tools[0]!.tool;
    const found = await registration.register({
      environmentId: env.id,
      serverId: servers['b']!.id,
      run: RUN,
      tools: [versionWrite('t', 'y', 'BLOCKED')],
      conflicts: [{ toolIds: [other.id, pendingToolId('t')], severity: 'CRITICAL', score: 1, findings: [], recommendations: [] }],
    });
    const id = found.conflictIds[0]!;
    const reviewer = { actor: { type: 'api_key' as const, id: 'k-1', display: 'ci' } };
    expect(await conflicts.changeStatus(id, 'OPEN', { status: 'SUPPRESSED', suppressionReason: 'known', resolvedAt: null }, reviewer)).toBe(true);
    expect(await conflicts.changeStatus(id, 'OPEN', { status: 'ACKNOWLEDGED', suppressionReason: null, resolvedAt: null }, reviewer)).toBe(false);
    const changes = (await audit.list(organisationId, { action: 'conflict.status_changed' }, { limit: 10 })).items;
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ actor: reviewer.actor, details: { from: 'OPEN', to: 'SUPPRESSED', reason: 'known' } });
  });

  it('writes no entry when the registration fails: the change and its entries commit together', async () => {
    const { organisationId, env, servers } = await seedEnvironment(db.prisma);
    const missingTool = '0193a000-0000-7000-8000-00000000dead';
    await expect(
      registration.register({
        environmentId: env.id,
        serverId: servers['github']!.id,
        run: RUN,
        tools: [versionWrite('search', 'x', 'BLOCKED')],
        conflicts: [{ toolIds: [pendingToolId('search'), missingTool], severity: 'HIGH', score: 0.9, findings: [], recommendations: [] }],
      }),
    ).rejects.toThrow();
    expect(await actions(organisationId)).toEqual([]);
    expect(await db.prisma.tool.count({ where: { environmentId: env.id } })).toBe(0);
  });
});
