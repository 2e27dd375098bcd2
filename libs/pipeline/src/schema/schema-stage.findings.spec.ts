import { makeTool, severityRank, type JsonSchema } from '../model';
import { schemaFeatures } from './schema-features';
import { schemaFindings } from './schema-findings';
import type { SchemaTool } from './schema-tool';

const st = (server: string, name: string, properties: Record<string, JsonSchema>, required: string[] = []): SchemaTool => {
  const def = { name, description: '', inputSchema: { type: 'object', properties, required } };
  return { tool: makeTool(server, def), schema: schemaFeatures(def) };
};
const types = (fs: { type: string }[]) => fs.map((f) => f.type).sort();

describe('schema stage', () => {
  it('user_id: string vs userId: integer between same-intent tools is a MEDIUM type clash (plus a name mismatch)', () => {
    const a = st('crm', 'get_user', { user_id: { type: 'string' } }, ['user_id']);
    const b = st('hr', 'fetch_user', { userId: { type: 'integer' } }, ['userId']);
    const findings = schemaFindings(a, b, { intentSimilarity: 0.9 });
    expect(types(findings)).toEqual(['param-name-mismatch', 'param-type-clash', 'required-overlap']);
    const clash = findings.find((f) => f.type === 'param-type-clash');
    expect(clash).toMatchObject({ stage: 'schema', severity: 'MEDIUM', evidence: { clashes: [{ concept: 'user', a: { name: 'user_id', types: ['string'] }, b: { name: 'userId', types: ['integer'] } }] } });
  });

  it('the same clash between loosely related tools is LOW', () => {
    const a = st('crm', 'get_user', { user_id: { type: 'string' } });
    const b = st('hr', 'list_payslips', { uid: { type: 'integer' } });
    expect(schemaFindings(a, b, { intentSimilarity: 0.4 })).toEqual([expect.objectContaining({ type: 'param-type-clash', severity: 'LOW' })]);
  });

  it('unrelated tools sharing id / limit / page / query produce nothing', () => {
    const a = st('github', 'list_issues', { id: { type: 'string' }, limit: { type: 'integer' }, page: { type: 'integer' }, query: { type: 'string' } }, ['id']);
    const b = st('weather', 'get_forecast', { id: { type: 'integer' }, limit: { type: 'string' }, page: { type: 'string' }, q: { type: 'number' } }, ['id']);
    expect(schemaFindings(a, b, { intentSimilarity: 0.1 })).toEqual([]);
    // Related but not the same job: generic plumbing still does not count.
    expect(schemaFindings(a, b, { intentSimilarity: 0.45 })).toEqual([]);
  });

  it('generic plumbing does count between same-intent tools', () => {
    const a = st('a', 'search_docs', { limit: { type: 'integer' } });
    const b = st('b', 'find_docs', { max_results: { type: 'string' } });
    expect(types(schemaFindings(a, b, { intentSimilarity: 0.8 }))).toEqual(['param-name-mismatch', 'param-type-clash']);
  });

  it('enum clash: disjoint or case-only value sets are MEDIUM for same-intent tools, partial ones LOW', () => {
    const a = st('a', 'list_issues', { state: { type: 'string', enum: ['open', 'closed'] } });
    const b = st('b', 'list_tickets', { state: { type: 'string', enum: ['OPEN', 'CLOSED'] } });
    const c = st('c', 'list_bugs', { state: { type: 'string', enum: ['open', 'closed', 'all'] } });
    expect(schemaFindings(a, b, { intentSimilarity: 0.7 })[0]).toMatchObject({ type: 'param-enum-clash', severity: 'MEDIUM' });
    expect(schemaFindings(a, c, { intentSimilarity: 0.7 })[0]).toMatchObject({ type: 'param-enum-clash', severity: 'LOW', evidence: { clashes: [{ onlyB: ['all'] }] } });
  });

  it('identical required sets of same-intent tools are a MEDIUM required-overlap', () => {
    const a = st('gmail', 'send_email', { to: { type: 'string' }, subject: { type: 'string' }, body: { type: 'string' } }, ['to', 'subject', 'body']);
    const b = st('outlook', 'send_mail', { to: { type: 'string' }, subject: { type: 'string' }, body: { type: 'string' } }, ['to', 'subject', 'body']);
    expect(schemaFindings(a, b, { intentSimilarity: 0.9 })).toEqual([
      expect.objectContaining({ type: 'required-overlap', severity: 'MEDIUM', evidence: expect.objectContaining({ jaccard: 1, shared: ['body', 'subject', 'to'] }) }),
    ]);
    expect(schemaFindings(a, b, { intentSimilarity: 0.65 })[0].severity).toBe('LOW');
  });

  it('never exceeds MEDIUM and keeps scores in [0, 1], even for out-of-range intent', () => {
    const a = st('a', 'x', { user_id: { type: 'string', enum: ['a'] } }, ['user_id']);
    const b = st('b', 'y', { userId: { type: 'boolean', enum: [true] } }, ['userId']);
    for (const intent of [0.3, 0.6, 1, 7]) {
      for (const f of schemaFindings(a, b, { intentSimilarity: intent })) {
        expect(severityRank(f.severity)).toBeLessThanOrEqual(severityRank('MEDIUM'));
        expect(f.score).toBeGreaterThanOrEqual(0);
        expect(f.score).toBeLessThanOrEqual(1);
      }
    }
  });
});
