/**
 * One LSH table's buckets, packed in a single growable Int32Array: bucket `code` is a region of
 * `capacity` entries of `stride` words at `offset`, described by three integers side by side in
 * `spans`. A query probing a bucket then reads one span and one contiguous region, instead of
 * chasing a bucket object, its typed array and that array's backing store (three dependent cache
 * misses per bucket, 200+ buckets per query: the largest cost of a CI check on a big registry).
 *
 * A full bucket moves to a region of twice the capacity at the end of the arena; the old region is
 * dead space until a compaction (when more than half the arena is dead) packs every bucket again.
 */
export class BucketArena {
  /** [offset (words), size (entries), capacity (entries)] per bucket code. */
  readonly spans: Int32Array;
  data = new Int32Array(1024);
  private used = 0;
  private dead = 0;

  constructor(
    buckets: number,
    /** Words per entry. */
    readonly stride: number,
  ) {
    this.spans = new Int32Array(3 * buckets);
  }

  size(code: number): number {
    return this.spans[3 * code + 1];
  }

  /** Appends `entry` (`stride` words) to bucket `code`. */
  push(code: number, entry: Int32Array | readonly number[]): void {
    const at = 3 * code;
    const size = this.spans[at + 1];
    if (size === this.spans[at + 2]) this.relocate(code, Math.max(2, size * 2));
    const offset = this.spans[at] + size * this.stride;
    for (let w = 0; w < this.stride; w++) this.data[offset + w] = entry[w];
    this.spans[at + 1] = size + 1;
  }

  /** Removes the entry of bucket `code` whose first word is `key` (the last entry takes its place). */
  remove(code: number, key: number): boolean {
    const at = 3 * code;
    const offset = this.spans[at];
    const size = this.spans[at + 1];
    const stride = this.stride;
    for (let i = 0; i < size; i++) {
      const start = offset + i * stride;
      if (this.data[start] !== key) continue;
      const last = offset + (size - 1) * stride;
      this.data.copyWithin(start, last, last + stride);
      this.spans[at + 1] = size - 1;
      return true;
    }
    return false;
  }

  /** Moves bucket `code` to a fresh region of `capacity` entries at the end of the arena. */
  private relocate(code: number, capacity: number): void {
    const at = 3 * code;
    const words = capacity * this.stride;
    this.reserve(words);
    const offset = this.spans[at];
    const size = this.spans[at + 1];
    this.data.copyWithin(this.used, offset, offset + size * this.stride);
    this.dead += this.spans[at + 2] * this.stride;
    this.spans[at] = this.used;
    this.spans[at + 2] = capacity;
    this.used += words;
  }

  private reserve(words: number): void {
    if (this.used + words <= this.data.length) return;
    if (this.dead > this.used / 2) this.compact();
    if (this.used + words <= this.data.length) return;
    const data = new Int32Array(Math.max(this.used + words, this.data.length * 2));
    data.set(this.data.subarray(0, this.used));
    this.data = data;
  }

  /** Packs every bucket (capacity = size) into a new array, dropping the dead regions. */
  private compact(): void {
    let live = 0;
    for (let code = 0; 3 * code < this.spans.length; code++) live += this.spans[3 * code + 1] * this.stride;
    const data = new Int32Array(Math.max(1024, live * 2));
    let used = 0;
    for (let code = 0; 3 * code < this.spans.length; code++) {
      const at = 3 * code;
      const words = this.spans[at + 1] * this.stride;
      data.set(this.data.subarray(this.spans[at], this.spans[at] + words), used);
      this.spans[at] = used;
      this.spans[at + 2] = this.spans[at + 1];
      used += words;
    }
    this.data = data;
    this.used = used;
    this.dead = 0;
  }
}
