/**
 * Waits for `promise` at most `ms` milliseconds, never rejecting. Shutdown steps use it: with
 * `maxRetriesPerRequest: null` a Redis command waits through an outage, and a SIGTERM must not.
 * Returns false when the time ran out or the promise rejected.
 */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = promise.then(
    () => true,
    () => false,
  );
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}
