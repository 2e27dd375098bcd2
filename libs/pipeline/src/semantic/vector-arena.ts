/**
 * Stored vectors for VectorIndex, packed in two growable arenas (indices, values) addressed by
 * slot. Hashed local embeddings are ~90% zeros, so only non-zeros are kept: re-ranking a candidate
 * then reads a few contiguous cache lines instead of chasing a 2 KiB object per candidate (which
 * made re-rank memory-bound), and memory drops ~5x. Dense vectors simply store every index.
 * Each entry is one 32-bit word, `index << 16 | int16(value)`, and each slot's offset and length
 * sit side by side, so a candidate costs two cache-line streams, not five scattered reads.
 * Values are quantised to 1/32767: a cosine moves by at most ~1e-4.
 */
/** Quantisation scale of stored values (int16). */
const QUANT = 32767;

export class VectorArena {
  private entries = new Uint32Array(1 << 16);
  private used = 0;
  private dead = 0;
  /** [offset, length] per slot; length -1 = empty. */
  private spans = new Int32Array(2048).fill(-1);

  constructor(dimensions: number) {
    if (dimensions > 65536) throw new RangeError('VectorArena: at most 65,536 dimensions');
  }

  set(slot: number, vector: Float32Array): void {
    this.delete(slot);
    let nnz = 0;
    for (let i = 0; i < vector.length; i++) if (vector[i] !== 0) nnz++;
    this.reserve(slot, nnz);
    const start = this.used;
    let j = start;
    for (let i = 0; i < vector.length; i++) {
      if (vector[i] === 0) continue;
      const q = Math.max(-QUANT, Math.min(QUANT, Math.round(vector[i] * QUANT)));
      this.entries[j++] = ((i << 16) | (q & 0xffff)) >>> 0;
    }
    this.used = j;
    this.spans[2 * slot] = start;
    this.spans[2 * slot + 1] = nnz;
  }

  delete(slot: number): void {
    if (!this.has(slot)) return;
    this.dead += this.spans[2 * slot + 1];
    this.spans[2 * slot + 1] = -1;
  }

  has(slot: number): boolean {
    return 2 * slot + 1 < this.spans.length && this.spans[2 * slot + 1] >= 0;
  }

  /** Dot product of a dense query with the vector in `slot` (cosine, for normalised vectors). */
  dot(query: Float32Array, slot: number): number {
    const start = this.spans[2 * slot];
    const end = start + this.spans[2 * slot + 1];
    const entries = this.entries;
    let s = 0;
    for (let j = start; j < end; j++) {
      const e = entries[j];
      s += ((e << 16) >> 16) * query[e >>> 16];
    }
    return s / QUANT;
  }

  private reserve(slot: number, nnz: number): void {
    if (2 * slot + 1 >= this.spans.length) {
      const spans = new Int32Array(Math.max(2 * slot + 2, this.spans.length * 2)).fill(-1);
      spans.set(this.spans);
      this.spans = spans;
    }
    if (this.used + nnz <= this.entries.length) return;
    if (this.dead > this.used / 2) this.compact();
    if (this.used + nnz <= this.entries.length) return;
    const entries = new Uint32Array(Math.max(this.used + nnz, this.entries.length * 2));
    entries.set(this.entries.subarray(0, this.used));
    this.entries = entries;
  }

  /** Drops removed vectors' entries, so an index under churn does not grow without bound. */
  private compact(): void {
    // Moving entries down is safe only in arena order (reused slots sit later in the arena).
    const live: number[] = [];
    for (let slot = 0; 2 * slot + 1 < this.spans.length; slot++) if (this.has(slot)) live.push(slot);
    live.sort((a, b) => this.spans[2 * a] - this.spans[2 * b]);
    let j = 0;
    for (const slot of live) {
      const start = this.spans[2 * slot];
      const length = this.spans[2 * slot + 1];
      this.entries.copyWithin(j, start, start + length);
      this.spans[2 * slot] = j;
      j += length;
    }
    this.used = j;
    this.dead = 0;
  }
}
