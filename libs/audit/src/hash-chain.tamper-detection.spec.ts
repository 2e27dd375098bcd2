import { chain, input } from './audit.fixtures.testing';
import { ChainVerifier, verifyChain } from './chain-verifier';
import { canonicalEntry, chainEntry, entryHash } from './hash-chain';

describe('hash chain', () => {
  it('links each entry to the previous hash and numbers them 1, 2, 3', () => {
    const entries = chain(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBeNull();
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.prevHash).toBe(entries[1]!.hash);
    expect(new Set(entries.map((e) => e.hash)).size).toBe(3);
    expect(entries[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the same entry the same way whatever the key order of its details (jsonb reorders keys)', () => {
    const at = { id: 'x', time: new Date(0) };
    const a = chainEntry(null, input({ details: { b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } } }), at);
    const b = chainEntry(null, input({ details: { a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 } }), at);
    expect(a.hash).toBe(b.hash);
  });

  it('verifies an intact chain and reports the last valid link', () => {
    const entries = chain(5);
    expect(verifyChain(entries)).toEqual({ ok: true, checked: 5, lastValid: { seq: 5, hash: entries[4]!.hash }, firstBroken: null });
    expect(verifyChain([])).toMatchObject({ ok: true, checked: 0, lastValid: null });
  });

  it('catches a modified entry at that entry, with a hash mismatch', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, details: { name: 'something_else', version: 1 } };
    const result = verifyChain(entries);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: 3, reason: 'hash_mismatch', actual: entries[2]!.hash });
    expect(result.lastValid?.seq).toBe(2);
  });

  it('catches a rewritten entry whose hash was recomputed, at the NEXT entry', () => {
    const entries = chain(4);
    const forged = { ...entries[1]!, outcome: 'failure' as const };
    entries[1] = { ...forged, hash: entryHash(forged.prevHash, forged) };
    expect(verifyChain(entries).firstBroken).toMatchObject({ seq: 3, reason: 'prev_hash_mismatch' });
  });

  it('catches a deleted entry as a sequence gap and a duplicate as well', () => {
    const entries = chain(4);
    expect(verifyChain([entries[0]!, entries[1]!, entries[3]!]).firstBroken).toMatchObject({ seq: 4, reason: 'sequence_gap', expected: '3', actual: '4' });
    expect(verifyChain([entries[0]!, entries[1]!, entries[1]!]).firstBroken).toMatchObject({ seq: 2, reason: 'sequence_gap' });
  });

  it('verifies a suffix from a trusted tip, one entry at a time', () => {
    const entries = chain(6);
    const verifier = new ChainVerifier({ seq: 3, hash: entries[2]!.hash });
    for (const e of entries.slice(3)) expect(verifier.push(e)).toBeNull();
    expect(verifier.result()).toMatchObject({ ok: true, checked: 3, lastValid: { seq: 6 } });
  });

  it('puts every field but the hashes into the canonical form, with sorted keys and no whitespace', () => {
    const [entry] = chain(1);
    const canonical = canonicalEntry(entry!);
    expect(canonical).not.toMatch(/\s/);
    expect(JSON.parse(canonical)).toMatchObject({ seq: 1, action: 'tool.registered', actor: { display: 'ada@example.com' }, sourceIp: '203.0.113.7', requestId: 'req-1' });
    expect(canonical.indexOf('"action"')).toBeLessThan(canonical.indexOf('"actor"'));
  });
});
