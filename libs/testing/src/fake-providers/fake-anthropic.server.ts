import { z } from 'zod';
import { startFakeServer, WireViolation, type FakeResponse, type FakeServer } from './fake-server';
import { schemaInstance, type FakeStructuredResponder } from './structured-output';
import { overlapChooser, type FakeReply, type FakeTool } from './tool-choice';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

// What the Messages API accepts for a tool-use request (strict: unknown fields fail).
const MessagesRequest = z.strictObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  system: z.union([z.string(), z.array(z.looseObject({ type: z.literal('text'), text: z.string() }))]).optional(),
  messages: z
    .array(z.strictObject({ role: z.enum(['user', 'assistant']), content: z.union([z.string().min(1), z.array(z.looseObject({ type: z.string() })).min(1)]) }))
    .min(1),
  tools: z
    .array(
      z.strictObject({
        name: z.string().regex(TOOL_NAME, 'tool names must match ^[a-zA-Z0-9_-]{1,64}$'),
        description: z.string().optional(),
        input_schema: z.looseObject({ type: z.literal('object') }),
      }),
    )
    .optional(),
  tool_choice: z.union([z.strictObject({ type: z.enum(['auto', 'any', 'none']) }), z.strictObject({ type: z.literal('tool'), name: z.string() })]).optional(),
  temperature: z.number().min(0).max(1).optional(),
  stop_sequences: z.array(z.string()).optional(),
});
export type FakeMessagesRequest = z.infer<typeof MessagesRequest>;

export interface FakeAnthropicOptions {
  apiKey?: string;
  /** The fake model's choice; `arguments` is parsed into the tool_use block's `input` (raw string if not JSON). */
  chooser?: (request: FakeMessagesRequest) => FakeReply;
  /**
   * The answer when `tool_choice` forces one tool (structured output): the tool_use block's `input`
   * (raw text is passed through as a string, as a malformed answer). Default: an instance of its input_schema.
   */
  structured?: FakeStructuredResponder;
}

/** Fake Anthropic Messages API: `POST /v1/messages` with the key (`x-api-key` or `Authorization: Bearer`) and `anthropic-version`. Base URL for the SDK: `url`. */
export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeServer> {
  const apiKey = options.apiKey ?? 'sk-ant-fake-key';
  return startFakeServer((req) => {
    if (req.method !== 'POST' || req.path !== '/v1/messages') return error(404, 'not_found_error', `no route ${req.method} ${req.path}`);
    const version = req.headers['anthropic-version'];
    if (typeof version !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(version)) throw new WireViolation('anthropic-version header is missing or malformed');
    // The API takes the key as `x-api-key`; @anthropic-ai/sdk 1.x sends it as `Authorization: Bearer`.
    const given = req.headers['x-api-key'] ?? String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (given !== apiKey) return error(401, 'authentication_error', `invalid x-api-key ${String(given)}`);
    const parsed = MessagesRequest.safeParse(req.body);
    if (!parsed.success) throw new WireViolation(`messages: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'} ${i.message}`).join('; ')}`);
    const body = parsed.data;
    if (body.tool_choice?.type === 'tool') return forcedTool(body, body.tool_choice.name, options);
    const last = body.messages[body.messages.length - 1];
    const query = typeof last.content === 'string' ? last.content : '';
    const tools: FakeTool[] = (body.tools ?? []).map((t) => ({ name: t.name, description: t.description ?? '' }));
    const reply = options.chooser ? options.chooser(body) : overlapChooser(query, tools);
    const content: unknown[] = [];
    if (reply.content) content.push({ type: 'text', text: reply.content });
    if (reply.tool) content.push({ type: 'tool_use', id: 'toolu_fake_1', name: reply.tool, input: inputOf(reply.arguments) });
    return {
      status: 200,
      body: {
        id: 'msg_fake',
        type: 'message',
        role: 'assistant',
        model: body.model,
        content,
        stop_reason: reply.tool ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: Math.ceil(JSON.stringify(body).length / 4), output_tokens: 20 },
      },
    };
  }, (message) => ({ type: 'error', error: { type: 'invalid_request_error', message } }));
}

function forcedTool(body: FakeMessagesRequest, name: string, options: FakeAnthropicOptions): FakeResponse {
  const tool = body.tools?.find((t) => t.name === name);
  if (!tool) throw new WireViolation(`messages: tool_choice names ${name}, which is not in tools`);
  const user = body.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
  const system = typeof body.system === 'string' ? body.system : (body.system ?? []).map((b) => b.text).join('\n');
  const reply = (options.structured ?? schemaInstance)({ provider: 'anthropic', name, schema: tool.input_schema, system, user });
  const input = 'raw' in reply ? reply.raw : reply.json;
  return {
    status: 200,
    body: {
      id: 'msg_fake_structured',
      type: 'message',
      role: 'assistant',
      model: body.model,
      content: [{ type: 'tool_use', id: 'toolu_fake_structured', name, input }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: Math.ceil(JSON.stringify(body).length / 4), output_tokens: Math.ceil(JSON.stringify(input).length / 4) },
    },
  };
}

function inputOf(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '{}');
  } catch {
    return text;
  }
}

function error(status: number, type: string, message: string): FakeResponse {
  return { status, body: { type: 'error', error: { type, message } } };
}
