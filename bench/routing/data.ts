/** Reads the public data in ../shared/data (a sibling of the repo root) for benchmarks. */
import * as fs from 'node:fs';
import * as path from 'node:path';
// Direct imports, not @toolgate/pipeline: benchmarks should not break while other stages are mid-change.
import type { Tool } from '../../libs/pipeline/src/model';
import { loadToolDir } from '../../libs/pipeline/src/semantic/registry.fixtures';

export const DATA_DIR = path.resolve(__dirname, '../../../shared/data');

/** Every tool of every server file in shared/data/registry. */
export function loadRegistryTools(dir = path.join(DATA_DIR, 'registry')): Tool[] {
  return loadToolDir(dir);
}

export interface RoutingItem {
  id: string;
  subset: string;
  query: string;
  candidates: { name: string; description: string; inputSchema?: Record<string, unknown> }[];
  expected_tools: string[];
}

export function loadRoutingItems(file: string): RoutingItem[] {
  return fs
    .readFileSync(path.join(DATA_DIR, 'routing', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as RoutingItem);
}
