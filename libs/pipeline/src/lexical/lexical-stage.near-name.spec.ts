import { makeTool, severityRank } from '../model';
import { lexicalFindings } from './lexical-findings';
import { type LexicalTool } from './lexical-tool';
import { nameFeatures } from './name-features';

const lt = (server: string, name: string): LexicalTool => ({ tool: makeTool(server, { name, description: '', inputSchema: {} }), name: nameFeatures(name) });
const near = (x: string, y: string) => lexicalFindings(lt('a', x), lt('b', y)).find((f) => f.type === 'near-name');

describe('lexical stage: near names', () => {
  it('send_message vs send_mesage is a typo-like near name, HIGH', () => {
    const finding = near('send_message', 'send_mesage');
    expect(finding).toMatchObject({ severity: 'HIGH', evidence: { distance: 1, kind: 'typo', differingWords: { a: ['message'], b: ['mesage'] } } });
    expect(finding?.score).toBeGreaterThan(0.9);
  });

  it('get_user vs set_user differ by a whole meaningful word: no near-name, nothing above LOW', () => {
    expect(near('get_user', 'set_user')).toBeUndefined();
    const all = lexicalFindings(lt('a', 'get_user'), lt('b', 'set_user'));
    expect(all.every((f) => severityRank(f.severity) <= severityRank('LOW'))).toBe(true);
  });

  it('read_file vs load_file (two action verbs) is not a typo', () => {
    expect(near('read_file', 'load_file')).toBeUndefined();
  });

  it('a missing word boundary plus a typo still reads as a slip', () => {
    expect(near('sendmessage', 'send_mesage')).toMatchObject({ severity: 'HIGH' });
  });

  it('a version suffix is MEDIUM', () => {
    expect(near('get_user', 'get_user2')).toMatchObject({ severity: 'MEDIUM', evidence: { kind: 'version-suffix' } });
  });

  it('allows two edits on long names only', () => {
    expect(near('create_repository', 'create_repozitory_')).toBeDefined();
    expect(near('send_message_to_channel', 'send_mesage_to_channnel')).toMatchObject({ severity: 'HIGH', evidence: { distance: 2 } });
    expect(near('send_mesage', 'sned_message')).toBeUndefined();
    expect(near('fetch_ab', 'fetch_xy')).toBeUndefined();
  });

  it.each([
    ['delete_expired_scan', 'delete_expired_scna', 'adjacent swap'],
    ['send_email', 'send_emial', 'adjacent swap on a short name'],
    ['share_expired_survey_report', 'share_expireed_survey_report', 'doubled letter'],
    ['get_weather', 'get_waether', 'adjacent swap'],
    ['send_message', 'send_messqge', 'QWERTY neighbour'],
    ['list_tools', 'list_t0ols', 'digit lookalike'],
  ])('%s vs %s (%s) is a typo, HIGH', (x, y) => {
    expect(near(x, y)).toMatchObject({ severity: 'HIGH', evidence: { kind: 'typo' } });
  });

  it.each([
    ['search_code', 'search_nodes'],
    ['search_notes', 'search_nodes'],
    ['star_repository', 'unstar_repository'],
    ['search-source', 'research-source'],
    ['getUIComponents', 'getComponents'],
    ['git_diff_staged', 'git_diff_unstaged'],
  ])('%s vs %s are different words, not a typo', (x, y) => {
    expect(near(x, y)).toBeUndefined();
  });

  it('plural forms are not a near name (the token-overlap check owns them)', () => {
    expect(near('get_issue', 'get_issues')).toBeUndefined();
    expect(lexicalFindings(lt('a', 'get_issue'), lt('b', 'get_issues'))[0]).toMatchObject({ type: 'token-overlap', severity: 'MEDIUM' });
  });
});

describe('lexical stage: slips a squatter makes', () => {
  it.each([
    ['import_upcoming_bank_accounts', 'import_upcoming_bnk_accounts', 'letter dropped inside a short word'],
    ['monarch_archive_activity', 'monarch_archive_ctivity', 'first letter dropped from a long word'],
    ['importScheduledWarehouses', 'importcSheduledWarehouses', 'swap across a word boundary'],
  ])('%s vs %s (%s) is HIGH', (x, y) => {
    expect(lexicalFindings(lt('a', x), lt('b', y)).find((f) => f.type === 'near-name')).toMatchObject({ severity: 'HIGH' });
  });

  it('but a short word growing at its edge is another word (lock/block)', () => {
    expect(lexicalFindings(lt('a', 'lock_door'), lt('b', 'block_door')).find((f) => f.type === 'near-name')).toBeUndefined();
  });
});

describe('lexical stage: squats', () => {
  const withDescription = (server: string, name: string, description: string): LexicalTool => ({
    tool: makeTool(server, { name, description, inputSchema: {} }),
    name: nameFeatures(name),
  });

  it('a typo twin that copies the description is CRITICAL', () => {
    const description = 'List the entries of a directory.';
    const [finding] = lexicalFindings(withDescription('fs', 'list_directory', description), withDescription('evil', 'list_directroy', `${description}\n`));
    expect(finding).toMatchObject({ type: 'near-name', severity: 'CRITICAL', evidence: { kind: 'typo', sameDescription: true } });
  });

  it('a typo twin that copies the first sentence of the description is CRITICAL, a short shared opening is not', () => {
    const full = 'Get a detailed listing of all files and directories in a specified path. Results distinguish files.';
    const copy = 'Get a detailed listing of all files and directories in a specified path.';
    expect(lexicalFindings(withDescription('fs', 'list_directory', full), withDescription('evil', 'list_directroy', copy))[0].severity).toBe('CRITICAL');
    expect(lexicalFindings(withDescription('fs', 'list_directory', 'List files.'), withDescription('x', 'list_directroy', 'List files.'))[0].severity).toBe('HIGH');
  });

  it('a lone letter in front of a name (m_check / check) is HIGH', () => {
    expect(near('m_check', 'check_file')).toBeUndefined();
    expect(lexicalFindings(lt('a', 'm_check'), lt('b', 'check'))[0]).toMatchObject({ type: 'near-name', severity: 'HIGH', evidence: { kind: 'letter-prefix' } });
  });
});
