/**
 * An async readers-writer lock with writer preference: any number of readers hold it together; a
 * writer waits for the readers in progress, and readers that arrive while a writer waits queue behind
 * it (so a steady stream of reads cannot starve a refresh). A failing task releases the lock.
 */
export class ReadWriteLock {
  private readers = 0;
  private writing = false;
  private readonly waiting: { write: boolean; start: () => void }[] = [];

  async read<T>(task: () => T | Promise<T>): Promise<T> {
    if (this.writing || this.waiting.length > 0) await this.enqueue(false);
    else this.readers++;
    try {
      return await task();
    } finally {
      this.readers--;
      this.next();
    }
  }

  async write<T>(task: () => T | Promise<T>): Promise<T> {
    if (this.writing || this.readers > 0 || this.waiting.length > 0) await this.enqueue(true);
    else this.writing = true;
    try {
      return await task();
    } finally {
      this.writing = false;
      this.next();
    }
  }

  private enqueue(write: boolean): Promise<void> {
    return new Promise((resolve) => this.waiting.push({ write, start: resolve }));
  }

  /** Admits the next writer alone, or every reader up to the next waiting writer. */
  private next(): void {
    if (this.writing || this.waiting.length === 0) return;
    if (this.waiting[0].write) {
      if (this.readers > 0) return;
      this.writing = true;
      this.waiting.shift()!.start();
      return;
    }
    while (this.waiting.length > 0 && !this.waiting[0].write) {
      this.readers++;
      this.waiting.shift()!.start();
    }
  }
}
