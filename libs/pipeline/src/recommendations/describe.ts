import { nameTokens, stem, STOPWORDS } from '../text';
import type { Tool } from '../model/tool';
import type { RecommendationDraft } from './recommendation-draft';
import { serverSlug } from './rename';

/** Words that say nothing about scope, even when only one tool uses them. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'across within between among using based about above below after before over under without through per upon whether either both many much very such same like'.split(' '),
);

/** Distinctive terms named in a rewritten description. More reads as keyword stuffing. */
const MAX_TERMS = 4;

/**
 * Description rewrites that state what sets `tool` apart from `other`:
 * - a scope statement built from the tool's own distinctive terms and its server;
 * - a contrastive statement that also names what the tool is not for.
 * Both are verified by re-running the pair: with bag-of-words embedders a contrastive sentence can
 * raise similarity (it mentions the other tool's terms), and then it is dropped.
 */
export function descriptionDrafts(tool: Tool, other: Tool): RecommendationDraft[] {
  const own = distinctiveTerms(tool, other);
  const theirs = distinctiveTerms(other, tool);
  const system = serverSlug(tool.server).replace(/_/g, ' ') || tool.server;
  const otherSystem = serverSlug(other.server).replace(/_/g, ' ') || other.server;
  const base = tool.definition.description.trim().replace(/\s+$/, '');
  const sep = base === '' || /[.!?]$/.test(base) ? ' ' : '. ';
  const drafts: RecommendationDraft[] = [];
  const scope = `Scope: ${system}${own.length ? ` (${own.join(', ')})` : ''}.`;
  drafts.push({
    kind: 'description',
    rationale: `State the tool's scope (${system}${own.length ? `: ${own.join(', ')}` : ''}) so a model can tell it from ${other.server}/${other.definition.name}.`,
    after: { description: `${base}${sep}${scope}`.trim() },
  });
  if (system !== otherSystem || theirs.length > 0) {
    const contrast = `Not for ${otherSystem}${theirs.length ? ` (${theirs.join(', ')})` : ''}.`;
    drafts.push({
      kind: 'scope',
      rationale: `Narrow the scope explicitly: say what the tool does not cover (${otherSystem}), which is what ${other.server}/${other.definition.name} handles.`,
      after: { description: `${base}${sep}${scope} ${contrast}`.trim() },
    });
  }
  return drafts;
}

/**
 * Words of `tool`'s name and description that `other` never uses (compared by stem), most frequent
 * first. Description words are kept whole (`GitHub`, not `git` + `hub`): they are shown to people.
 */
export function distinctiveTerms(tool: Tool, other: Tool): string[] {
  const otherStems = new Set([...words(`${other.definition.description} ${other.server}`), ...nameTokens(other.definition.name)].map(stem));
  const counts = new Map<string, number>();
  const own = [...nameTokens(tool.definition.name), ...nameTokens(tool.definition.name), ...words(tool.definition.description)];
  for (const term of own) {
    if (term.length < 3 || /\d/.test(term) || STOPWORDS.has(term) || FUNCTION_WORDS.has(term) || otherStems.has(stem(term))) continue;
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, MAX_TERMS)
    .map(([term]) => term);
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}
