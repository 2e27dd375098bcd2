import { APIConnectionTimeoutError as AnthropicTimeout } from '@anthropic-ai/sdk';
import { APIConnectionTimeoutError as OpenAITimeout } from 'openai';

/** Stable codes of provider failures (CONVENTIONS.md #5). */
export type ProviderErrorCode =
  | 'PROVIDER.CIRCUIT_OPEN'
  | 'PROVIDER.TIMEOUT'
  | 'PROVIDER.RATE_LIMITED'
  | 'PROVIDER.AUTH'
  | 'PROVIDER.BAD_REQUEST'
  | 'PROVIDER.UNAVAILABLE'
  | 'PROVIDER.BAD_RESPONSE'
  | 'PROVIDER.DIMENSION_MISMATCH';

/**
 * A model provider call failed. `dependency` names the model (`openai:text-embedding-3-small`).
 * The message never contains an API key: it is built from the provider's text with every
 * configured secret replaced, and the SDK error (whose request may carry the key) is not kept.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';

  constructor(
    readonly code: ProviderErrorCode,
    readonly dependency: string,
    message: string,
    readonly status?: number,
  ) {
    super(`${dependency}: ${message}`);
  }
}

/** Codes that say nothing about the dependency's health (our request was wrong): the breaker ignores them. */
export const CLIENT_FAULTS: ReadonlySet<ProviderErrorCode> = new Set(['PROVIDER.BAD_REQUEST']);

interface SdkErrorShape {
  status?: unknown;
  name?: unknown;
  message?: unknown;
}

/** Maps an `openai` / `@anthropic-ai/sdk` error (same shapes: APIError.status, APIConnectionTimeoutError) to a ProviderError. */
export function toProviderError(dependency: string, error: unknown, secrets: readonly (string | undefined)[], tookTimeout = false): ProviderError {
  if (error instanceof ProviderError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const status = typeof shape.status === 'number' ? shape.status : undefined;
  const name = typeof shape.name === 'string' ? shape.name : '';
  const message = redact(typeof shape.message === 'string' ? shape.message : String(error), secrets);
  // Some runtimes' aborts are not recognised by the SDKs (they then report a plain connection
  // error), so a connection failure that took the whole timeout counts as a timeout too.
  const timedOut = error instanceof OpenAITimeout || error instanceof AnthropicTimeout || /Timeout/i.test(name) || (status === undefined && tookTimeout);
  if (timedOut) return new ProviderError('PROVIDER.TIMEOUT', dependency, `timed out: ${message}`);
  if (status === 401 || status === 403) return new ProviderError('PROVIDER.AUTH', dependency, `authentication failed (${status}): ${message}`, status);
  if (status === 429) return new ProviderError('PROVIDER.RATE_LIMITED', dependency, `rate limited after retries: ${message}`, status);
  if (status !== undefined && status >= 400 && status < 500) return new ProviderError('PROVIDER.BAD_REQUEST', dependency, `rejected the request (${status}): ${message}`, status);
  return new ProviderError('PROVIDER.UNAVAILABLE', dependency, status ? `failed (${status}): ${message}` : `unreachable: ${message}`, status);
}

/** Replaces every configured secret (and any `Bearer <token>`) in a text. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short values would blank out ordinary words; real keys are long.
    if (secret && secret.length >= 8) out = out.split(secret).join('***');
  }
  return out.replace(/Bearer\s+[^\s"']+/gi, 'Bearer ***');
}

/**
 * Runs one SDK call and turns any failure into a redacted ProviderError. `timeoutMs` is the
 * per-attempt timeout, used to recognise timeouts the SDK reports as connection errors.
 */
export async function sdkCall<T>(dependency: string, secrets: readonly (string | undefined)[], timeoutMs: number, call: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await call();
  } catch (error) {
    throw toProviderError(dependency, error, secrets, Date.now() - started >= timeoutMs);
  }
}
