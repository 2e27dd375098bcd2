/**
 * Test-only: the public data in ../shared/data (a sibling of the repo root), read from there and
 * never copied into the repository. Not exported from the library. It lives here rather than in
 * libs/testing because libs/testing depends on this library (a circular project dependency).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTool, type Tool, ToolDefinitionSchema } from '../model';

export const SHARED_DATA_DIR = path.resolve(__dirname, '../../../../../shared/data');

/** Every tool of a folder of `{ server, tools }` files (skipping `_index.json` and the like), in file order. */
export function loadToolDir(dir: string): Tool[] {
  const tools: Tool[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.json') || file.startsWith('_')) continue;
    const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { server: string; tools: unknown[] };
    for (const raw of doc.tools) tools.push(makeTool(doc.server, ToolDefinitionSchema.parse(raw)));
  }
  return tools;
}

let cached: Tool[] | undefined;

/** The 644 real MCP tools of shared/data/registry, read once per process. */
export function realRegistryTools(): Tool[] {
  cached ??= loadToolDir(path.join(SHARED_DATA_DIR, 'registry'));
  return cached;
}

export function realTool(key: string): Tool {
  const tool = realRegistryTools().find((t) => t.key === key);
  if (!tool) throw new Error(`no real tool ${key}`);
  return tool;
}
