/** The part of an ioredis client this watches (this lib may not import ioredis). */
export interface ConnectionEvents {
  on(event: 'error' | 'ready', listener: (error: Error) => void): unknown;
}

export interface OutageLogger {
  warn(message: string): void;
  log(message: string): void;
}

/**
 * Logs a Redis client's outages as transitions, not per retry: ioredis emits an error for every reconnect
 * attempt, so one warning when the connection is lost and one line when it is back. Returns the last
 * error seen, for readiness messages.
 */
export function watchRedisOutages(client: ConnectionEvents, logger: OutageLogger): { lastError(): string | undefined } {
  let reportedDown = false;
  let lastError: string | undefined;
  client.on('error', (error: Error) => {
    lastError = error.message;
    if (reportedDown) return;
    reportedDown = true;
    logger.warn(`Redis unavailable: ${error.message}; retrying in the background`);
  });
  client.on('ready', () => {
    if (reportedDown) logger.log('Redis connection restored');
    reportedDown = false;
  });
  return { lastError: () => lastError };
}
