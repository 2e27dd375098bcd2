import type { RouterCandidate } from '@toolgate/pipeline';

/** The providers' rule for tool names (OpenAI functions and Anthropic tools alike). */
export const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX = 64;

/**
 * Safe, unique tool names for a candidate set, and the way back. A name that already satisfies
 * the rule is sent as is (the model sees what an agent would); others have every other character
 * replaced by `_` and are cut to 64. Duplicates (the same tool name on two servers) get `_2`, `_3`.
 */
export class ToolAliases {
  private readonly byAlias = new Map<string, RouterCandidate>();
  private readonly byId = new Map<string, string>();

  constructor(candidates: readonly RouterCandidate[]) {
    for (const candidate of candidates) {
      const base = sanitise(candidate.name);
      let alias = base;
      for (let n = 2; this.byAlias.has(alias); n++) {
        const suffix = `_${n}`;
        alias = `${base.slice(0, MAX - suffix.length)}${suffix}`;
      }
      this.byAlias.set(alias, candidate);
      this.byId.set(candidate.id, alias);
    }
  }

  aliasOf(id: string): string {
    const alias = this.byId.get(id);
    if (alias === undefined) throw new Error(`no alias for candidate ${id}`);
    return alias;
  }

  /** The candidate a tool name from the model stands for, or undefined for a name we never sent. */
  candidateOf(alias: string): RouterCandidate | undefined {
    return this.byAlias.get(alias);
  }
}

function sanitise(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, MAX);
  return cleaned.length > 0 ? cleaned : 'tool';
}
