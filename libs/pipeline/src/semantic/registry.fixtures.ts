/**
 * Test-only: the 644 real MCP tools of ../shared/data/registry (a sibling of the repo root), read
 * from there and never copied into the repository. Not exported from the library.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTool, type Tool, ToolDefinitionSchema } from '../model';

const REGISTRY_DIR = path.resolve(__dirname, '../../../../../shared/data/registry');

let cached: Tool[] | undefined;

export function realRegistryTools(): Tool[] {
  if (cached) return cached;
  const tools: Tool[] = [];
  for (const file of fs.readdirSync(REGISTRY_DIR).sort()) {
    if (!file.endsWith('.json') || file.startsWith('_')) continue;
    const doc = JSON.parse(fs.readFileSync(path.join(REGISTRY_DIR, file), 'utf8')) as { server: string; tools: unknown[] };
    for (const raw of doc.tools) tools.push(makeTool(doc.server, ToolDefinitionSchema.parse(raw)));
  }
  cached = tools;
  return tools;
}

export function realTool(key: string): Tool {
  const tool = realRegistryTools().find((t) => t.key === key);
  if (!tool) throw new Error(`no real tool ${key}`);
  return tool;
}
