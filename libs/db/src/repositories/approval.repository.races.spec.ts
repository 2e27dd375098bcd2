import { ApprovalRepository } from './approval.repository';
import { openTestDatabase, RUN, seedEnvironment, versionWrite, type RepositoryTestDatabase } from './registry-fixtures.testing';
import { ToolRegistrationRepository } from './tool-registration.repository';

// The approval invariants that only show up under concurrency, against the real database:
// one request per version, one winning decision, one expiry.
describe('ApprovalRepository races against Postgres', () => {
  let db: RepositoryTestDatabase;
  let approvals: ApprovalRepository;
  let registration: ToolRegistrationRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    approvals = new ApprovalRepository(db.prisma);
    registration = new ToolRegistrationRepository(db.prisma);
  });
  afterAll(() => db.close());

  async function blockedVersion(name: string) {
    const { organisationId, env, servers } = await seedEnvironment(db.prisma);
    const saved = await registration.register({ environmentId: env.id, serverId: servers['github']!.id, run: RUN, tools: [versionWrite(name, 'v1', 'BLOCKED')], conflicts: [] });
    const open = { organisationId, environmentId: env.id, toolVersionId: saved.tools[0]!.version.id, requester: { type: 'USER' as const, id: 'dev-1' }, ttlSeconds: 3600, blockingSeverities: ['HIGH' as const, 'CRITICAL' as const] };
    return { organisationId, toolId: saved.tools[0]!.tool.id, open };
  }

  const auditCount = (organisationId: string, action: string) => db.prisma.auditEntry.count({ where: { organisationId, action } });

  it('opens one request per version however many registrations race to open it', async () => {
    const { organisationId, open } = await blockedVersion('search');
    const results = await Promise.all(Array.from({ length: 6 }, () => approvals.open(open)));
    expect(new Set(results.map((r) => r.approval.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await auditCount(organisationId, 'approval.requested')).toBe(1);
  });

  it('lets exactly one of eight concurrent decisions win; the tool follows the winner', async () => {
    const { organisationId, toolId, open } = await blockedVersion('fetch');
    const { approval } = await approvals.open(open);
    const decisions = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        approvals.decide(organisationId, approval.id, { status: i % 2 ? 'APPROVED' : 'REJECTED', decider: { type: 'USER', id: `reviewer-${i}` }, reason: `r${i}`, blockingSeverities: ['HIGH', 'CRITICAL'] }),
      ),
    );
    const winners = decisions.filter((d) => d.outcome === 'decided');
    expect(winners).toHaveLength(1);
    expect(decisions.filter((d) => d.outcome === 'already_decided')).toHaveLength(7);
    const final = (await approvals.findById(organisationId, approval.id))!;
    const tool = await db.prisma.tool.findUniqueOrThrow({ where: { id: toolId } });
    expect(tool.status).toBe(final.status === 'APPROVED' ? 'ACTIVE' : 'REJECTED');
    expect((await auditCount(organisationId, 'approval.approved')) + (await auditCount(organisationId, 'approval.rejected'))).toBe(1);
  });

  it('expires a due request once when sweeps overlap, and not before it is due', async () => {
    const { organisationId, open } = await blockedVersion('list');
    const { approval } = await approvals.open(open);
    expect(await approvals.expireDue(new Date())).toBe(0);
    const later = new Date(approval.expiresAt.getTime() + 1000);
    const expired = await Promise.all([approvals.expireDue(later), approvals.expireDue(later), approvals.expireDue(later)]);
    expect(expired.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect((await approvals.findById(organisationId, approval.id))!.status).toBe('EXPIRED');
    expect(await auditCount(organisationId, 'approval.expired')).toBe(1);
  });

  it('scopes reads and decisions by organisation', async () => {
    const { organisationId, open } = await blockedVersion('get');
    const { approval } = await approvals.open(open);
    const other = await blockedVersion('other');
    expect(await approvals.findById(other.organisationId, approval.id)).toBeUndefined();
    expect(await approvals.decide(other.organisationId, approval.id, { status: 'APPROVED', decider: { type: 'USER', id: 'x' }, reason: 'x', blockingSeverities: ['HIGH'] })).toEqual({ outcome: 'not_found' });
    expect((await approvals.list(organisationId, { status: 'PENDING' }, { limit: 50 })).items.map((a) => a.id)).toEqual([approval.id]);
  });
});
