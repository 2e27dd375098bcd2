/** What the numbers were measured on: CPU, memory, Node, and the git commit. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  commit: string;
  date: string;
}

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export function machineInfo(repo: string): MachineInfo {
  const cpus = os.cpus();
  const head = git(['rev-parse', '--short=12', 'HEAD'], repo) || 'unknown';
  const dirty = git(['status', '--porcelain', '--untracked-files=no'], repo) ? ' (with uncommitted changes)' : '';
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit: `${head}${dirty}`,
    date: new Date().toISOString(),
  };
}
