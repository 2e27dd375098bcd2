/**
 * Stored vectors for VectorIndex, packed in two growable arenas (indices, values) addressed by
 * slot. Hashed local embeddings are ~90% zeros, so only non-zeros are kept: re-ranking a candidate
 * then reads a few contiguous cache lines instead of chasing a 2 KiB object per candidate (which
 * made re-rank memory-bound), and memory drops ~5x. Dense vectors simply store every index.
 */
export class VectorArena {
  private indices = new Uint16Array(1 << 16);
  private values = new Float32Array(1 << 16);
  private used = 0;
  private dead = 0;
  private offsets = new Int32Array(1024);
  private lengths = new Int32Array(1024).fill(-1);

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
      this.indices[j] = i;
      this.values[j++] = vector[i];
    }
    this.used = j;
    this.offsets[slot] = start;
    this.lengths[slot] = nnz;
  }

  delete(slot: number): void {
    if (slot >= this.lengths.length || this.lengths[slot] < 0) return;
    this.dead += this.lengths[slot];
    this.lengths[slot] = -1;
  }

  has(slot: number): boolean {
    return slot < this.lengths.length && this.lengths[slot] >= 0;
  }

  /** Dot product of a dense query with the vector in `slot` (cosine, for normalised vectors). */
  dot(query: Float32Array, slot: number): number {
    const start = this.offsets[slot];
    const end = start + this.lengths[slot];
    const indices = this.indices;
    const values = this.values;
    let s = 0;
    for (let j = start; j < end; j++) s += values[j] * query[indices[j]];
    return s;
  }

  private reserve(slot: number, nnz: number): void {
    if (slot >= this.offsets.length) {
      const size = Math.max(slot + 1, this.offsets.length * 2);
      const offsets = new Int32Array(size);
      offsets.set(this.offsets);
      const lengths = new Int32Array(size).fill(-1);
      lengths.set(this.lengths);
      this.offsets = offsets;
      this.lengths = lengths;
    }
    if (this.used + nnz <= this.indices.length) return;
    if (this.dead > this.used / 2) this.compact();
    if (this.used + nnz <= this.indices.length) return;
    const size = Math.max(this.used + nnz, this.indices.length * 2);
    const indices = new Uint16Array(size);
    indices.set(this.indices.subarray(0, this.used));
    const values = new Float32Array(size);
    values.set(this.values.subarray(0, this.used));
    this.indices = indices;
    this.values = values;
  }

  /** Drops removed vectors' entries, so an index under churn does not grow without bound. */
  private compact(): void {
    // Moving entries down is safe only in arena order (reused slots sit later in the arena).
    const live: number[] = [];
    for (let slot = 0; slot < this.lengths.length; slot++) if (this.lengths[slot] >= 0) live.push(slot);
    live.sort((a, b) => this.offsets[a] - this.offsets[b]);
    let j = 0;
    for (const slot of live) {
      const length = this.lengths[slot];
      const start = this.offsets[slot];
      this.indices.copyWithin(j, start, start + length);
      this.values.copyWithin(j, start, start + length);
      this.offsets[slot] = j;
      j += length;
    }
    this.used = j;
    this.dead = 0;
  }
}
