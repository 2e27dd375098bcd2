import { chain, input } from './audit.fixtures.testing';
import { verifyChain } from './chain-verifier';
import { toJsonLine } from './jsonl.format';

describe('JSON Lines export', () => {
  it('writes one line per entry that parses back to the same fields, newlines in values included', () => {
    const entries = chain(3, (i) => input({ details: { note: `line\none ${i}`, nested: { '=': '|' } } }));
    const text = entries.map(toJsonLine).join('');
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    const parsed = lines.slice(0, 3).map((l) => JSON.parse(l));
    expect(parsed.map((p) => p.seq)).toEqual([1, 2, 3]);
    expect(parsed[1]).toMatchObject({ details: { note: 'line\none 1', nested: { '=': '|' } }, prevHash: entries[0]!.hash, hash: entries[1]!.hash, time: '2026-11-21T09:00:01.000Z' });
  });

  it('exports what a consumer needs to re-verify the chain itself', () => {
    const entries = chain(4);
    const revived = entries.map((e) => {
      const p = JSON.parse(toJsonLine(e));
      return { ...p, time: new Date(p.time) };
    });
    expect(verifyChain(revived).ok).toBe(true);
  });
});
