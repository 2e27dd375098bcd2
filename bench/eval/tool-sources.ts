/**
 * Loads the tool sets the labelled pairs refer to, read at run time: examples/ from the repo, and the
 * public registry and attack servers from ../shared/data (a sibling of the repo root, never copied in).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseToolDocument, type Tool } from '@toolgate/pipeline';

const REPO = path.resolve(__dirname, '..', '..');
const SHARED = path.resolve(REPO, '..', 'shared', 'data');

export const SOURCE_DIRS = {
  examples: path.join(REPO, 'examples'),
  registry: path.join(SHARED, 'registry'),
  attacks: path.join(SHARED, 'attacks', 'registry'),
} as const;
export type SourceName = keyof typeof SOURCE_DIRS;

/** Reads every `*.json` of a folder (not `_index.json`) through the pipeline's own parser. */
export function loadToolDir(dir: string): Tool[] {
  if (!existsSync(dir)) throw new Error(`missing tool folder ${dir}`);
  const tools: Tool[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('_')).sort()) {
    const full = path.join(dir, file);
    const parsed = parseToolDocument(JSON.parse(readFileSync(full, 'utf8')), { file: full, defaultServer: file.replace(/\.json$/, '') });
    if (parsed.errors.length > 0) throw new Error(`${full}: ${parsed.errors.map((e) => e.message).join('; ')}`);
    tools.push(...parsed.tools);
  }
  return tools;
}

/** All three sources. Server names must not repeat across sources, or refs would be ambiguous. */
export function loadSources(): { tools: Tool[]; bySource: Map<SourceName, Tool[]> } {
  const bySource = new Map<SourceName, Tool[]>();
  const owner = new Map<string, SourceName>();
  for (const source of Object.keys(SOURCE_DIRS) as SourceName[]) {
    const tools = loadToolDir(SOURCE_DIRS[source]);
    for (const tool of tools) {
      const previous = owner.get(tool.server);
      if (previous && previous !== source) throw new Error(`server ${tool.server} is in both ${previous} and ${source}`);
      owner.set(tool.server, source);
    }
    bySource.set(source, tools);
  }
  return { tools: [...bySource.values()].flat(), bySource };
}

/** `examples:github/get_issue` → its source and tool key (`github/get_issue`). */
export function parseRef(ref: string): { source: SourceName; key: string } {
  const match = /^(examples|registry|attacks):(.+)$/.exec(ref);
  if (!match) throw new Error(`bad ref ${ref}: expected <examples|registry|attacks>:<server>/<tool>`);
  return { source: match[1] as SourceName, key: match[2] };
}
