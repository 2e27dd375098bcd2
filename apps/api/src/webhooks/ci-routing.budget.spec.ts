import type { AnalysisReport, Conflict, Finding } from '@toolgate/pipeline';
import { LOCAL_ROUTING_MS_PER_PAIR, planRouting, routingPairs } from './ci-routing';

function conflict(severity: Conflict['severity'], findings: Array<Pick<Finding, 'stage' | 'severity'>>): Conflict {
  return {
    key: `${Math.random()}`,
    a: { server: 'a', tool: 'x' },
    b: { server: 'b', tool: 'y' },
    severity,
    score: 0.9,
    findings: findings.map((f) => ({ ...f, type: 't', score: 0.9, evidence: {} })),
    recommendations: [],
  } as Conflict;
}

function report(conflicts: Conflict[]): AnalysisReport {
  return { conflicts } as AnalysisReport;
}

describe('CI gate routing budget', () => {
  it('counts pairs at or above MEDIUM, leaving out pairs a CRITICAL lexical finding already decided', () => {
    const pairs = routingPairs(
      report([
        conflict('HIGH', [{ stage: 'semantic', severity: 'HIGH' }]),
        conflict('MEDIUM', [{ stage: 'schema', severity: 'MEDIUM' }]),
        conflict('LOW', [{ stage: 'lexical', severity: 'LOW' }]),
        conflict('CRITICAL', [{ stage: 'lexical', severity: 'CRITICAL' }]),
        conflict('CRITICAL', [{ stage: 'schema', severity: 'CRITICAL' }]),
      ]),
    );
    expect(pairs).toBe(3);
  });

  it('skips when the policy has no routing stage, whatever the pairs', () => {
    expect(planRouting(false, 10, 2000)).toMatchObject({ action: 'skip', reason: expect.stringMatching(/policy/) });
  });

  it('skips when no pair would be simulated', () => {
    expect(planRouting(true, 0, 2000)).toMatchObject({ action: 'skip', reason: expect.stringMatching(/threshold/) });
  });

  it('runs in the request while the estimate fits the budget, exactly at the edge too', () => {
    const pairs = Math.floor(2000 / LOCAL_ROUTING_MS_PER_PAIR);
    expect(planRouting(true, pairs, pairs * LOCAL_ROUTING_MS_PER_PAIR)).toEqual({ action: 'run', pairs, estimatedMs: pairs * LOCAL_ROUTING_MS_PER_PAIR });
  });

  it('queues when the estimate exceeds the budget, saying why', () => {
    const plan = planRouting(true, 3, 100, 40);
    expect(plan).toMatchObject({ action: 'queue', pairs: 3, estimatedMs: 120 });
    expect(plan.action === 'queue' && plan.reason).toMatch(/120 ms, over the 100 ms budget/);
  });
});
