import type { RecommendationKind } from '../model/finding';
import type { ToolDefinition } from '../model/tool';

/** An unverified patch: the fields of one tool's definition to replace. */
export interface RecommendationDraft {
  kind: RecommendationKind;
  rationale: string;
  after: Partial<ToolDefinition>;
  /** Who proposed it. Default `rules`; `llm` drafts come from a Recommender and are verified the same way. */
  source?: 'rules' | 'llm';
}
