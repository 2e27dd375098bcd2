import type { ProviderBreaker } from '../resilience/provider-breaker';
import type { UsageMeter } from '../usage/usage-meter';

/** One request for a JSON answer of a given shape. */
export interface StructuredRequest {
  /** Name of the output (OpenAI's json_schema name, Anthropic's tool name): `^[a-zA-Z0-9_-]{1,64}$`. */
  name: string;
  description: string;
  system: string;
  user: string;
  /** JSON Schema of the answer, in the subset OpenAI's strict mode accepts (every property required, no extra ones). */
  schema: Record<string, unknown>;
}

/**
 * A chat model that answers with structured JSON: OpenAI chat completions with
 * `response_format: json_schema` (strict), Anthropic messages forced to call one tool whose input
 * schema is the answer's. Returns the parsed JSON as the model gave it: callers validate it (zod).
 * A reply that is not JSON at all is a ProviderError `PROVIDER.BAD_RESPONSE`.
 */
export interface StructuredModel {
  /** Same id as the router on the same model (`openai:gpt-4o-mini`): one breaker and one cache namespace. */
  readonly model: string;
  complete(request: StructuredRequest): Promise<unknown>;
}

/** What the router shares with its structured side: client settings, breaker, meter. */
export interface StructuredContext {
  model: string;
  apiModel: string;
  breaker: ProviderBreaker;
  meter: UsageMeter;
  secrets: string[];
  timeoutMs: number;
  temperature: number;
}

/** Room for a dozen probes or three patches; longer answers are cut and then fail validation. */
export const STRUCTURED_MAX_TOKENS = 2048;
