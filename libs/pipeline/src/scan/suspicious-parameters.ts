import type { Severity } from '../model';

/**
 * Parameters that ask the model for its own context rather than for user data. MCPSecBench's `times` tool
 * adds an untyped required `tools_list`; Invariant's poisoning demo adds a `sidenote` for stolen files.
 * Tool lists and side notes: HIGH (no legitimate tool needs the agent's tool list). Prompt/history
 * parameters: MEDIUM (LLM-wrapping tools legitimately take a system prompt).
 */
const RULES: readonly { pattern: RegExp; severity: Severity; why: string }[] = [
  { pattern: /^(?:tools?_?list|list_?of_?tools|available_?tools|all_?tools|tool_?names|side_?note|sidenote)$/i, severity: 'HIGH', why: "asks the model for its tool list or a covert side channel" },
  { pattern: /^(?:system_?prompt|conversation(?:_?history)?|chat_?history|previous_?messages|context_?window|memory_?dump)$/i, severity: 'MEDIUM', why: "asks the model for its prompt or conversation" },
];

export function suspiciousParameter(name: string): { severity: Severity; why: string } | undefined {
  const rule = RULES.find((r) => r.pattern.test(name));
  return rule ? { severity: rule.severity, why: rule.why } : undefined;
}
