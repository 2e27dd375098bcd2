import type { Severity, ToolFinding } from '../model';
import { deconfuse } from '../lexical';
import { TOOL_NAME_MAX_LENGTH, TOOL_NAME_PATTERN, TOOL_NAME_PORTABLE_MAX_LENGTH } from './thresholds';

/**
 * SEP-986 tool-name rules (MCP spec 2025-11-25): 1–128 characters of `[A-Za-z0-9_.-]`.
 * - characters outside the set that imitate Latin letters (Cyrillic а, fullwidth): HIGH, an impersonation risk;
 * - other characters outside the set (spaces, `/`, CJK): MEDIUM, clients may reject or rewrite the name;
 * - over 128 characters: MEDIUM (spec); 65–128: LOW (SEP draft and OpenAI-style clients cap at 64).
 */
export function toolNameFindings(server: string, name: string): ToolFinding[] {
  const out: ToolFinding[] = [];
  const finding = (severity: Severity, rule: string, message: string, extra: Record<string, unknown> = {}): ToolFinding => ({
    server,
    tool: name,
    type: 'invalid-tool-name',
    severity,
    evidence: { rule, message, name, pointer: '/name', ...extra },
  });
  const length = [...name].length;
  if (length > TOOL_NAME_MAX_LENGTH) {
    out.push(finding('MEDIUM', 'length', `name is ${length} characters; SEP-986 allows at most ${TOOL_NAME_MAX_LENGTH}`, { length }));
  } else if (length > TOOL_NAME_PORTABLE_MAX_LENGTH) {
    out.push(finding('LOW', 'portable-length', `name is ${length} characters; many clients cap function names at ${TOOL_NAME_PORTABLE_MAX_LENGTH}`, { length }));
  }
  if (!TOOL_NAME_PATTERN.test(name)) {
    const invalid = [...new Set([...name].filter((ch) => !TOOL_NAME_PATTERN.test(ch)))];
    const lookalike = invalid.some((ch) => /^[A-Za-z]$/.test(deconfuse(ch)));
    const invalidChars = invalid.map((ch) => ({ char: ch, codePoint: `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` }));
    out.push(
      lookalike
        ? finding('HIGH', 'lookalike-characters', 'name uses non-ASCII letters that look like Latin ones', { invalidChars, looksLike: deconfuse(name) })
        : finding('MEDIUM', 'charset', 'name has characters outside [A-Za-z0-9_.-]', { invalidChars }),
    );
  }
  return out;
}
