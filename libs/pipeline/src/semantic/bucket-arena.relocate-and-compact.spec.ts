import { BucketArena } from './bucket-arena';

/** The entries of bucket `code`, as [key, ...words] arrays. */
function entries(arena: BucketArena, code: number): number[][] {
  const [offset, size] = [arena.spans[3 * code]!, arena.spans[3 * code + 1]!];
  return Array.from({ length: size }, (_, i) => [...arena.data.subarray(offset + i * arena.stride, offset + (i + 1) * arena.stride)]);
}

describe('BucketArena: LSH buckets packed in one array', () => {
  it('keeps each bucket\'s entries through relocations as buckets grow side by side', () => {
    const arena = new BucketArena(8, 3);
    const expected = new Map<number, number[][]>();
    for (let i = 0; i < 200; i++) {
      const code = (i * 5) % 8;
      const entry = [i, i * 10, 1000 - i];
      arena.push(code, entry);
      expected.set(code, [...(expected.get(code) ?? []), entry]);
    }
    for (const [code, list] of expected) expect(entries(arena, code)).toEqual(list);
    expect(arena.size(0)).toBe(25);
  });

  it('removes an entry by key (the last one takes its place) and reports a missing key', () => {
    const arena = new BucketArena(4, 2);
    for (const key of [1, 2, 3, 4]) arena.push(2, [key, key * 100]);
    expect(arena.remove(2, 2)).toBe(true);
    expect(entries(arena, 2)).toEqual([[1, 100], [4, 400], [3, 300]]);
    expect(arena.remove(2, 2)).toBe(false);
    expect(arena.remove(1, 1)).toBe(false);
    expect(arena.size(2)).toBe(3);
  });

  it('compacts dead regions under churn instead of growing without bound', () => {
    const arena = new BucketArena(16, 4);
    const live = new Map<number, number[][]>();
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 64; i++) {
        const key = round * 64 + i;
        const code = key % 16;
        arena.push(code, [key, round, i, code]);
        live.set(code, [...(live.get(code) ?? []), [key, round, i, code]]);
      }
      // Drop most of what was just added: buckets keep relocating and leave dead regions behind.
      for (let i = 0; i < 60; i++) {
        const key = round * 64 + i;
        expect(arena.remove(key % 16, key)).toBe(true);
        const list = live.get(key % 16)!;
        list.splice(list.findIndex((e) => e[0] === key), 1);
      }
    }
    for (const [code, list] of live) {
      const sort = (l: number[][]) => [...l].sort((x, y) => x[0]! - y[0]!);
      expect(sort(entries(arena, code))).toEqual(sort(list));
    }
    // 200 live entries of 4 words: the arena stays within a small multiple of that, not 50 rounds' worth.
    expect(arena.data.length).toBeLessThanOrEqual(8 * 200 * 4);
  });
});
