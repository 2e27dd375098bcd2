import { ProviderError } from '../provider.errors';

/**
 * L2-normalises one vector from a provider (the pipeline's cosine assumes unit vectors) and
 * checks its size: a model that returns another size than configured would silently corrupt
 * every similarity and cached vector, so that is an error.
 */
export function normaliseVector(values: ArrayLike<number>, expected: number, dependency: string): Float32Array {
  if (values.length !== expected) {
    throw new ProviderError('PROVIDER.DIMENSION_MISMATCH', dependency, `returned a ${values.length}-dimensional vector, expected ${expected} (check EMBEDDING_DIMENSIONS / the model)`);
  }
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new ProviderError('PROVIDER.BAD_RESPONSE', dependency, `returned a non-finite value at index ${i}`);
    sum += v * v;
  }
  const out = Float32Array.from(values);
  // An all-zero vector has no direction; keep it zero (cosine 0 with everything) rather than NaN.
  if (sum === 0) return out;
  const norm = Math.sqrt(sum);
  for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
}

/** Known output sizes, for when EMBEDDING_DIMENSIONS is not given. */
export const KNOWN_DIMENSIONS: Readonly<Record<string, number>> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

export interface BatchLimits {
  /** Inputs per request (OpenAI and Azure: 2048). */
  maxInputs: number;
  /** Estimated tokens per request (OpenAI: 300k per request; we stay under it). */
  maxTokens: number;
}

export const OPENAI_BATCH_LIMITS: BatchLimits = { maxInputs: 2048, maxTokens: 250_000 };

/**
 * Splits texts into request batches under both limits. Tokens are estimated at one per 3
 * characters (tokenisers average ~4 for English), so a batch stays under the budget without
 * shipping a tokeniser.
 */
export function batchTexts(texts: readonly string[], limits: BatchLimits): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const text of texts) {
    const estimate = Math.ceil(text.length / 3) + 1;
    if (current.length > 0 && (current.length >= limits.maxInputs || tokens + estimate > limits.maxTokens)) {
      batches.push(current);
      current = [];
      tokens = 0;
    }
    current.push(text);
    tokens += estimate;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
