import { AnalysisRunRepository } from './analysis-run.repository';
import { AuditRepository } from './audit.repository';
import { EnvironmentRepository } from './environment.repository';
import { openTestDatabase, seedEnvironment, type RepositoryTestDatabase } from './registry-fixtures.testing';

describe('environment, server and analysis-run changes write their audit entries in the same transaction', () => {
  let db: RepositoryTestDatabase;
  let environments: EnvironmentRepository;
  let runs: AnalysisRunRepository;
  let audit: AuditRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    environments = new EnvironmentRepository(db.prisma);
    runs = new AnalysisRunRepository(db.prisma);
    audit = new AuditRepository(db.prisma);
  });
  afterAll(() => db.close());

  const entries = async (organisationId: string) => (await audit.list(organisationId, {}, { limit: 100 })).items;
  const source = { actor: { type: 'user' as const, id: 'u-1', display: 'ada@example.com' }, sourceIp: '198.51.100.4', requestId: 'req-1' };

  it('records environment and server creation; a refused duplicate writes nothing', async () => {
    const { organisationId, env, servers } = await seedEnvironment(db.prisma, ['jira']);
    const [created, server] = await entries(organisationId);
    expect(created).toMatchObject({ action: 'environment.created', environmentId: env.id, resource: { type: 'environment', id: env.id }, actor: { type: 'system' } });
    expect(created!.details).toEqual({ name: 'production', policy: { blockingSeverity: 'HIGH', stagesOnRegistration: ['LEXICAL', 'SCHEMA', 'SEMANTIC'], approvalTtlSeconds: 3600 } });
    expect(server).toMatchObject({ action: 'server.created', environmentId: env.id, resource: { type: 'server', id: servers['jira']!.id } });
    expect(server!.details).toEqual({ name: 'jira', transport: 'STDIO', syncIntervalSeconds: null, enabled: true });

    await expect(environments.create(organisationId, 'production', env.policy, source)).rejects.toMatchObject({ code: 'ENVIRONMENT.ALREADY_EXISTS' });
    expect(await entries(organisationId)).toHaveLength(2);
    expect(await audit.verify(organisationId)).toMatchObject({ ok: true, checked: 2 });
  });

  it('changes a policy subset and records before/after with the caller; another organisation gets undefined', async () => {
    const { organisationId, env } = await seedEnvironment(db.prisma, []);
    const updated = await environments.updatePolicy(organisationId, env.id, { blockingSeverity: 'CRITICAL', approvalTtlSeconds: 7200 }, source);
    expect(updated!.policy).toEqual({ blockingSeverity: 'CRITICAL', stagesOnRegistration: ['LEXICAL', 'SCHEMA', 'SEMANTIC'], approvalTtlSeconds: 7200 });
    const changed = (await audit.list(organisationId, { action: 'policy.changed' }, { limit: 10 })).items;
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ actor: source.actor, sourceIp: '198.51.100.4', requestId: 'req-1', environmentId: env.id, resource: { type: 'environment', id: env.id } });
    expect(changed[0]!.details).toEqual({ before: env.policy, after: updated!.policy });

    const stranger = (await seedEnvironment(db.prisma, [])).organisationId;
    expect(await environments.updatePolicy(stranger, env.id, { blockingSeverity: 'LOW' })).toBeUndefined();
    expect((await environments.findByRef(organisationId, env.id))!.policy.blockingSeverity).toBe('CRITICAL');
    expect((await audit.list(stranger, { action: 'policy.changed' }, { limit: 10 })).items).toEqual([]);
  });

  it('serialises concurrent policy changes: each before is the after of the change committed just ahead of it', async () => {
    const { organisationId, env } = await seedEnvironment(db.prisma, []);
    await Promise.all([2, 3, 4, 5, 6].map((hours) => environments.updatePolicy(organisationId, env.id, { approvalTtlSeconds: hours * 3600 })));
    const changes = (await audit.list(organisationId, { action: 'policy.changed' }, { limit: 10 })).items.map((e) => e.details as { before: { approvalTtlSeconds: number }; after: { approvalTtlSeconds: number } });
    expect(changes).toHaveLength(5);
    expect(changes[0]!.before.approvalTtlSeconds).toBe(3600);
    for (let i = 1; i < changes.length; i++) expect(changes[i]!.before).toEqual(changes[i - 1]!.after);
  });

  it('records analysis.started when a run goes RUNNING (retry flagged), and nothing once it COMPLETED', async () => {
    const { organisationId, env } = await seedEnvironment(db.prisma, []);
    const run = await runs.create(env.id, 'MANUAL', ['LEXICAL']);
    expect((await runs.start(run.id))!.run.status).toBe('RUNNING');
    expect((await runs.start(run.id))!.run.status).toBe('RUNNING');
    await runs.complete(run.id, env.id, { stageTimings: {}, toolCount: 0, pairCount: 0, subjectIds: [], conflicts: [], statuses: [] });
    expect(await runs.start(run.id)).toBeUndefined();

    const trail = (await entries(organisationId)).filter((e) => e.resource.type === 'analysis_run');
    expect(trail.map((e) => e.action)).toEqual(['analysis.started', 'analysis.started', 'analysis.completed']);
    expect(trail[0]).toMatchObject({ resource: { id: run.id }, environmentId: env.id, actor: { type: 'system' }, details: { trigger: 'MANUAL', stages: ['LEXICAL'], retry: false } });
    expect(trail[1]!.details).toMatchObject({ retry: true });
  });
});
