import { makeTool, type Tool, type ToolDefinition, type ToolFinding } from '../model';
import { scanTool, type ScanOptions } from './scan-tool';

/** A tool with the given description (and optional extra definition fields), for scan specs. */
export function toolWith(description: string, extra: Partial<ToolDefinition> = {}, name = 'do_thing', server = 'srv'): Tool {
  return makeTool(server, { name, description, inputSchema: { type: 'object', properties: {} }, ...extra });
}

/** `type/rule:SEVERITY` of every finding, sorted, so specs read as a list of expectations. */
export function summary(tool: Tool, options?: ScanOptions): string[] {
  return scanTool(tool, options)
    .map((f: ToolFinding) => `${f.type}/${String(f.evidence.rule)}:${f.severity}`)
    .sort();
}
