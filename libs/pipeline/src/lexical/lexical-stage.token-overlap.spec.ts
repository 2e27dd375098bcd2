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

  it('a synonym pair inside one server is HIGH too (read_note / view_note)', () => {
    expect(lexicalFindings(lt('memory', 'read_note'), lt('memory', 'view_note'))[0]).toMatchObject({ type: 'token-overlap', severity: 'HIGH' });
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

  it('share_partner_bank_account vs share_personal_bank_account: partial (3/5) on the same object, LOW', () => {
    expect(overlap('share_partner_bank_account', 'share_personal_bank_account')).toMatchObject({ severity: 'LOW', evidence: { jaccard: 0.6 } });
  });

  it('names sharing words but acting on different objects are not an overlap', () => {
    expect(overlap('get_pull_request_diff', 'get_pull_request_files')).toBeUndefined();
    expect(overlap('export_verified_services', 'exportVerifiedObligations')).toBeUndefined();
  });

  it('names with different action verbs on the same object are not an overlap', () => {
    expect(overlap('get_open_invoice', 'delete_open_invoice')).toBeUndefined();
  });

  it('duplicate_internal_menu vs copy_internal_menu: verb synonyms, HIGH', () => {
    expect(overlap('duplicate_internal_menu', 'copy_internal_menu')).toMatchObject({ severity: 'HIGH', evidence: { kind: 'synonym' } });
  });

  it('puppeteer_click vs playwright_click: the same name behind vendor prefixes, HIGH', () => {
    const f = lexicalFindings(lt('puppeteer', 'puppeteer_click'), lt('livemcp-playwright', 'playwright_click'));
    expect(f).toEqual([expect.objectContaining({ type: 'token-overlap', severity: 'HIGH', evidence: expect.objectContaining({ kind: 'namespace-prefix' }) })]);
  });

  it('ignores a vendor prefix that repeats the server name', () => {
    const f = lexicalFindings(lt('globex-storage', 'globex_share_legacy_folder'), lt('coho-storage', 'grant_legacy_folder'));
    expect(f.find((x) => x.type === 'token-overlap')).toMatchObject({ severity: 'HIGH', evidence: { a: 'globex_share_legacy_folder' } });
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
