import cluster, { type Worker } from 'node:cluster';

/**
 * Runs the API in `processes` Node processes sharing one port (node:cluster: the primary accepts and hands
 * connections to the workers round-robin). The API is CPU-bound on the CI gate (each check runs the
 * pipeline against the environment's in-memory index), so one process uses one core; this is how a single
 * host uses its other cores without a separate load balancer. Each process keeps its own caches (registry
 * index, verified API keys); shared state (idempotency keys, login throttling, queues) lives in Redis.
 *
 * The primary runs no application code. It restarts a process that dies unexpectedly (at most
 * `MAX_RESTARTS_PER_MINUTE`, then it exits 1 so the orchestrator sees the failure), and on SIGTERM/SIGINT
 * forwards the signal, waits for every process to finish its graceful shutdown, and exits 0.
 */
const MAX_RESTARTS_PER_MINUTE = 5;
const SHUTDOWN_GRACE_MS = 30_000;

export function runPrimary(processes: number, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  let stopping = false;
  let stopExitCode = 0;
  const restarts: number[] = [];
  const startedAt = Date.now();

  const fork = (): Worker => cluster.fork();
  for (let i = 0; i < processes; i++) fork();

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(stopExitCode);
      return;
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && restarts[0]! < now - 60_000) restarts.shift();
    if (code === 1 && now - startedAt < 10_000) {
      // A process that fails at start-up (bad config, database down) fails the same way again: stop.
      log(`API process ${worker.process.pid} failed to start (exit 1): stopping`);
      stopAll('SIGTERM', 1);
      return;
    }
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      log(`API processes died ${restarts.length} times within a minute: stopping`);
      stopAll('SIGTERM', 1);
      return;
    }
    log(`API process ${worker.process.pid} exited (${signal ?? `code ${code}`}): starting another`);
    fork();
  });

  const stopAll = (signal: NodeJS.Signals, exitCode: number): void => {
    stopping = true;
    stopExitCode = exitCode;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (workers.length === 0) process.exit(exitCode);
    for (const worker of workers) worker.process.kill(signal);
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(exitCode === 0 ? 1 : exitCode);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stopAll(signal, 0));
}

export const isClusterPrimary = (): boolean => cluster.isPrimary;
