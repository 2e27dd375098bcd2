import { BucketArena } from './bucket-arena';

/**
 * The hashing half of VectorIndex: `tables` × `bits` random hyperplanes and a bucket map per table.
 *
 * Every bucket entry carries the slot's whole SimHash sketch (the sign bits of all hyperplanes),
 * stored inline: the Hamming distance between sketches estimates the angle, so candidates that
 * merely collide are rejected while scanning the bucket's contiguous memory, before any random
 * access (the seen-set, the stored vector). That filter is what keeps a query over 50,000 tools
 * in the tens of microseconds. A slot's per-table codes are kept to remove it without re-hashing.
 */
export class LshTables {
  /** Hyperplanes laid out [dimension][plane], so a sparse vector touches only its non-zero rows. */
  private readonly planes: Float32Array;
  private readonly planeCount: number;
  /** 32-bit words per sketch; a bucket entry is [slot, ...sketch]. */
  private readonly words: number;
  private readonly stride: number;
  /** Per table, its buckets indexed by code (2^bits), packed in one arena (bucket-arena.ts). */
  private readonly buckets: BucketArena[];
  /** Scratch [slot, ...sketch] entry for inserts. */
  private readonly entry: Int32Array;
  private codes: Uint16Array<ArrayBuffer> = new Uint16Array(0);
  private readonly live = new Set<number>();
  private readonly projection: Float64Array;
  private readonly sketch: Int32Array;
  /**
   * Hashing results per vector object: a batch run adds every tool and then queries with the same
   * vector, and projecting (non-zeros × 264 planes) is the largest cost of both. Keyed weakly by
   * identity, so callers must not mutate a vector after adding it (embedders return fresh arrays).
   */
  private readonly memo = new WeakMap<Float32Array, Hashed>();

  constructor(
    private readonly dimensions: number,
    private readonly tables: number,
    private readonly bits: number,
    /** The most multi-probe flips a query may ask for (their bit order is memoised per vector). */
    private readonly maxProbes: number,
    random: () => number,
  ) {
    this.planeCount = tables * bits;
    this.words = Math.ceil(this.planeCount / 32);
    this.stride = this.words + 1;
    this.planes = new Float32Array(dimensions * this.planeCount);
    for (let i = 0; i < this.planes.length; i++) this.planes[i] = gaussian(random);
    this.buckets = Array.from({ length: tables }, () => new BucketArena(1 << bits, this.stride));
    this.entry = new Int32Array(this.stride);
    this.projection = new Float64Array(this.planeCount);
    this.sketch = new Int32Array(this.words);
  }

  /** Total hash bits per vector: the length of the sketch the Hamming filter compares. */
  get sketchBits(): number {
    return this.planeCount;
  }

  insert(slot: number, vector: Float32Array): void {
    this.delete(slot);
    const hashed = this.hash(vector);
    if ((slot + 1) * this.tables > this.codes.length) {
      const bigger = new Uint16Array(Math.max((slot + 1) * this.tables, this.codes.length * 2));
      bigger.set(this.codes);
      this.codes = bigger;
    }
    this.entry[0] = slot;
    this.entry.set(hashed.sketch, 1);
    for (let t = 0; t < this.tables; t++) {
      const code = hashed.codes[t];
      this.codes[slot * this.tables + t] = code;
      this.buckets[t].push(code, this.entry);
    }
    this.live.add(slot);
  }

  delete(slot: number): void {
    if (!this.live.delete(slot)) return;
    for (let t = 0; t < this.tables; t++) this.buckets[t].remove(this.codes[slot * this.tables + t], slot);
  }

  /**
   * Collects every slot whose sketch passes `bounds` (see hammingBounds), in the query's bucket and in
   * the buckets one flip away on its `probes` least certain bits, once each: a slot is taken when its
   * `seen` mark differs from `mark` (the caller's epoch), appended to `out.slots`, and the count returned.
   * Written as plain loops over typed arrays, with no callback per visit: this is the hottest loop of a check.
   */
  collect(vector: Float32Array, probes: number, bounds: Float64Array, seen: Uint32Array, mark: number, out: SlotBuffer): number {
    const hashed = this.hash(vector);
    const flips = Math.min(probes, this.maxProbes);
    let count = 0;
    for (let t = 0; t < this.tables; t++) {
      const code = hashed.codes[t];
      const arena = this.buckets[t];
      for (let p = -1; p < flips; p++) {
        count = this.scanBucket(arena, p < 0 ? code : code ^ (1 << hashed.flips[t * this.maxProbes + p]), hashed.sketch, bounds, seen, mark, out, count);
      }
    }
    return count;
  }

