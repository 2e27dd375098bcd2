import { mulberry32 } from './hash';
import { VectorIndex } from './vector-index';

function randomUnit(random: () => number, dims: number): Float32Array {
  const v = Float32Array.from({ length: dims }, () => random() - 0.5);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

describe('VectorIndex: incremental add and remove', () => {
  const dims = 64;
  const random = mulberry32(7);
  const vectors = Array.from({ length: 500 }, () => randomUnit(random, dims));

  it('finds an added vector as its own best neighbour, and forgets it once removed', () => {
    const index = new VectorIndex(dims);
    vectors.forEach((v, i) => index.add(`k${i}`, v));
    expect(index.nearest(vectors[42], { k: 1, minScore: 0.99 })).toEqual([{ key: 'k42', score: expect.closeTo(1, 5) }]);
    index.remove('k42');
    expect(index.size).toBe(499);
    expect(index.nearest(vectors[42], { k: 1, minScore: 0.99 })).toEqual([]);
  });

  it('replaces the vector of a re-added key and survives heavy churn (slot reuse, arena compaction)', () => {
    const index = new VectorIndex(dims);
    for (let round = 0; round < 4; round++) {
      vectors.forEach((v, i) => index.add(`k${i}`, v));
      for (let i = 0; i < vectors.length; i += 2) index.remove(`k${i}`);
    }
    expect(index.size).toBe(250);
    index.add('k1', vectors[3]);
    expect(index.nearest(vectors[3], { k: 1, minScore: 0.99 })[0].key).toBe('k1');
    for (let i = 5; i < vectors.length; i += 50) expect(index.nearest(vectors[i], { k: 1, minScore: 0.99 })[0]?.key).toBe(`k${i}`);
  });

  it('rejects vectors of the wrong dimension', () => {
    expect(() => new VectorIndex(dims).add('x', new Float32Array(dims + 1))).toThrow(RangeError);
  });
});
