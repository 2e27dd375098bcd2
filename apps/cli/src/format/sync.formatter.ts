import type { McpServerInfo, McpToolDefinition } from '@toolgate/mcp';
import { diffDefinitions, renderDefinitionDiff, type Tool, type ToolListDiff } from '@toolgate/pipeline';
import type { CheckResult, FormatOptions } from './check-result';
import { toJsonDocument } from './json.formatter';
import { formatTable } from './table.formatter';
import { clean, truncate } from './text';

type RegistryEntry = { name: string; contentHash: string; tool: Tool };

/** Everything `toolgate sync` shows: the listing, and with --against the diff and the conflict check. */
export interface SyncResult {
  serverInfo: McpServerInfo;
  /** `streamable_http:http://host/mcp`, `stdio:node`, `file:tools.json` */
  source: string;
  tools: McpToolDefinition[];
  diff?: ToolListDiff<RegistryEntry, McpToolDefinition> & { server: string; registryTools: number };
  check?: CheckResult;
}

const paint = (on: boolean, code: number, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** Registry text is hostile by assumption: every line is cleaned of control characters, indentation kept. */
function cleanBlock(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => `${indent}${line.match(/^ */)![0]}${clean(line)}`)
    .join('\n');
}

export function formatSyncTable(result: SyncResult, options: FormatOptions): string {
  const { serverInfo: info, color } = { ...result, color: options.color };
  const lines: string[] = [];
  const version = info.version ? ` ${clean(info.version)}` : '';
  lines.push(`server    ${clean(info.name) || '(unnamed)'}${version}${info.protocolVersion ? ` · protocol ${info.protocolVersion}` : ''} · ${clean(result.source)}`);
  const capabilities = Object.keys(info.capabilities);
  if (capabilities.length > 0) lines.push(`features  ${capabilities.join(', ')}`);
  if (info.instructions) lines.push(`instructions  ${truncate(clean(info.instructions), 160)}`);
  lines.push(`${result.tools.length} tools`);
  if (!result.diff) {
    for (const tool of result.tools) lines.push(`  ${clean(tool.name)}  ${truncate(clean(tool.description ?? ''), 100)}`);
    return `${lines.join('\n')}\n`;
  }
  const { diff } = result;
  lines.push('', `against registry server "${clean(diff.server)}" (${diff.registryTools} tools)`);
  if (diff.added.length) {
    lines.push(paint(color, 32, `ADDED (${diff.added.length})`));
    for (const a of diff.added) lines.push(`  + ${clean(a.definition.name)}  ${truncate(clean(a.definition.description ?? ''), 100)}`);
  }
  if (diff.changed.length) {
    lines.push(paint(color, 33, `CHANGED (${diff.changed.length})`));
    for (const c of diff.changed) {
      lines.push(`  ~ ${clean(c.name)}`, cleanBlock(renderDefinitionDiff(diffDefinitions(c.registry.tool.definition, c.live.definition)), '      '));
    }
  }
  if (diff.removed.length) {
    lines.push(paint(color, 31, `REMOVED (${diff.removed.length})`));
    for (const r of diff.removed) lines.push(`  - ${clean(r.name)}`);
  }
  if (diff.unchanged.length) lines.push(`UNCHANGED (${diff.unchanged.length})`, `  ${diff.unchanged.map((u) => clean(u.name)).join(', ')}`);
  lines.push(`${diff.added.length} added · ${diff.changed.length} changed · ${diff.removed.length} removed · ${diff.unchanged.length} unchanged`);
  if (result.check) lines.push('', `conflict check of the added and changed tools against the registry:`, formatTable(result.check, options).trimEnd());
  return `${lines.join('\n')}\n`;
}

/** The JSON shape of `toolgate sync --format json` (docs/cli.md): fields may be added, never renamed or removed. */
export function formatSyncJson(result: SyncResult): string {
  const { diff } = result;
  const document = {
    server: result.serverInfo,
    source: result.source,
    tools: result.tools,
    ...(diff
      ? {
          diff: {
            server: diff.server,
            added: diff.added.map((a) => ({ name: a.definition.name, contentHash: a.contentHash })),
            changed: diff.changed.map((c) => {
              const definitionDiff = diffDefinitions(c.registry.tool.definition, c.live.definition);
              return { name: c.name, previousHash: c.registry.contentHash, contentHash: c.live.contentHash, diff: definitionDiff, text: renderDefinitionDiff(definitionDiff) };
            }),
            removed: diff.removed.map((r) => ({ name: r.name, contentHash: r.contentHash })),
            unchanged: diff.unchanged.map((u) => ({ name: u.name, contentHash: u.live.contentHash })),
          },
        }
      : {}),
    ...(result.check ? { check: toJsonDocument(result.check) } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
