/** CPU time of a process (user + system), from /proc: a load figure that other processes' noise does not inflate. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

let ticksPerSecond: number | undefined;

/** Milliseconds of CPU the process `pid` has used so far (Linux). */
export function processCpuMs(pid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at state: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/**
 * CPU of a process and its live children (an API run with API_PROCESSES > 1 is a node:cluster primary that
 * does no work itself, plus one child per process).
 */
export function processTreeCpuMs(pid: number): number {
  let children: number[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    // pgrep exits 1 when the process has no children.
  }
  let total = processCpuMs(pid);
  for (const child of children) {
    try {
      total += processCpuMs(child);
    } catch {
      // Exited between the listing and the read.
    }
  }
  return total;
}

/** The 1-minute load average, to say how busy the shared machine was during a run. */
export function loadAverage(): number {
  return Math.round(loadavg()[0]! * 10) / 10;
}
