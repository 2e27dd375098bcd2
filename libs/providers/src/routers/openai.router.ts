import OpenAI from 'openai';
import { OpenAIStructuredModel } from '../llm/openai.structured-model';
import type { RouteDecision, RouteOptions, Router, RouterCandidate } from '@toolgate/pipeline';
import { sdkCall } from '../provider.errors';
import { ProviderBreaker, type BreakerState } from '../resilience/provider-breaker';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type RemoteOptions } from '../sdk-options';
import { UsageMeter } from '../usage/usage-meter';
import { decisionFrom, parametersOf, ROUTER_INSTRUCTIONS } from './router-decision';
import { ToolAliases } from './tool-aliases';

export interface ChatRouterOptions extends RemoteOptions {
  apiKey: string;
  /** Default: the provider's public API. */
  baseURL?: string;
  model: string;
  /** Sampling temperature when the caller gives none. Default 0. */
  temperature?: number;
}

/**
 * Router on OpenAI chat completions: the candidates are sent as real function tools (name,
 * description, parameters = input schema) with `tool_choice: auto`, the query as the user message;
 * the first tool call is the choice, no call is "none".
 */
export class OpenAIRouter implements Router {
  readonly model: string;
  readonly breaker: ProviderBreaker;
  readonly meter: UsageMeter;
  /** The same model and client for structured answers (LLM probes, LLM recommendations), behind the same breaker. */
  readonly structured: OpenAIStructuredModel;
  private readonly client: OpenAI;
  private readonly apiModel: string;
  private readonly temperature: number;
  private readonly timeoutMs: number;
  private readonly secrets: string[];

  constructor(options: ChatRouterOptions) {
    this.apiModel = options.model;
    this.model = `openai:${options.model}`;
    this.temperature = options.temperature ?? 0;
    this.secrets = [options.apiKey];
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.meter = options.meter ?? new UsageMeter();
    this.breaker = new ProviderBreaker(this.model, options.breaker, options.limit);
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL ?? 'https://api.openai.com/v1',
      timeout: this.timeoutMs,
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
      logLevel: 'off',
    });
    this.structured = new OpenAIStructuredModel(this.client, { model: this.model, apiModel: this.apiModel, breaker: this.breaker, meter: this.meter, secrets: this.secrets, timeoutMs: this.timeoutMs, temperature: this.temperature });
  }

  async route(query: string, candidates: readonly RouterCandidate[], options: RouteOptions = {}): Promise<RouteDecision> {
    if (candidates.length === 0) return { choice: null, ranking: [], reason: 'no candidates' };
    const aliases = new ToolAliases(candidates);
    const completion = await this.breaker.call(() =>
      sdkCall(this.model, this.secrets, this.timeoutMs, () =>
        this.client.chat.completions.create({
          model: this.apiModel,
          temperature: options.temperature ?? this.temperature,
          messages: [
            { role: 'system', content: ROUTER_INSTRUCTIONS },
            { role: 'user', content: query },
          ],
          tools: candidates.map((c) => ({
            type: 'function' as const,
            function: { name: aliases.aliasOf(c.id), description: c.description, parameters: parametersOf(c) },
          })),
          tool_choice: 'auto',
        }),
      ),
    );
    this.meter.record(this.apiModel, completion.usage?.prompt_tokens ?? 0, completion.usage?.completion_tokens ?? 0, 'chat');
    const message = completion.choices?.[0]?.message;
    const call = message?.tool_calls?.find((c) => c.type === 'function');
    if (!call || call.type !== 'function') return decisionFrom(aliases, undefined, message?.content ?? undefined);
    return decisionFrom(aliases, { name: call.function.name, argumentsError: jsonError(call.function.arguments) });
  }

  breakerState(): BreakerState {
    return this.breaker.state();
  }
}

/** Why a tool call's `arguments` string is not a JSON object, or undefined when it is. */
function jsonError(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'not a JSON object';
  } catch {
    return 'invalid JSON';
  }
}
