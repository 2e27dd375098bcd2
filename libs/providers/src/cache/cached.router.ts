import { createHash } from 'node:crypto';
import type { RouteDecision, RouteOptions, Router, RouterCandidate } from '@toolgate/pipeline';
import { BoundedMap, MEMORY_CACHE_ENTRIES } from './bounded-map';

/** The cache key of one router call next to the model: what the model was shown and asked. */
export interface RouterCacheKey {
  /** SHA-256 hex of the candidates as sent, in order (ids, names, descriptions, input schemas). */
  toolSetHash: string;
  /** SHA-256 hex of the probe text. */
  probeHash: string;
  trial: number;
}

/**
 * Where router answers persist. libs/db's RouterDecisionCacheRepository (Postgres, the
 * `RouterDecisionCache` table) has this shape; `MemoryRouterCache` is the in-process one.
 */
export interface RouterCacheStore {
  get(model: string, key: RouterCacheKey): Promise<RouteDecision | undefined>;
  put(model: string, key: RouterCacheKey, decision: RouteDecision): Promise<void>;
}

/**
 * Wraps a remote router with a persistent cache keyed by (model and settings, tool-set hash, probe,
 * trial): re-simulating an unchanged pair makes no router call, across runs and workers. The trial is
 * part of the key because trials are separate samples (and see a different candidate order); the
 * candidates are hashed in the order sent, since models favour early positions. A cached choice that
 * is not among the candidates (it cannot happen with an intact row) is ignored and asked again.
 */
export class CachedRouter implements Router {
  readonly model: string;
  private readonly cacheModel: string;

  /** `variant` names settings that change answers but not the model id (the temperature). */
  constructor(
    readonly inner: Router,
    private readonly store: RouterCacheStore,
    variant = '',
  ) {
    this.model = inner.model;
    this.cacheModel = variant ? `${inner.model}|${variant}` : inner.model;
  }

  async route(query: string, candidates: readonly RouterCandidate[], options: RouteOptions = {}): Promise<RouteDecision> {
    const key: RouterCacheKey = {
      toolSetHash: toolSetHash(candidates),
      probeHash: sha256(query),
      trial: options.trial ?? 0,
    };
    const model = options.temperature === undefined ? this.cacheModel : `${this.cacheModel}|t=${options.temperature}`;
    const cached = await this.store.get(model, key);
    if (cached && (cached.choice === null || candidates.some((c) => c.id === cached.choice))) return cached;
    const decision = await this.inner.route(query, candidates, options);
    await this.store.put(model, key, decision);
    return decision;
  }
}

export function toolSetHash(candidates: readonly RouterCandidate[]): string {
  return sha256(JSON.stringify(candidates.map((c) => [c.id, c.name, c.description, c.inputSchema ?? null])));
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export class MemoryRouterCache implements RouterCacheStore {
  private readonly entries = new BoundedMap<RouteDecision>(MEMORY_CACHE_ENTRIES);

  async get(model: string, key: RouterCacheKey): Promise<RouteDecision | undefined> {
    return this.entries.get(flat(model, key));
  }

  async put(model: string, key: RouterCacheKey, decision: RouteDecision): Promise<void> {
    this.entries.set(flat(model, key), decision);
  }
}

function flat(model: string, key: RouterCacheKey): string {
  return [model, key.toolSetHash, key.probeHash, key.trial].join('\u0000');
}
