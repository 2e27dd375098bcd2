import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../cli-io';

/**
 * Expands the paths given on the command line into JSON files: a file is taken as is (whatever its
 * extension: the user named it), a directory is walked recursively for `*.json`. Sorted, so two
 * runs over the same tree analyse tools in the same order.
 */
export function findToolFiles(paths: readonly string[], cwd: string): string[] {
  const seen = new Set<string>();
  const files: string[] = [];
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const stat = statOrUndefined(absolute);
    if (!stat) throw new UsageError(`${given}: no such file or directory`);
    if (stat.isDirectory()) walk(absolute).forEach(add);
    else add(absolute);
  }
  return files;
}

function walk(dir: string): string[] {
  const found: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    // Follow symlinks: a registry checked out with linked server folders is still a registry.
    const stat = entry.isSymbolicLink() ? statOrUndefined(full) : entry;
    if (stat?.isDirectory()) found.push(...walk(full));
    else if (stat?.isFile() && entry.name.toLowerCase().endsWith('.json')) found.push(full);
  }
  return found;
}

function statOrUndefined(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** The path as shown to people and written in SARIF: relative to cwd, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
  return shown.split(path.sep).join('/');
}
