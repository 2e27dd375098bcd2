/** One bounded autocannon run against the loopback API, reduced to the figures the results table shows. */
import autocannon from 'autocannon';
import { loadAverage, processTreeCpuMs } from './process-cpu';

export interface LoadResult {
  connections: number;
  durationS: number;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Status code → count, for the non-2xx that were expected (the CI gate's 409) or not. */
  statusCodes: Record<string, number>;
  /** API CPU time (user + system) per answered request, when `cpuPid` was given: unaffected by other processes' load. */
  cpuMsPerRequest?: number;
  /** The machine's 1-minute load average at the end of the run (2 cores: above 2 means others were queueing for CPU). */
  loadAverage: number;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Several request shapes, taken in turn (e.g. different CI bodies or cursor pages). */
  requests?: { method?: 'GET' | 'POST'; path?: string; body?: string }[];
  connections: number;
  durationS: number;
  /** The API's pid: measure its CPU time over the run. */
  cpuPid?: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const cpuBefore = options.cpuPid ? processTreeCpuMs(options.cpuPid) : 0;
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    requests: options.requests,
    connections: options.connections,
    duration: options.durationS,
    timeout: 30,
  });
  const statusCodes: Record<string, number> = {};
  const stats = result.statusCodeStats as unknown as Record<string, { count: number }> | undefined;
  for (const [code, value] of Object.entries(stats ?? {})) statusCodes[code] = value.count;
  return {
    connections: options.connections,
    durationS: options.durationS,
    requests: result.requests.total,
    reqPerSec: Math.round(result.requests.average * 10) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    ...(options.cpuPid && result.requests.total > 0 ? { cpuMsPerRequest: Math.round(((processTreeCpuMs(options.cpuPid) - cpuBefore) / result.requests.total) * 100) / 100 } : {}),
    loadAverage: loadAverage(),
  };
}
