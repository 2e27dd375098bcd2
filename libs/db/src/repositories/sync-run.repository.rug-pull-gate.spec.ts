import { AnalysisRunRepository } from './analysis-run.repository';
import { ApprovalRepository } from './approval.repository';
import { openTestDatabase, RUN, seedEnvironment, versionWrite, type RepositoryTestDatabase } from './registry-fixtures.testing';
import { type SyncApply, SyncRunRepository } from './sync-run.repository';
import { ToolRegistrationRepository } from './tool-registration.repository';

// The rug-pull gate against Postgres: a sync's changed definition of an approved tool stays BLOCKED (pin kept)
// through any analysis, also after its request expired, until a person approves it.
describe('SyncRunRepository.apply and the rug-pull gate', () => {
  let db: RepositoryTestDatabase;
  let registration: ToolRegistrationRepository;
  let approvals: ApprovalRepository;
  let runs: SyncRunRepository;
  let analysis: AnalysisRunRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    registration = new ToolRegistrationRepository(db.prisma);
    approvals = new ApprovalRepository(db.prisma);
    runs = new SyncRunRepository(db.prisma, registration, approvals);
    analysis = new AnalysisRunRepository(db.prisma);
  });
  afterAll(() => db.close());

  async function approvedTool() {
    const seeded = await seedEnvironment(db.prisma);
    const server = seeded.servers['github']!;
    const v1 = (await registration.register({ environmentId: seeded.env.id, serverId: server.id, run: RUN, tools: [versionWrite('search', 'v1')], conflicts: [] })).tools[0]!;
    return { ...seeded, server, v1 };
  }

  function plan(v1Id: string, content: string): SyncApply {
    const changed = versionWrite('search', content);
    return {
      serverInfo: { name: 'github', version: '1' },
      upserts: [{ name: 'search', contentHash: changed.contentHash, definition: changed.definition, kind: 'changed', gate: { approvedVersionId: v1Id, approvedVersion: 1, diff: {}, rendered: 'description: …' } }],
      removals: [],
      unchanged: 0,
      stages: ['LEXICAL'],
      ttlSeconds: 3600,
      blockingSeverities: ['HIGH', 'CRITICAL'],
    };
  }

  async function gatedSync() {
    const seeded = await approvedTool();
    const run = await runs.create(seeded.server.id, 'MANUAL');
    const applied = await runs.apply(run.id, plan(seeded.v1.version.id, 'v2'));
    return { ...seeded, run, applied };
  }

  /** What the queued analysis would write for a clean result: ACTIVE. */
  async function analyseClean(environmentId: string, analysisRunId: string, toolId: string, versionId: string) {
    await analysis.start(analysisRunId);
    await analysis.complete(analysisRunId, environmentId, { stageTimings: {}, toolCount: 1, pairCount: 0, subjectIds: [toolId], conflicts: [], statuses: [{ toolId, versionId, status: 'ACTIVE' }] });
  }

  it('stores the change BLOCKED with a DEFINITION_CHANGE request, keeps the pin, and a clean analysis does not unblock it', async () => {
    const { env, v1, applied, run } = await gatedSync();
    expect(applied.run).toMatchObject({ id: run.id, status: 'COMPLETED', changed: 1, added: 0 });
    expect(applied.gated).toHaveLength(1);
    const tool = await db.prisma.tool.findUniqueOrThrow({ where: { id: v1.tool.id } });
    expect(tool).toMatchObject({ status: 'BLOCKED', approvedVersionId: v1.version.id, currentVersionId: applied.gated[0]!.versionId });
    const request = await db.prisma.approvalRequest.findFirstOrThrow({ where: { toolVersionId: applied.gated[0]!.versionId } });
    expect(request).toMatchObject({ kind: 'DEFINITION_CHANGE', status: 'PENDING', definitionChange: { approvedVersionId: v1.version.id, rendered: 'description: …' } });

    await analyseClean(env.id, applied.analysisRunId!, v1.tool.id, applied.gated[0]!.versionId);
    expect(await db.prisma.tool.findUniqueOrThrow({ where: { id: v1.tool.id } })).toMatchObject({ status: 'BLOCKED', approvedVersionId: v1.version.id });
    // Registering the same definition again through the registration path is gated as well.
    await registration.register({ environmentId: env.id, serverId: v1.tool.serverId, run: RUN, tools: [versionWrite('search', 'v2')], conflicts: [] });
    expect(await db.prisma.tool.findUniqueOrThrow({ where: { id: v1.tool.id } })).toMatchObject({ status: 'BLOCKED', approvedVersionId: v1.version.id });
  });

  it('keeps the gate after the request expired; approving the version lifts it and moves the pin', async () => {
    const { env, v1, applied, organisationId } = await gatedSync();
    const versionId = applied.gated[0]!.versionId;
    await db.prisma.approvalRequest.updateMany({ where: { toolVersionId: versionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await approvals.expireDue(new Date())).toBeGreaterThanOrEqual(1);
    await analyseClean(env.id, applied.analysisRunId!, v1.tool.id, versionId);
    expect(await db.prisma.tool.findUniqueOrThrow({ where: { id: v1.tool.id } })).toMatchObject({ status: 'BLOCKED', approvedVersionId: v1.version.id });

    const reopened = await approvals.open({ organisationId, environmentId: env.id, toolVersionId: versionId, requester: { type: 'SYSTEM', id: null }, ttlSeconds: 3600, blockingSeverities: ['HIGH', 'CRITICAL'] });
    const decided = await approvals.decide(organisationId, reopened.approval.id, { status: 'APPROVED', decider: { type: 'USER', id: 'reviewer' }, reason: 'reviewed', blockingSeverities: ['HIGH', 'CRITICAL'] });
    expect(decided.outcome).toBe('decided');
    expect(await db.prisma.tool.findUniqueOrThrow({ where: { id: v1.tool.id } })).toMatchObject({ status: 'ACTIVE', approvedVersionId: versionId });
  });

  it('records a failure on the run and the server and changes no tool', async () => {
    const { server, v1 } = await approvedTool();
    const run = await runs.create(server.id, 'MANUAL');
    expect(await runs.start(run.id)).toBeDefined();
    expect(await runs.fail(run.id, 'CONNECTION_CLOSED: the server exited mid-listing')).toBe(true);
    expect(await db.prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'FAILED', error: 'CONNECTION_CLOSED: the server exited mid-listing', added: 0, removed: 0 });
    expect(await db.prisma.mcpServer.findUniqueOrThrow({ where: { id: server.id } })).toMatchObject({ lastSyncStatus: 'FAILED', lastSyncError: 'CONNECTION_CLOSED: the server exited mid-listing' });
    expect(await db.prisma.tool.findUniqueOrThrow({ where: { id: v1.tool.id } })).toMatchObject({ status: 'ACTIVE', deletedAt: null, currentVersionId: v1.version.id });
    expect(await runs.start(run.id)).toBeDefined(); // a FAILED run's job may be retried
  });
});
