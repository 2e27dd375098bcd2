/**
 * A Map that forgets its least recently used entries beyond `max`: the in-process caches live as long as
 * a long-running process (the API, a worker without Postgres caches), so they must not grow without end.
 */
export class BoundedMap<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Re-inserted: Map iteration order is insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Entries an in-process provider cache keeps (router answers are ~100 bytes, probe and draft sets ~1 kB). */
export const MEMORY_CACHE_ENTRIES = 20_000;
