import { LocalEmbedder, LocalProbeGenerator, LocalRouter, type Embedder, type ProbeGenerator, type Router } from '@toolgate/pipeline';
import type { ProviderConfig } from '@toolgate/config';
import { AzureOpenAIEmbedder, OpenAIEmbedder } from './embedders/openai.embedder';
import type { BreakerState } from './resilience/provider-breaker';
import { AnthropicRouter } from './routers/anthropic.router';
import { OpenAIRouter } from './routers/openai.router';
import type { RemoteOptions } from './sdk-options';
import { UsageMeter } from './usage/usage-meter';
import { CachedEmbedder, type EmbeddingCacheStore } from './cache/cached.embedder';
import { CachedRouter, MemoryRouterCache, type RouterCacheStore } from './cache/cached.router';
import { MemoryProbeCache, type ProbeCacheStore } from './cache/probe-cache';
import { MemoryDraftCache, type DraftCacheStore } from './cache/draft-cache';
import { LlmProbeGenerator } from './llm/llm-probe-generator';
import { LlmRecommender } from './llm/llm-recommender';
import { ConcurrencyLimit } from './resilience/concurrency-limit';

/** The configured providers of one process or run. */
export interface Providers {
  embedder: Embedder;
  router: Router;
  /** Stage 4's probe source: local templates, or the router's model with PROBE_GENERATOR=llm. */
  probeGenerator: ProbeGenerator;
  /** LLM recommendation drafts (LLM_RECOMMENDATIONS=true with a remote router); undefined: rules only. */
  recommender?: LlmRecommender;
  /** The cap on remote calls in flight (PROVIDER_MAX_CONCURRENCY), shared by every remote provider here. */
  limit: ConcurrencyLimit;
  /** Tokens and estimated cost of every remote call, embedder and router together. */
  meter: UsageMeter;
  /** Which implementations are active (`local-hash-v1`, `openai:gpt-4o-mini`), e.g. for /readiness. */
  describe(): { embedder: string; router: string };
  /** Circuit state per dependency; `local` providers have none. */
  breakerState(): { embedder: BreakerState | 'none'; router: BreakerState | 'none' };
  /** Stops the breakers' timers. */
  close(): void;
}

export interface CreateProvidersOptions {
  /** Shared usage meter. Default: a new one (`providers.meter`). */
  meter?: UsageMeter;
  /** Persistent embedding cache (libs/db's EmbeddingCacheRepository): wraps a remote embedder. */
  embeddingCache?: EmbeddingCacheStore;
  /** Persistent router-answer cache (libs/db's RouterDecisionCacheRepository). Default: in-process, for this Providers only. */
  routerCache?: RouterCacheStore;
  /** Persistent LLM-probe cache (libs/db's ProbeCacheRepository). Default: in-process. */
  probeCache?: ProbeCacheStore;
  /** Persistent LLM-recommendation draft cache (libs/db's RecommendationDraftCacheRepository). Default: in-process. */
  draftCache?: DraftCacheStore;
}

interface Remote {
  breakerState(): BreakerState;
  breaker: { shutdown(): void };
}

/**
 * Builds the embedder and router the configuration asks for. A remote provider whose key is not
 * configured falls back to the local default (loadConfig already rejects that combination; this
 * keeps hand-built configs safe too).
 */
