import type { JsonSchema, RouteDecision, RouterCandidate } from '@toolgate/pipeline';
import type { ToolAliases } from './tool-aliases';

/** What the agent is told: pick one tool, or none. Sent as the system prompt to every router model. */
export const ROUTER_INSTRUCTIONS =
  'You are an assistant with access to the tools below. If one of them serves the user request, call exactly one tool. ' +
  'If none fits, answer without calling a tool.';

/** The candidate's input schema as the providers require it: a JSON Schema object (`type: object`). */
export function parametersOf(candidate: RouterCandidate): JsonSchema {
  const schema = candidate.inputSchema;
  if (schema && typeof schema === 'object' && schema.type === 'object') return schema;
  return { type: 'object', properties: {} };
}

/**
 * Turns the model's tool call (or its absence) into a decision. No call is "none"; a tool name we
 * never sent is also "none", with the reason, because an agent could not have run it.
 */
export function decisionFrom(aliases: ToolAliases, call: { name: string; argumentsError?: string } | undefined, text?: string): RouteDecision {
  if (!call) return { choice: null, ranking: [], reason: text ? `no tool called: ${oneLine(text)}` : 'no tool called' };
  const candidate = aliases.candidateOf(call.name);
  if (!candidate) return { choice: null, ranking: [], reason: `model called an unknown tool "${oneLine(call.name)}"` };
  const decision: RouteDecision = { choice: candidate.id, ranking: [{ id: candidate.id, score: 1 }] };
  // The selection is what routing measures; malformed arguments are worth knowing but do not undo it.
  if (call.argumentsError) decision.reason = `tool chosen, but its arguments were malformed: ${call.argumentsError}`;
  return decision;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}...` : flat;
}
