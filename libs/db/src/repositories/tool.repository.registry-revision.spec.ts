import { openTestDatabase, RUN, seedEnvironment, versionWrite, type RepositoryTestDatabase } from './registry-fixtures.testing';
import { ToolRegistrationRepository } from './tool-registration.repository';
import { ToolRepository } from './tool.repository';

describe('registry revision (trigger) and changes since a revision', () => {
  let db: RepositoryTestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('moves with every registry change and lists exactly what changed since a revision', async () => {
    const { env, servers } = await seedEnvironment(db.prisma, ['a', 'b']);
    const tools = new ToolRepository(db.prisma);
    const registration = new ToolRegistrationRepository(db.prisma);
    const start = await tools.registryRevision(env.id);

    const [x, y] = (await registration.register({ environmentId: env.id, serverId: servers['a']!.id, run: RUN, tools: [versionWrite('x', 'x'), versionWrite('y', 'y')], conflicts: [] })).tools.map((t) => t.tool);
    const afterRegister = await tools.registryRevision(env.id);
    expect(BigInt(afterRegister!)).toBeGreaterThan(BigInt(start!));
    const full = await tools.registryAt(env.id);
    expect(full.revision).toBe(afterRegister);
    expect(full.tools.map((t) => t.name).sort()).toEqual(['x', 'y']);

    // Nothing changed: same revision, nothing to list.
    expect(await tools.registryChangesSince(env.id, afterRegister!)).toEqual({ revision: afterRegister, upserted: [], removed: [] });

    // A new version of y and a new tool on b: both listed, x is not.
    await registration.register({ environmentId: env.id, serverId: servers['a']!.id, run: RUN, tools: [versionWrite('y', 'y, changed')], conflicts: [] });
    await registration.register({ environmentId: env.id, serverId: servers['b']!.id, run: RUN, tools: [versionWrite('z', 'z')], conflicts: [] });
    const changes = await tools.registryChangesSince(env.id, afterRegister!);
    expect(changes!.upserted.map((t) => `${t.serverName}/${t.name}`).sort()).toEqual(['a/y', 'b/z']);
    expect(changes!.upserted.find((t) => t.name === 'y')!.currentVersion!.id).not.toBe(y!.currentVersion!.id);
    expect(changes!.removed).toEqual([]);

    // A soft delete is listed as removed.
    const beforeRemoval = changes!.revision;
    await registration.remove(x!.id);
    const removal = await tools.registryChangesSince(env.id, beforeRemoval);
    expect(removal).toMatchObject({ upserted: [], removed: [expect.objectContaining({ name: 'x' })] });

    // A write that touches no registry column (name, server, status, current version, deletion) does not move it.
    const settled = removal!.revision;
    await db.prisma.tool.update({ where: { id: y!.id }, data: { updatedAt: new Date() } });
    expect(await tools.registryRevision(env.id)).toBe(settled);

    // A hard delete (or a server rename) cannot be listed: the caller must reload.
    await db.prisma.mcpServer.update({ where: { id: servers['b']!.id }, data: { name: 'b2' } });
    expect(await tools.registryChangesSince(env.id, settled)).toBeUndefined();
    const reloaded = await tools.registryAt(env.id);
    expect(reloaded.tools.map((t) => `${t.serverName}/${t.name}`).sort()).toEqual(['a/y', 'b2/z']);
    expect(await tools.registryChangesSince(env.id, reloaded.revision)).toEqual({ revision: reloaded.revision, upserted: [], removed: [] });
  });
});
