import { isOutboundUrlError } from '@toolgate/net';
import type { DeliveryResult } from '../model';

export interface HttpPost {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** The fetch to send with: guardedFetch of the outbound policy (checks each request, follows no redirect). */
  fetch: typeof fetch;
}

/** Longest body excerpt kept in an error: enough for "invalid_blocks" or a PagerDuty error list. */
const ERROR_BODY_CHARS = 300;

/**
 * POSTs once with a timeout and classifies the outcome: 2xx sent; 408, 429 and 5xx retryable (with
 * Retry-After when the peer gives one); other statuses permanent; network errors and timeouts
 * retryable; a destination refused by the outbound policy permanent. The error text may still contain the
 * URL: the caller redacts it.
 */
export async function postHttp(request: HttpPost): Promise<DeliveryResult & { responseText?: string }> {
  const started = Date.now();
  let response: Response;
  try {
    response = await request.fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    const durationMs = Date.now() - started;
    if (isOutboundUrlError(error)) {
      // Refused by the outbound policy before connecting; a name that does not resolve may resolve later.
      const refused = error.code === 'URL_NOT_ALLOWED';
      return { ok: false, status: 'failed', retryable: !refused, errorCode: refused ? 'NOTIFICATION.DESTINATION_NOT_ALLOWED' : 'NOTIFICATION.NETWORK', error: error.message, durationMs };
    }
    if (isTimeout(error)) {
      return { ok: false, status: 'failed', retryable: true, errorCode: 'NOTIFICATION.TIMEOUT', error: `no response within ${request.timeoutMs} ms`, durationMs };
    }
    return { ok: false, status: 'failed', retryable: true, errorCode: 'NOTIFICATION.NETWORK', error: networkErrorText(error), durationMs };
  }
  const text = await readText(response);
  const durationMs = Date.now() - started;
  if (response.status >= 200 && response.status < 300) {
    return { ok: true, status: 'sent', retryable: false, httpStatus: response.status, durationMs, responseText: text };
  }
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
  const retryAfterMs = retryable ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
  const excerpt = text.trim().slice(0, ERROR_BODY_CHARS);
  return {
    ok: false,
    status: 'failed',
    retryable,
    httpStatus: response.status,
    errorCode: 'NOTIFICATION.HTTP_STATUS',
    error: `HTTP ${response.status}${excerpt ? `: ${excerpt}` : ''}`,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    durationMs,
  };
}

/** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), in milliseconds; capped at one hour. */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  let ms: number | undefined;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (!Number.isNaN(at)) ms = Math.max(0, at - now.getTime());
  }
  return ms === undefined ? undefined : Math.min(ms, 3_600_000);
}

async function readText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}

// Duck-typed rather than `instanceof Error`: fetch's errors may come from another realm (e.g. under Jest).
interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}
const asErrorLike = (value: unknown): ErrorLike | undefined => (typeof value === 'object' && value !== null ? (value as ErrorLike) : undefined);

function isTimeout(error: unknown): boolean {
  const name = asErrorLike(error)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** undici's "fetch failed" hides the reason in `cause` (ECONNREFUSED, ENOTFOUND ...). */
function networkErrorText(error: unknown): string {
  const outer = asErrorLike(error);
  if (!outer || typeof outer.message !== 'string') return String(error);
  const cause = asErrorLike(outer.cause);
  if (cause && typeof cause.message === 'string') {
    return `${outer.message}: ${typeof cause.code === 'string' && !cause.message.includes(cause.code) ? `${cause.code} ` : ''}${cause.message}`;
  }
  return outer.message;
}
