import type OpenAI from 'openai';
import { ProviderError, sdkCall } from '../provider.errors';
import { STRUCTURED_MAX_TOKENS, type StructuredContext, type StructuredModel, type StructuredRequest } from './structured-model';

/** Structured output on OpenAI chat completions: `response_format: {type: json_schema, json_schema: {strict: true}}`. */
export class OpenAIStructuredModel implements StructuredModel {
  readonly model: string;

  constructor(
    private readonly client: OpenAI,
    private readonly context: StructuredContext,
  ) {
    this.model = context.model;
  }

  async complete(request: StructuredRequest): Promise<unknown> {
    const c = this.context;
    const completion = await c.breaker.call(() =>
      sdkCall(c.model, c.secrets, c.timeoutMs, () =>
        this.client.chat.completions.create({
          model: c.apiModel,
          temperature: c.temperature,
          max_completion_tokens: STRUCTURED_MAX_TOKENS,
          messages: [
            { role: 'system', content: request.system },
            { role: 'user', content: request.user },
          ],
          response_format: { type: 'json_schema', json_schema: { name: request.name, description: request.description, strict: true, schema: request.schema } },
        }),
      ),
    );
    c.meter.record(c.apiModel, completion.usage?.prompt_tokens ?? 0, completion.usage?.completion_tokens ?? 0, 'chat');
    const message = completion.choices?.[0]?.message;
    if (message?.refusal) throw new ProviderError('PROVIDER.BAD_RESPONSE', c.model, `the model refused: ${message.refusal.slice(0, 200)}`);
    return parseJson(c.model, message?.content ?? '');
  }
}

function parseJson(model: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderError('PROVIDER.BAD_RESPONSE', model, `structured output is not JSON: ${text.replace(/\s+/g, ' ').slice(0, 120)}`);
  }
}
