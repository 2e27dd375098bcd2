import type { RouterCandidate } from '../model';
import { LocalRouter } from './local-router';

const candidates: RouterCandidate[] = [
  { id: 'gh/create_issue', name: 'create_issue', description: 'Create a new issue in a GitHub repository.' },
  { id: 'gh/list_issues', name: 'list_issues', description: 'List issues in a GitHub repository.' },
  { id: 'fs/read_file', name: 'read_file', description: 'Read the complete contents of a file from the file system.' },
  { id: 'mail/send_email', name: 'send_email', description: 'Send an email to a recipient.' },
];

describe('LocalRouter: same input, same output', () => {
  it('returns identical decisions on repeated calls and from a fresh instance', async () => {
    const query = 'open a new ticket about the login bug';
    const first = await new LocalRouter().route(query, candidates);
    const again = await new LocalRouter().route(query, candidates, { trial: 3, temperature: 1 });
    expect(again).toEqual(first);
    expect(first.choice).toBe('gh/create_issue');
  });

  it('does not depend on candidate order', () => {
    const router = new LocalRouter();
    const forward = router.routeSync('read the contents of config.yaml', candidates);
    const backward = router.routeSync('read the contents of config.yaml', [...candidates].reverse());
    expect(backward).toEqual(forward);
    expect(forward.choice).toBe('fs/read_file');
  });

  it('ranks every candidate with scores in [0, 1], best first, and explains the choice', () => {
    const decision = new LocalRouter().routeSync('email the report to alice', candidates);
    expect(decision.choice).toBe('mail/send_email');
    expect(decision.ranking.map((r) => r.id).sort()).toEqual(candidates.map((c) => c.id).sort());
    for (const r of decision.ranking) expect(r.score).toBeGreaterThanOrEqual(0);
    for (const r of decision.ranking) expect(r.score).toBeLessThanOrEqual(1);
    for (let i = 1; i < decision.ranking.length; i++) expect(decision.ranking[i - 1].score).toBeGreaterThanOrEqual(decision.ranking[i].score);
    expect(decision.reason).toMatch(/email/);
  });
});
