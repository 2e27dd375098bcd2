import { z } from 'zod';
import { decimal, httpUrl, integer, oneOf } from './env.fields';

/**
 * The provider variables (embedder, router, their keys and resilience settings). Shared by the full
 * EnvSchema and by `loadProviderConfig`, which validates only these so the CLI needs no DATABASE_URL.
 */
export const providerFields = {
  EMBEDDER: oneOf(['local', 'openai', 'azure', 'openai-compatible']).default('local'),
  EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  // Needed for models whose size Toolgate does not know (Ollama, vLLM); for text-embedding-3-* it
  // shortens the vectors (the API's `dimensions` parameter).
  EMBEDDING_DIMENSIONS: integer(1, 16_384).optional(),
  ROUTER: oneOf(['local', 'openai', 'anthropic']).default('local'),
  ROUTER_MODEL: z.string().optional(),
  ROUTER_TEMPERATURE: decimal(0, 2).default(0),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: httpUrl().optional(),
  AZURE_OPENAI_ENDPOINT: httpUrl().optional(),
  AZURE_OPENAI_API_KEY: z.string().optional(),
  AZURE_OPENAI_DEPLOYMENT: z.string().optional(),
  AZURE_OPENAI_API_VERSION: z.string().default('2024-10-21'),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: httpUrl().optional(),
  // Per attempt; the SDKs retry 429/5xx/timeouts up to PROVIDER_MAX_RETRIES times, honouring Retry-After.
  PROVIDER_TIMEOUT_MS: integer(100, 600_000).default(30_000),
  PROVIDER_MAX_RETRIES: integer(0, 10).default(2),
  // One breaker per dependency: it opens after this many consecutive failed calls (retries exhausted)...
  BREAKER_FAILURE_THRESHOLD: integer(1, 1000).default(5),
  // ...and lets one trial call through after this long (half-open).
  BREAKER_RESET_MS: integer(100, 3_600_000).default(30_000),
  // Remote provider calls (embedding batches, router calls, probe and recommendation prompts) in flight
  // at once per process, whatever the pipeline's own parallelism: the provider's rate limits are per key.
  PROVIDER_MAX_CONCURRENCY: integer(1, 256).default(4),
  // Who writes stage 4's probes: local templates, or the router's model (needs ROUTER=openai|anthropic).
  PROBE_GENERATOR: oneOf(['local', 'llm']).default('local'),
  // Also ask the router's model for recommendation drafts (verified like the rule-based ones).
  LLM_RECOMMENDATIONS: oneOf(['true', 'false']).default('false').transform((v) => v === 'true'),
};

/** The variable names `loadProviderConfig` validates. */
export const PROVIDER_VARIABLES: readonly string[] = Object.keys(providerFields);

export const DEFAULT_ROUTER_MODEL: Record<string, string | undefined> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-latest',
  local: undefined,
};
