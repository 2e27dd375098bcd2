import { clean, evidenceLine, truncate } from './text';

describe('text helpers on hostile registry text', () => {
  it('turns control sequences (ESC, newlines) into spaces', () => {
    expect(clean('a\u001b[2Jb\nc\r\n  d')).toBe('a [2Jb c d');
  });

  it('spells out invisible and bidi characters instead of hiding them', () => {
    expect(clean('read\u200b_file')).toBe('read<U+200B>_file');
    expect(clean('admin\u202Etxt.exe')).toBe('admin<U+202E>txt.exe');
  });

  it('keeps evidence on one bounded line', () => {
    const line = evidenceLine({ description: 'x'.repeat(500), tokens: ['a', 'b'], cosine: 0.91234, nested: { k: 1 } }, 120);
    expect(line.length).toBeLessThanOrEqual(120);
    expect(line).not.toContain('\n');
    expect(evidenceLine({ cosine: 0.91234, count: 3, ok: true })).toBe('cosine: 0.91; count: 3; ok: true');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
});
