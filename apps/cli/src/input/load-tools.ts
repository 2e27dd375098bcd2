import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseToolDocument, type Tool } from '@toolgate/pipeline';
import { locatePointers } from './json-locate';
import { parseJsonText } from './json-text';
import { displayPath, findToolFiles } from './tool-files';

/**
 * A problem with one input file or one tool in it. `pointer` is a JSON pointer into the file
 * (`/tools/3/inputSchema`); `line`/`column` are set for JSON syntax errors.
 */
export interface CliInputError {
  file: string;
  tool?: string;
  pointer: string;
  message: string;
  line?: number;
  column?: number;
}

export interface LoadedTools {
  tools: Tool[];
  files: string[];
  errors: CliInputError[];
  /** Line where each tool (by key) starts in its file (with `locate`). */
  lines: Map<string, number>;
}

/**
 * Reads every tool file under `paths`. A broken file or tool is reported and the rest still load:
 * the caller analyses what loaded and exits 2 afterwards (nothing is skipped silently).
 */
export function loadTools(paths: readonly string[], cwd: string, options: { locate?: boolean } = {}): LoadedTools {
  const files = findToolFiles(paths, cwd);
  const tools: Tool[] = [];
  const errors: CliInputError[] = [];
  const firstSeen = new Map<string, Tool>();
  const lines = new Map<string, number>();
  for (const absolute of files) {
    const file = displayPath(absolute, cwd);
    const text = readText(absolute);
    if (typeof text !== 'string') {
      errors.push({ file, pointer: '', message: `cannot read file: ${text.message}` });
      continue;
    }
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      errors.push({ file, pointer: '', message: `invalid JSON: ${parsed.message}`, line: parsed.line, column: parsed.column });
      continue;
    }
    const defaultServer = path.basename(absolute, path.extname(absolute));
    const document = parseToolDocument(parsed.value, { file, defaultServer });
    errors.push(...document.errors);
    // Line numbers cost a second pass over the text: only SARIF shows them.
    const found = options.locate ? locatePointers(text, new Set(document.tools.map((t) => t.source?.pointer ?? ''))) : undefined;
    for (const tool of document.tools) {
      const earlier = firstSeen.get(tool.key);
      if (earlier) {
        // Two definitions under one key would make every finding about it ambiguous.
        errors.push({
          file,
          tool: tool.definition.name,
          pointer: tool.source?.pointer ?? '',
          message: `duplicate tool ${tool.key} (first defined in ${earlier.source?.file ?? '?'} at ${earlier.source?.pointer ?? '?'}); this one is ignored`,
        });
        continue;
      }
      firstSeen.set(tool.key, tool);
      tools.push(tool);
      const line = found?.get(tool.source?.pointer ?? '');
      if (line !== undefined) lines.set(tool.key, line);
    }
  }
  return { tools, files, errors, lines };
}

function readText(file: string): string | Error {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** One line per error, naming the file, the tool and where in the file: `file:3:7 tool "x" at /tools/0: msg`. */
export function describeInputError(error: CliInputError): string {
  const where = error.line !== undefined ? `${error.file}:${error.line}:${error.column ?? 1}` : error.file;
  const tool = error.tool !== undefined ? ` tool "${error.tool}"` : '';
  const pointer = error.pointer ? ` at ${error.pointer}` : '';
  // Schema messages often start with the same pointer ("/tools/0/name: must be ..."): say it once.
  const message = error.pointer && error.message.startsWith(`${error.pointer}: `) ? error.message.slice(error.pointer.length + 2) : error.message;
  return `${where}${tool}${pointer}: ${message}`;
}
