import { setTimeout as sleep } from 'node:timers/promises';
import type { AnalysisRunRecord, AnalysisRunRepository } from '@toolgate/db';

/** The longest `Prefer: wait` the API honours (seconds): a request is not held open longer than this. */
export const MAX_PREFER_WAIT_SECONDS = 30;

// Polling steps: quick at first (a small registration is analysed in tens of milliseconds), then at most 4 reads a second.
const FIRST_POLL_MS = 25;
const MAX_POLL_MS = 250;

/**
 * Waits up to `timeoutMs` for the run to finish (COMPLETED or FAILED) and returns it; undefined when it is still
 * QUEUED or RUNNING at the deadline. The run row is what the worker commits together with the tools' statuses
 * and conflicts, so once it reads COMPLETED every result the caller reloads is there (a job's own completion
 * event in Redis could arrive before a retry or without the row).
 */
export async function waitForRun(runs: AnalysisRunRepository, organisationId: string, runId: string, timeoutMs: number): Promise<AnalysisRunRecord | undefined> {
  const deadline = Date.now() + timeoutMs;
  let pause = FIRST_POLL_MS;
  for (;;) {
    const run = await runs.findById(organisationId, runId);
    if (run && (run.status === 'COMPLETED' || run.status === 'FAILED')) return run;
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    await sleep(Math.min(pause, left));
    pause = Math.min(pause * 2, MAX_POLL_MS);
  }
}

/**
 * RFC 7240 preferences of a registration: `wait=<seconds>` (bounded by {@link MAX_PREFER_WAIT_SECONDS}) asks the
 * API to wait for the analysis; `respond-async` (or no preference) answers 202 at once. Returns milliseconds to wait.
 */
export function preferredWaitMs(prefer: string | undefined): number {
  if (!prefer) return 0;
  const match = /(?:^|[,;\s])wait\s*=\s*"?(\d+)"?/i.exec(prefer);
  if (!match) return 0;
  return Math.min(Number(match[1]), MAX_PREFER_WAIT_SECONDS) * 1000;
}
