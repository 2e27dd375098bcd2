/** Reads the public data in ../shared/data (a sibling of the repo root) for benchmarks. */
import * as fs from 'node:fs';
import * as path from 'node:path';
// Direct imports, not @toolgate/pipeline: benchmarks should not break while other stages are mid-change.
import { makeTool, ToolDefinitionSchema, type Tool } from '../../libs/pipeline/src/model';

export const DATA_DIR = path.resolve(__dirname, '../../../shared/data');

/** Every tool of every server file in shared/data/registry. */
export function loadRegistryTools(dir = path.join(DATA_DIR, 'registry')): Tool[] {
  const tools: Tool[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.json') || file.startsWith('_')) continue;
    const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { server: string; tools: unknown[] };
    for (const raw of doc.tools) tools.push(makeTool(doc.server, ToolDefinitionSchema.parse(raw)));
  }
  return tools;
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
