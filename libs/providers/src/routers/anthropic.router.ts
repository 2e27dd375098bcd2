import Anthropic from '@anthropic-ai/sdk';
import { AnthropicStructuredModel } from '../llm/anthropic.structured-model';
import type { RouteDecision, RouteOptions, Router, RouterCandidate } from '@toolgate/pipeline';
import { sdkCall } from '../provider.errors';
import { ProviderBreaker, type BreakerState } from '../resilience/provider-breaker';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../sdk-options';
import { UsageMeter } from '../usage/usage-meter';
import type { ChatRouterOptions } from './openai.router';
import { decisionFrom, parametersOf, ROUTER_INSTRUCTIONS } from './router-decision';
import { ToolAliases } from './tool-aliases';

/** Enough for one tool call with small arguments; a router never needs a long answer. */
const MAX_TOKENS = 512;

/**
 * Router on Anthropic messages: the candidates are sent as tools (name, description,
 * input_schema) with `tool_choice: auto`; the first `tool_use` block is the choice.
 */
export class AnthropicRouter implements Router {
  readonly model: string;
  readonly breaker: ProviderBreaker;
  readonly meter: UsageMeter;
  /** The same model and client for structured answers (LLM probes, LLM recommendations), behind the same breaker. */
  readonly structured: AnthropicStructuredModel;
  private readonly client: Anthropic;
  private readonly apiModel: string;
  private readonly timeoutMs: number;
  private readonly secrets: string[];

  constructor(options: ChatRouterOptions) {
    this.apiModel = options.model;
    this.model = `anthropic:${options.model}`;
    this.secrets = [options.apiKey];
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.meter = options.meter ?? new UsageMeter();
    this.breaker = new ProviderBreaker(this.model, options.breaker, options.limit);
    this.client = new Anthropic({
      apiKey: options.apiKey,
      // Explicit, so the SDK does not fall back to ANTHROPIC_BASE_URL from the environment.
      baseURL: options.baseURL ?? 'https://api.anthropic.com',
      timeout: this.timeoutMs,
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
      logLevel: 'off',
    });
    this.structured = new AnthropicStructuredModel(this.client, { model: this.model, apiModel: this.apiModel, breaker: this.breaker, meter: this.meter, secrets: this.secrets, timeoutMs: this.timeoutMs, temperature: 0 });
  }

  // RouteOptions.temperature is not sent: @anthropic-ai/sdk 1.x's Messages API has no sampling
  // temperature any more (docs/providers.md). Trials still vary through the model's own sampling.
  async route(query: string, candidates: readonly RouterCandidate[], _options: RouteOptions = {}): Promise<RouteDecision> {
    if (candidates.length === 0) return { choice: null, ranking: [], reason: 'no candidates' };
    const aliases = new ToolAliases(candidates);
    const message = await this.breaker.call(() =>
      sdkCall(this.model, this.secrets, this.timeoutMs, () =>
        this.client.messages.create({
          model: this.apiModel,
          max_tokens: MAX_TOKENS,
          system: ROUTER_INSTRUCTIONS,
          messages: [{ role: 'user', content: query }],
          tools: candidates.map((c) => ({
            name: aliases.aliasOf(c.id),
            description: c.description,
            input_schema: { ...parametersOf(c), type: 'object' as const },
          })),
          tool_choice: { type: 'auto' },
        }),
      ),
    );
    this.meter.record(this.apiModel, message.usage?.input_tokens ?? 0, message.usage?.output_tokens ?? 0, 'chat');
    const blocks = Array.isArray(message.content) ? message.content : [];
    const use = blocks.find((b) => b.type === 'tool_use');
    if (!use || use.type !== 'tool_use') {
      const text = blocks.map((b) => (b.type === 'text' ? b.text : '')).join(' ');
      return decisionFrom(aliases, undefined, text);
    }
    const argumentsError = typeof use.input === 'object' && use.input !== null && !Array.isArray(use.input) ? undefined : 'input is not an object';
    return decisionFrom(aliases, { name: use.name, argumentsError });
  }

  breakerState(): BreakerState {
    return this.breaker.state();
  }
}
