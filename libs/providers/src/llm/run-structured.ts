import type { z } from 'zod';
import { ProviderError } from '../provider.errors';
import type { StructuredModel, StructuredRequest } from './structured-model';

export type StructuredOutcome<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Attempts per request: a malformed answer is asked again once, then given up. */
const ATTEMPTS = 2;

/**
 * Asks for a structured answer and validates it. Malformed output (not JSON, wrong shape) is retried
 * once; provider failures (timeouts, 5xx after the SDK's retries, open circuit) are not retried here.
 * Never throws: the caller falls back and records `reason`.
 */
export async function runStructured<T>(llm: StructuredModel, request: StructuredRequest, schema: z.ZodType<T>): Promise<StructuredOutcome<T>> {
  let reason = 'no answer';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let raw: unknown;
    try {
      raw = await llm.complete(request);
    } catch (error) {
      if (error instanceof ProviderError && error.code === 'PROVIDER.BAD_RESPONSE') {
        reason = `malformed output (${error.message.replace(`${llm.model}: `, '')})`;
        continue;
      }
      if (error instanceof ProviderError) return { ok: false, reason: `provider failed (${error.code}: ${error.message.replace(`${llm.model}: `, '')})` };
      throw error;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { ok: true, value: parsed.data };
    reason = `malformed output (${parsed.error.issues.map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`).join('; ').slice(0, 200)})`;
  }
  return { ok: false, reason: `${reason}, ${ATTEMPTS} attempts` };
}
