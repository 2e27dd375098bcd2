/** The fields the cross-field rules look at (a structural subset of the environment, raw or parsed). */
export interface RuleInput {
  NODE_ENV?: string;
  JWT_SECRET?: string;
  JWT_PUBLIC_KEY?: string;
  JWKS_URL?: string;
  TOOLGATE_BOOTSTRAP_ADMIN_EMAIL?: string;
  TOOLGATE_BOOTSTRAP_ADMIN_PASSWORD?: string;
  EMBEDDER?: string;
  ROUTER?: string;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  AZURE_OPENAI_ENDPOINT?: string;
  AZURE_OPENAI_API_KEY?: string;
  AZURE_OPENAI_DEPLOYMENT?: string;
  ANTHROPIC_API_KEY?: string;
  PROBE_GENERATOR?: string;
  /** Raw `'true'` or parsed `true`. */
  LLM_RECOMMENDATIONS?: string | boolean;
}

/** One broken cross-field rule, reported on the variable that must be set. */
export interface RuleIssue {
  variable: string;
  message: string;
}

/**
 * Rules that involve more than one variable: a choice (EMBEDDER=azure, NODE_ENV=production)
 * makes other variables required. Works on the raw environment too (it only checks presence and
 * exact values), so the loader can report these alongside per-variable errors.
 */
export function crossFieldIssues(env: RuleInput): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const requireVar = (variable: keyof RuleInput, because: string) => {
    if (env[variable] === undefined) issues.push({ variable, message: `is required when ${because}` });
  };

  // Development may run without auth keys (the auth module refuses to sign tokens then); production may not.
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET && !env.JWT_PUBLIC_KEY && !env.JWKS_URL) {
    requireVar('JWT_SECRET', 'NODE_ENV=production and neither JWT_PUBLIC_KEY nor JWKS_URL is set');
  }

  if (env.TOOLGATE_BOOTSTRAP_ADMIN_EMAIL !== undefined) {
    requireVar('TOOLGATE_BOOTSTRAP_ADMIN_PASSWORD', 'TOOLGATE_BOOTSTRAP_ADMIN_EMAIL is set');
  }
  if (env.TOOLGATE_BOOTSTRAP_ADMIN_PASSWORD !== undefined) {
    requireVar('TOOLGATE_BOOTSTRAP_ADMIN_EMAIL', 'TOOLGATE_BOOTSTRAP_ADMIN_PASSWORD is set');
  }

  if (env.EMBEDDER === 'openai') requireVar('OPENAI_API_KEY', 'EMBEDDER=openai');
  if (env.ROUTER === 'openai' && env.EMBEDDER !== 'openai') requireVar('OPENAI_API_KEY', 'ROUTER=openai');
  // A self-hosted OpenAI-compatible server often needs no key, but it always needs an address.
  if (env.EMBEDDER === 'openai-compatible') requireVar('OPENAI_BASE_URL', 'EMBEDDER=openai-compatible');
  if (env.EMBEDDER === 'azure') {
    requireVar('AZURE_OPENAI_ENDPOINT', 'EMBEDDER=azure');
    requireVar('AZURE_OPENAI_API_KEY', 'EMBEDDER=azure');
    requireVar('AZURE_OPENAI_DEPLOYMENT', 'EMBEDDER=azure');
  }
  if (env.ROUTER === 'anthropic') requireVar('ANTHROPIC_API_KEY', 'ROUTER=anthropic');
  // The LLM probe and recommendation features use the router's model: with the local router they would
  // silently do nothing, so the choice is refused instead.
  const routerIsModel = env.ROUTER === 'openai' || env.ROUTER === 'anthropic';
  if (env.PROBE_GENERATOR === 'llm' && !routerIsModel) issues.push({ variable: 'ROUTER', message: 'must be openai or anthropic when PROBE_GENERATOR=llm' });
  if ((env.LLM_RECOMMENDATIONS === 'true' || env.LLM_RECOMMENDATIONS === true) && !routerIsModel) {
    issues.push({ variable: 'ROUTER', message: 'must be openai or anthropic when LLM_RECOMMENDATIONS=true' });
  }
  return issues;
}
