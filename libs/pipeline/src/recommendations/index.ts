export { distinctiveRenameDraft, renameDraft, serverSlug, MAX_TOOL_NAME_LENGTH } from './rename';
export { descriptionDrafts, distinctiveTerms } from './describe';
export type { RecommendationDraft } from './recommendation-draft';