export function createProviders(config: ProviderConfig, options: CreateProvidersOptions = {}): Providers {
  const meter = options.meter ?? new UsageMeter();
  const limit = new ConcurrencyLimit(config.PROVIDER_MAX_CONCURRENCY ?? 4);
  const remote: RemoteOptions = {
    timeoutMs: config.PROVIDER_TIMEOUT_MS,
    maxRetries: config.PROVIDER_MAX_RETRIES,
    breaker: { failureThreshold: config.BREAKER_FAILURE_THRESHOLD, resetTimeoutMs: config.BREAKER_RESET_MS },
    meter,
    limit,
  };
  const remoteEmbedder = createEmbedder(config, remote);
  // The local embedder is cheaper than a cache lookup: only remote vectors are cached.
  const embedder = options.embeddingCache && isRemote(remoteEmbedder) ? new CachedEmbedder(remoteEmbedder, options.embeddingCache) : remoteEmbedder;
  const remoteRouter = createRouter(config, remote);
  // Only remote answers are cached: the local router is cheaper than a lookup.
  const router = isRemote(remoteRouter) ? new CachedRouter(remoteRouter, options.routerCache ?? new MemoryRouterCache(), `t=${config.ROUTER_TEMPERATURE}`) : remoteRouter;
  const structured = remoteRouter instanceof OpenAIRouter || remoteRouter instanceof AnthropicRouter ? remoteRouter.structured : undefined;
  const probeGenerator = structured && config.PROBE_GENERATOR === 'llm' ? new LlmProbeGenerator(structured, options.probeCache ?? new MemoryProbeCache()) : new LocalProbeGenerator();
  const recommender = structured && config.LLM_RECOMMENDATIONS ? new LlmRecommender(structured, options.draftCache ?? new MemoryDraftCache()) : undefined;
  const state = (p: Embedder | Router) => (isRemote(p) ? p.breakerState() : 'none');
  const remotes = [remoteEmbedder, remoteRouter].filter(isRemote);
  return {
    embedder,
    router,
    probeGenerator,
    ...(recommender ? { recommender } : {}),
    limit,
    meter,
    describe: () => ({ embedder: embedder.model, router: router.model }),
    breakerState: () => ({ embedder: state(remoteEmbedder), router: state(remoteRouter) }),
    close: () => {
      for (const p of remotes) p.breaker.shutdown();
    },
  };
}

function createEmbedder(config: ProviderConfig, remote: RemoteOptions): Embedder {
  const common = { ...remote, model: config.EMBEDDING_MODEL, dimensions: config.EMBEDDING_DIMENSIONS };
  switch (config.EMBEDDER) {
    case 'openai':
      if (!config.OPENAI_API_KEY) return new LocalEmbedder();
      return new OpenAIEmbedder({ ...common, apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL });
    case 'openai-compatible':
      if (!config.OPENAI_BASE_URL) return new LocalEmbedder();
      return new OpenAIEmbedder({ ...common, apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, provider: 'openai-compatible' });
    case 'azure':
      if (!config.AZURE_OPENAI_API_KEY || !config.AZURE_OPENAI_ENDPOINT || !config.AZURE_OPENAI_DEPLOYMENT) return new LocalEmbedder();
      return new AzureOpenAIEmbedder({
        ...common,
        endpoint: config.AZURE_OPENAI_ENDPOINT,
        apiKey: config.AZURE_OPENAI_API_KEY,
        deployment: config.AZURE_OPENAI_DEPLOYMENT,
        apiVersion: config.AZURE_OPENAI_API_VERSION,
      });
    default:
      return new LocalEmbedder();
  }
}

function createRouter(config: ProviderConfig, remote: RemoteOptions): Router {
  const common = { ...remote, temperature: config.ROUTER_TEMPERATURE };
  if (config.ROUTER === 'openai' && config.OPENAI_API_KEY) {
    return new OpenAIRouter({ ...common, apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.ROUTER_MODEL ?? 'gpt-4o-mini' });
  }
  if (config.ROUTER === 'anthropic' && config.ANTHROPIC_API_KEY) {
    return new AnthropicRouter({ ...common, apiKey: config.ANTHROPIC_API_KEY, baseURL: config.ANTHROPIC_BASE_URL, model: config.ROUTER_MODEL ?? 'claude-3-5-haiku-latest' });
  }
  return new LocalRouter();
}

function isRemote(p: Embedder | Router): p is (Embedder | Router) & Remote {
  return typeof (p as Partial<Remote>).breakerState === 'function';
}