  /** Codes, sketch and least-certain bits (for multi-probe) of `vector`, computed once per vector object. */
  private hash(vector: Float32Array): Hashed {
    const known = this.memo.get(vector);
    if (known) return known;
    this.project(vector);
    const codes = new Uint16Array(this.tables);
    const flips = new Uint8Array(this.tables * this.maxProbes);
    const taken = new Uint8Array(this.bits);
    for (let t = 0; t < this.tables; t++) {
      codes[t] = this.code(t);
      // Selection, not a sort: few probes per table.
      const base = t * this.bits;
      taken.fill(0);
      for (let p = 0; p < this.maxProbes; p++) {
        let best = 0;
        let bestMargin = Infinity;
        for (let b = 0; b < this.bits; b++) {
          const m = Math.abs(this.projection[base + b]);
          if (!taken[b] && m < bestMargin) {
            bestMargin = m;
            best = b;
          }
        }
        taken[best] = 1;
        flips[t * this.maxProbes + p] = best;
      }
    }
    const hashed = { codes, sketch: Int32Array.from(this.sketch), flips };
    this.memo.set(vector, hashed);
    return hashed;
  }

  /**
   * Sequential test on the sketch distance: after each 32-bit word, the running distance must stay
   * within the expected distance at the `minScore` angle plus `sigmas` binomial deviations for the
   * bits seen so far. Most unrelated candidates fail after two to four words.
   */
  hammingBounds(minScore: number, sigmas: number): Float64Array {
    const bounds = new Float64Array(this.words);
    const p = minScore <= -1 ? 1 : Math.acos(Math.min(1, minScore)) / Math.PI;
    for (let w = 0; w < this.words; w++) {
      const bits = Math.min(32 * (w + 1), this.planeCount);
      bounds[w] = minScore <= 0 ? Infinity : bits * p + sigmas * Math.sqrt(bits * p * (1 - p));
    }
    return bounds;
  }

  private scanBucket(arena: BucketArena, code: number, sketch: Int32Array, bounds: Float64Array, seen: Uint32Array, mark: number, out: SlotBuffer, count: number): number {
    const size = arena.spans[3 * code + 1];
    if (size === 0) return count;
    const data = arena.data;
    const words = this.words;
    const stride = this.stride;
    for (let i = 0, at = arena.spans[3 * code]; i < size; i++, at += stride) {
      const slot = data[at];
      if (seen[slot] === mark) continue;
      let h = 0;
      let w = 0;
      for (; w < words; w++) {
        h += popcount32(data[at + 1 + w] ^ sketch[w]);
        if (h > bounds[w]) break;
      }
      if (w !== words) continue;
      seen[slot] = mark;
      if (count === out.slots.length) out.slots = grow(out.slots);
      out.slots[count++] = slot;
    }
    return count;
  }

  /** Projects `vector` on every hyperplane and records the sign bits as the current sketch. */
  private project(vector: Float32Array): void {
    const p = this.projection;
    const planes = this.planes;
    const sketch = this.sketch;
    const n = this.planeCount;
    const dims = this.dimensions;
    p.fill(0);
    for (let d = 0; d < dims; d++) {
      const x = vector[d];
      if (x === 0) continue;
      const row = d * n;
      for (let j = 0; j < n; j++) p[j] += x * planes[row + j];
    }
    sketch.fill(0);
    for (let j = 0; j < n; j++) if (p[j] > 0) sketch[j >>> 5] |= 1 << (j & 31);
  }

  private code(table: number): number {
    let code = 0;
    const base = table * this.bits;
    for (let b = 0; b < this.bits; b++) if (this.projection[base + b] > 0) code |= 1 << b;
    return code;
  }
}

interface Hashed {
  codes: Uint16Array;
  sketch: Int32Array;
  /** Per table, bit positions by increasing projection margin. */
  flips: Uint8Array;
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Box-Muller: hyperplane normals must be isotropic for the angle-preserving guarantee. */
function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Where collect() writes the slots it takes (grown as needed, reused across queries). */
export interface SlotBuffer {
  slots: Int32Array<ArrayBuffer>;
}

function grow(buffer: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(buffer.length * 2);
  bigger.set(buffer);
  return bigger;
}
