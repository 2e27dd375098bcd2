import { makeTool } from '../model';
import { lexicalFindings } from './lexical-findings';
import { type LexicalTool } from './lexical-tool';
import { nameFeatures } from './name-features';

const lt = (server: string, name: string): LexicalTool => ({ tool: makeTool(server, { name, description: '', inputSchema: {} }), name: nameFeatures(name) });
const overlap = (x: string, y: string) => lexicalFindings(lt('a', x), lt('b', y)).find((f) => f.type === 'token-overlap');

describe('lexical stage: token overlap', () => {
  it('create_issue vs add_issue: same canonical tokens, synonym verb, HIGH', () => {
    expect(overlap('create_issue', 'add_issue')).toMatchObject({
      severity: 'HIGH',
      evidence: { kind: 'synonym', sharedTokens: ['create', 'issue'], synonyms: [{ a: 'create', b: 'add' }] },
    });
  });

  it('issue_create vs create_issue: same words reordered, HIGH', () => {
    expect(overlap('issue_create', 'create_issue')).toMatchObject({ severity: 'HIGH', evidence: { kind: 'reordered' } });
  });

  it('list_repository vs list_repositories: inflection only, MEDIUM', () => {
    expect(overlap('list_repository', 'list_repositories')).toMatchObject({ severity: 'MEDIUM', evidence: { kind: 'inflection' } });
  });

  it('create_github_issue vs add_issue: high Jaccard (2/3), MEDIUM', () => {
    expect(overlap('create_github_issue', 'add_issue')).toMatchObject({ severity: 'MEDIUM', evidence: { jaccard: 0.667 } });
  });

  it('get_pull_request_diff vs get_pull_request_files: partial (3/5), LOW', () => {
    expect(overlap('get_pull_request_diff', 'get_pull_request_files')).toMatchObject({ severity: 'LOW' });
  });

  it('tools sharing only generic tokens (get_*, by id) are not an overlap', () => {
    expect(overlap('get_by_id', 'fetch_by_id')).toBeUndefined();
    expect(overlap('list_issues', 'list_commits')).toBeUndefined();
    expect(overlap('get_data', 'fetch_info')).toBeUndefined();
  });

  it('scores are in [0, 1]', () => {
    for (const [x, y] of [['create_issue', 'add_issue'], ['create_github_issue', 'add_issue'], ['a_b_c_issue', 'issue_x_y']]) {
      const f = overlap(x, y);
      const score = f?.score ?? 0;
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });
});
