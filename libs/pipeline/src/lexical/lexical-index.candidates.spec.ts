import { makeTool, severityRank, type Finding } from '../model';
import { LexicalIndex } from './lexical-index';
import { lexicalFindings } from './lexical-findings';
import { type LexicalTool } from './lexical-tool';
import { nameFeatures } from './name-features';

const lt = (server: string, name: string): LexicalTool => ({ tool: makeTool(server, { name, description: '', inputSchema: {} }), name: nameFeatures(name) });

function indexOf(tools: LexicalTool[]): LexicalIndex {
  const index = new LexicalIndex();
  for (const t of tools) index.add(t.tool.key, t.name);
  return index;
}

describe('LexicalIndex: candidate retrieval', () => {
  const tools = [
    lt('gmail', 'send_email'),
    lt('evil', 'send_em\u0430il'),
    lt('slack', 'send_message'),
    lt('typo', 'send_mesage'),
    lt('github', 'create_issue'),
    lt('linear', 'add_issue'),
    lt('jira', 'createIssue'),
    lt('fs', 'read_file'),
    lt('weather', 'get_forecast'),
  ];
  const index = indexOf(tools);
  const candidatesOf = (name: string, self?: string) => index.candidates(nameFeatures(name), self).sort();

  it('finds collisions, homoglyphs, typos and synonyms, and never the tool itself', () => {
    expect(candidatesOf('send_email', 'gmail/send_email')).toEqual(['evil/send_em\u0430il']);
    expect(candidatesOf('send_message', 'slack/send_message')).toContain('typo/send_mesage');
    expect(candidatesOf('create_issue', 'github/create_issue')).toEqual(['jira/createIssue', 'linear/add_issue']);
  });

  it('does not return unrelated tools', () => {
    expect(candidatesOf('get_forecast', 'weather/get_forecast')).toEqual([]);
    expect(candidatesOf('delete_branch')).toEqual([]);
  });

  it('supports incremental remove and re-add', () => {
    const local = indexOf(tools);
    local.remove('linear/add_issue');
    expect(local.candidates(nameFeatures('create_issue'), 'github/create_issue')).toEqual(['jira/createIssue']);
    local.add('linear/add_issue', nameFeatures('add_issue'));
    expect(local.candidates(nameFeatures('create_issue'), 'github/create_issue').sort()).toEqual(['jira/createIssue', 'linear/add_issue']);
    local.add('linear/add_issue', nameFeatures('renamed_thing'));
    expect(local.candidates(nameFeatures('create_issue'), 'github/create_issue')).toEqual(['jira/createIssue']);
    expect(local.size).toBe(tools.length);
  });

  it('skips a generic token pair shared by hundreds of tools (bounded retrieval)', () => {
    const crowd = Array.from({ length: 400 }, (_, i) => lt(`s${i}`, `github_list_thing${i}`));
    const big = indexOf(crowd);
    expect(big.candidates(nameFeatures('github_list_widgets')).length).toBeLessThan(50);
  });

  it('retrieves every pair that has a HIGH+ finding of edit distance ≤ 1 (brute-force check on 600 names)', () => {
    const verbs = ['get', 'fetch', 'create', 'add', 'list', 'delete', 'remove', 'update', 'send'];
    const nouns = ['user', 'users', 'issue', 'message', 'mesage', 'file', 'repo', 'repository', 'task', 'email', 'emial', 'order'];
    const quals = ['', '_by_id', '_v2', '_details', 'Status'];
    let seed = 7;
    // Park–Miller LCG: products stay below 2^53, so the sequence is exact in doubles.
    const rand = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const names = new Set<string>();
    while (names.size < 600) {
      const base = `${verbs[rand(verbs.length)]}_${nouns[rand(nouns.length)]}${quals[rand(quals.length)]}`;
      names.add(rand(4) === 0 ? base.replace(/_/g, '') : rand(9) === 0 ? base.replace('e', '\u0435') : base);
    }
    const all = [...names].map((n, i) => lt(`srv${i % 7}`, n));
    const idx = indexOf(all);
    const strong = (fs: Finding[]) =>
      fs.some((f) => severityRank(f.severity) >= severityRank('HIGH') && (f.type !== 'near-name' || f.evidence.distance === 1));
    let checked = 0;
    for (let i = 0; i < all.length; i++) {
      const found = new Set(idx.candidates(all[i].name, all[i].tool.key));
      for (let j = 0; j < all.length; j++) {
        if (i === j || !strong(lexicalFindings(all[i], all[j]))) continue;
        checked++;
        expect([all[i].name.raw, found.has(all[j].tool.key)]).toEqual([all[i].name.raw, true]);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
