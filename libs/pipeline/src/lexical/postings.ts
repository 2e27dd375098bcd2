/**
 * A multimap from an index term to the tool keys filed under it. Most terms (deletion variants, rare
 * token pairs) hold one key, so a lone key is stored as a plain string and only promoted to an array
 * when a second arrives: this halves memory and add time against a Set per term at 50k tools.
 */
export class Postings {
  // Callers never file the same key twice under one term (LexicalIndex removes a key before re-adding it
  // and its terms per name are unique), so `add` skips an O(n) duplicate check on large buckets.
  private readonly map = new Map<string, string | string[]>();

  add(term: string, key: string): void {
    const bucket = this.map.get(term);
    if (bucket === undefined) this.map.set(term, key);
    else if (typeof bucket === 'string') {
      if (bucket !== key) this.map.set(term, [bucket, key]);
    } else bucket.push(key);
  }

  remove(term: string, key: string): void {
    const bucket = this.map.get(term);
    if (bucket === undefined) return;
    if (typeof bucket === 'string') {
      if (bucket === key) this.map.delete(term);
      return;
    }
    const i = bucket.indexOf(key);
    if (i < 0) return;
    bucket.splice(i, 1);
    if (bucket.length === 1) this.map.set(term, bucket[0]);
  }

  /** Adds the keys under `term` to `out`, unless the list is longer than `cap` (then it says too little). */
  collect(term: string, out: Set<string>, cap = Number.POSITIVE_INFINITY): void {
    const bucket = this.map.get(term);
    if (bucket === undefined) return;
    if (typeof bucket === 'string') out.add(bucket);
    else if (bucket.length <= cap) for (const key of bucket) out.add(key);
  }

  /** Appends the keys under `term` to `out` (uncapped; duplicates possible across terms). */
  collectInto(term: string, out: string[]): void {
    const bucket = this.map.get(term);
    if (bucket === undefined) return;
    if (typeof bucket === 'string') out.push(bucket);
    else for (const key of bucket) out.push(key);
  }

  /** Whether any key is filed under `term`. */
  has(term: string): boolean {
    return this.map.has(term);
  }

  get termCount(): number {
    return this.map.size;
  }
}
