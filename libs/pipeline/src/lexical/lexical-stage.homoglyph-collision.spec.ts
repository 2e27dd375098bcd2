import { makeTool } from '../model';
import { deconfuse } from './confusables';
import { lexicalFindings } from './lexical-findings';
import { type LexicalTool } from './lexical-tool';
import { nameFeatures } from './name-features';

const lt = (server: string, name: string): LexicalTool => ({ tool: makeTool(server, { name, description: '', inputSchema: {} }), name: nameFeatures(name) });

describe('lexical stage: homoglyph collision', () => {
  it('maps a Cyrillic а (U+0430) in send_emаil onto the Latin name, CRITICAL', () => {
    const spoof = 'send_em\u0430il';
    expect(spoof).not.toBe('send_email');
    const [finding] = lexicalFindings(lt('gmail', 'send_email'), lt('evil', spoof));
    expect(finding).toMatchObject({ type: 'homoglyph-collision', severity: 'CRITICAL', score: 1 });
    expect(finding.evidence.confusablesB).toEqual([{ char: '\u0430', codePoint: 'U+0430', looksLike: 'a' }]);
  });

  it('is CRITICAL even inside one server', () => {
    expect(lexicalFindings(lt('s', 'read_file'), lt('s', 'r\u0435ad_file'))[0].type).toBe('homoglyph-collision');
  });

  it.each([
    ['Greek omicron', 'get_d\u03bfcs', 'get_docs'],
    ['fullwidth letters', '\uff47\uff45\uff54_docs', 'get_docs'],
    ['zero-width space', 'get\u200b_docs', 'get_docs'],
    ['accented e', 'cr\u00e9ate_task', 'create_task'],
  ])('folds %s', (_label, spoof, plain) => {
    expect(nameFeatures(spoof)).toMatchObject({ collisionKey: nameFeatures(plain).collisionKey, hasConfusables: true });
  });

  it('tokenises the de-confused name, so the verb is still recognised', () => {
    expect(nameFeatures('\u0441reate_task').tokens).toEqual(['create', 'task']);
  });

  it('keeps case so camelCase still splits after mapping', () => {
    expect(deconfuse('g\u0435tUs\u0435r')).toBe('getUser');
  });

  it('leaves non-Latin names that imitate nothing alone', () => {
    expect(nameFeatures('查询天气').hasConfusables).toBe(false);
    expect(nameFeatures('plain_name').hasConfusables).toBe(false);
  });
});
