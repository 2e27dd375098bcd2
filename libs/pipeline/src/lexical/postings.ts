/** A multimap from an index key to the tool keys filed under it, with O(1) add and remove. */
export class Postings {
  private readonly map = new Map<string, Set<string>>();

  add(term: string, key: string): void {
    const bucket = this.map.get(term);
    if (bucket) bucket.add(key);
    else this.map.set(term, new Set([key]));
  }

  remove(term: string, key: string): void {
    const bucket = this.map.get(term);
    if (!bucket) return;
    bucket.delete(key);
    if (bucket.size === 0) this.map.delete(term);
  }

  /** Adds the keys under `term` to `out`, unless the list is longer than `cap` (then it says too little). */
  collect(term: string, out: Set<string>, cap = Number.POSITIVE_INFINITY): void {
    const bucket = this.map.get(term);
    if (!bucket || bucket.size > cap) return;
    for (const key of bucket) out.add(key);
  }

  get termCount(): number {
    return this.map.size;
  }
}
