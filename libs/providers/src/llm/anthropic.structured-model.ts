import type Anthropic from '@anthropic-ai/sdk';
import { ProviderError, sdkCall } from '../provider.errors';
import { STRUCTURED_MAX_TOKENS, type StructuredContext, type StructuredModel, type StructuredRequest } from './structured-model';

/**
 * Structured output on Anthropic messages: one tool whose `input_schema` is the answer's schema, and
 * `tool_choice: {type: tool}` forcing the model to call it; the tool_use block's `input` is the answer.
 */
export class AnthropicStructuredModel implements StructuredModel {
  readonly model: string;

  constructor(
    private readonly client: Anthropic,
    private readonly context: StructuredContext,
  ) {
    this.model = context.model;
  }

  async complete(request: StructuredRequest): Promise<unknown> {
    const c = this.context;
    const message = await c.breaker.call(() =>
      sdkCall(c.model, c.secrets, c.timeoutMs, () =>
        this.client.messages.create({
          model: c.apiModel,
          max_tokens: STRUCTURED_MAX_TOKENS,
          system: request.system,
          messages: [{ role: 'user', content: request.user }],
          tools: [{ name: request.name, description: request.description, input_schema: { ...request.schema, type: 'object' as const } }],
          tool_choice: { type: 'tool', name: request.name },
        }),
      ),
    );
    c.meter.record(c.apiModel, message.usage?.input_tokens ?? 0, message.usage?.output_tokens ?? 0, 'chat');
    const blocks = Array.isArray(message.content) ? message.content : [];
    const use = blocks.find((b) => b.type === 'tool_use' && b.name === request.name);
    if (!use || use.type !== 'tool_use') throw new ProviderError('PROVIDER.BAD_RESPONSE', c.model, `no ${request.name} tool call in the answer`);
    if (typeof use.input === 'string') {
      // Seen when the model's arguments were not valid JSON: the fake (and some proxies) pass the raw text.
      throw new ProviderError('PROVIDER.BAD_RESPONSE', c.model, `structured output is not JSON: ${use.input.slice(0, 120)}`);
    }
    return use.input;
  }
}
