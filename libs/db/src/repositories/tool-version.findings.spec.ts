import { AnalysisRunRepository } from './analysis-run.repository';
import { openTestDatabase, RUN, seedEnvironment, versionWrite, type RepositoryTestDatabase } from './registry-fixtures.testing';
import { ToolRegistrationRepository } from './tool-registration.repository';
import { ToolRepository } from './tool.repository';

const hidden = (tool: string) => ({ server: 's', tool, type: 'hidden-content', severity: 'HIGH', evidence: { match: '<IMPORTANT>' } });

// A version's own findings (why a version with no conflict is BLOCKED) are kept on the version by whichever path
// decided it: a synchronous registration, or the run that completes a queued one or a re-scan.
describe('ToolVersion.findings', () => {
  let db: RepositoryTestDatabase;
  let runs: AnalysisRunRepository;
  let registration: ToolRegistrationRepository;
  let tools: ToolRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    runs = new AnalysisRunRepository(db.prisma);
    registration = new ToolRegistrationRepository(db.prisma);
    tools = new ToolRepository(db.prisma);
  });
  afterAll(() => db.close());

  it('a synchronous registration stores them with the version, and a re-registration of that version replaces them', async () => {
    const { env, servers } = await seedEnvironment(db.prisma, ['s']);
    const write = { ...versionWrite('add', 'adds'), status: 'BLOCKED' as const, findings: [hidden('add')] };
    const [saved] = (await registration.register({ environmentId: env.id, serverId: servers['s']!.id, run: RUN, tools: [write], conflicts: [] })).tools;
    expect(saved!.version.findings).toEqual([hidden('add')]);
    expect((await tools.versions(saved!.tool.id))[0]!.findings).toEqual([hidden('add')]);

    const [again] = (await registration.register({ environmentId: env.id, serverId: servers['s']!.id, run: RUN, tools: [{ ...write, findings: [] }], conflicts: [] })).tools;
    expect(again!.version.id).toBe(saved!.version.id);
    expect(again!.version.findings).toEqual([]);
  });

  it('a queued version has none until its run completes; the run stores each decided version\'s findings, and only those', async () => {
    const { env, servers } = await seedEnvironment(db.prisma, ['s']);
    const pending = await registration.registerPending({ environmentId: env.id, serverId: servers['s']!.id, stages: ['LEXICAL'], tools: [versionWrite('a', 'a'), versionWrite('b', 'b'), versionWrite('c', 'c')] });
    const [a, b, c] = pending.tools;
    expect(a!.version.findings).toEqual([]);

    await runs.start(pending.runId);
    await runs.complete(pending.runId, env.id, {
      stageTimings: {},
      toolCount: 3,
      pairCount: 0,
      subjectIds: [a!.tool.id, b!.tool.id],
      conflicts: [],
      statuses: [
        { toolId: a!.tool.id, versionId: a!.version.id, status: 'BLOCKED', findings: [hidden('a'), { ...hidden('a'), type: 'model-instruction', severity: 'CRITICAL' }] },
        { toolId: b!.tool.id, versionId: b!.version.id, status: 'ACTIVE', findings: [] },
      ],
    });
    const current = new Map((await tools.registry(env.id)).map((t) => [t.name, t]));
    expect(current.get('a')).toMatchObject({ status: 'BLOCKED', currentVersion: { findings: [hidden('a'), expect.objectContaining({ type: 'model-instruction' })] } });
    expect(current.get('b')).toMatchObject({ status: 'ACTIVE', currentVersion: { findings: [] } });
    expect(current.get('c')).toMatchObject({ status: 'PENDING_ANALYSIS', currentVersion: { id: c!.version.id, findings: [] } });
  });
});
