/**
 * The hashing half of VectorIndex: `tables` × `bits` random hyperplanes, a bucket map per table,
 * and each slot's codes so it can be removed without re-hashing.
 */
export class LshTables {
  /** Hyperplanes laid out [dimension][plane], so a sparse vector touches only its non-zero rows. */
  private readonly planes: Float32Array;
  private readonly planeCount: number;
  private readonly buckets: Map<number, number[]>[];
  private readonly codes: number[][] = [];
  private readonly projection: Float64Array;

  constructor(
    private readonly dimensions: number,
    private readonly tables: number,
    private readonly bits: number,
    random: () => number,
  ) {
    this.planeCount = tables * bits;
    this.planes = new Float32Array(dimensions * this.planeCount);
    for (let i = 0; i < this.planes.length; i++) this.planes[i] = gaussian(random);
    this.buckets = Array.from({ length: tables }, () => new Map<number, number[]>());
    this.projection = new Float64Array(this.planeCount);
  }

  insert(slot: number, vector: Float32Array): void {
    this.project(vector);
    const codes: number[] = [];
    for (let t = 0; t < this.tables; t++) {
      const code = this.code(t);
      codes.push(code);
      const bucket = this.buckets[t].get(code);
      if (bucket) bucket.push(slot);
      else this.buckets[t].set(code, [slot]);
    }
    this.codes[slot] = codes;
  }

  delete(slot: number): void {
    const codes = this.codes[slot];
    if (!codes) return;
    for (let t = 0; t < this.tables; t++) {
      const bucket = this.buckets[t].get(codes[t]);
      if (!bucket) continue;
      const at = bucket.indexOf(slot);
      if (at >= 0) {
        bucket[at] = bucket[bucket.length - 1];
        bucket.pop();
      }
      if (bucket.length === 0) this.buckets[t].delete(codes[t]);
    }
    delete this.codes[slot];
  }

  /** Visits every slot in the query's bucket and in the buckets one flip away on its `probes` least certain bits. */
  probe(vector: Float32Array, probes: number, visit: (slot: number) => void): void {
    this.project(vector);
    const taken = new Uint8Array(this.bits);
    for (let t = 0; t < this.tables; t++) {
      const code = this.code(t);
      this.visitBucket(t, code, visit);
      // Selection, not a sort: `probes` is small and this runs per table per query.
      const base = t * this.bits;
      taken.fill(0);
      for (let p = 0; p < probes; p++) {
        let best = -1;
        let bestMargin = Infinity;
        for (let b = 0; b < this.bits; b++) {
          const m = Math.abs(this.projection[base + b]);
          if (!taken[b] && m < bestMargin) {
            bestMargin = m;
            best = b;
          }
        }
        taken[best] = 1;
        this.visitBucket(t, code ^ (1 << best), visit);
      }
    }
  }

  private visitBucket(table: number, code: number, visit: (slot: number) => void): void {
    const bucket = this.buckets[table].get(code);
    if (bucket) for (let i = 0; i < bucket.length; i++) visit(bucket[i]);
  }

  private project(vector: Float32Array): void {
    const p = this.projection;
    const n = this.planeCount;
    p.fill(0);
    for (let d = 0; d < this.dimensions; d++) {
      const x = vector[d];
      if (x === 0) continue;
      const row = d * n;
      for (let j = 0; j < n; j++) p[j] += x * this.planes[row + j];
    }
  }

  private code(table: number): number {
    let code = 0;
    const base = table * this.bits;
    for (let b = 0; b < this.bits; b++) if (this.projection[base + b] > 0) code |= 1 << b;
    return code;
  }
}

/** Box-Muller: hyperplane normals must be isotropic for the angle-preserving guarantee. */
function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
