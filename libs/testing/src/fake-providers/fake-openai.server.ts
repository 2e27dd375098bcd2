import { z } from 'zod';
import { fakeEmbedding, toBase64Floats } from './fake-embedding';
import { startFakeServer, WireViolation, type FakeResponse, type FakeServer, type RecordedRequest } from './fake-server';
import { schemaInstance, strictSchemaProblems, type FakeStructuredResponder } from './structured-output';
import { overlapChooser, type FakeReply, type FakeTool } from './tool-choice';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

// The request bodies the OpenAI API accepts (the subset the SDK sends for these calls). Strict:
// an unknown or misspelt field fails, as a wrong shape must fail a test.
const EmbeddingsRequest = z.strictObject({
  model: z.string().min(1),
  input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(2048)]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().optional(),
  user: z.string().optional(),
});

const ChatRequest = z.strictObject({
  model: z.string().min(1),
  messages: z
    .array(z.looseObject({ role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']), content: z.union([z.string(), z.array(z.unknown()), z.null()]) }))
    .min(1),
  tools: z
    .array(
      z.strictObject({
        type: z.literal('function'),
        function: z.strictObject({
          name: z.string().regex(TOOL_NAME, 'tool names must match ^[a-zA-Z0-9_-]{1,64}$'),
          description: z.string().optional(),
          parameters: z.looseObject({ type: z.literal('object') }).optional(),
          strict: z.boolean().optional(),
        }),
      }),
    )
    .max(128)
    .optional(),
  tool_choice: z.union([z.enum(['auto', 'none', 'required']), z.looseObject({ type: z.literal('function') })]).optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  parallel_tool_calls: z.boolean().optional(),
  seed: z.number().int().optional(),
  response_format: z
    .union([
      z.strictObject({ type: z.enum(['text', 'json_object']) }),
      z.strictObject({
        type: z.literal('json_schema'),
        json_schema: z.strictObject({
          name: z.string().regex(TOOL_NAME, 'json_schema names must match ^[a-zA-Z0-9_-]{1,64}$'),
          description: z.string().optional(),
          schema: z.looseObject({ type: z.literal('object') }).optional(),
          strict: z.boolean().nullable().optional(),
        }),
      }),
    ])
    .optional(),
});
export type FakeChatRequest = z.infer<typeof ChatRequest>;

export interface FakeOpenAIOptions {
  apiKey?: string;
  /** Azure: the deployment served at /openai/deployments/{deployment}/embeddings, with the `api-key` header. */
  azure?: { deployment: string; apiKey: string; apiVersion?: string };
  /** Size of returned vectors when the request gives no `dimensions`. Default 1536. */
  dimensions?: number;
  /** Overrides the returned size whatever was asked (to test mismatch errors). */
  forceDimensions?: number;
  /** The fake model's tool choice. Default: most words in common with the request. */
  chooser?: (request: FakeChatRequest) => FakeReply;
  /** The fake model's answer to a `response_format: json_schema` request. Default: an instance of the schema. */
  structured?: FakeStructuredResponder;
}

/** Fake OpenAI (and Azure OpenAI) server: `/v1/embeddings`, `/v1/chat/completions`, Azure deployment paths. Base URL for the SDK: `${url}/v1`. */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeServer> {
  const apiKey = options.apiKey ?? 'sk-fake-openai-key';
  return startFakeServer((req) => {
    if (req.method !== 'POST') throw new WireViolation(`${req.method} ${req.path}: only POST is served`);
    const azure = options.azure && req.path.match(/^\/openai\/deployments\/([^/]+)\/embeddings$/);
    if (azure) {
      if (azure[1] !== options.azure?.deployment) return notFound(`deployment ${azure[1]} not found`);
      if (!req.query.get('api-version')) throw new WireViolation('azure: api-version query parameter is missing');
      if (options.azure.apiVersion && req.query.get('api-version') !== options.azure.apiVersion) throw new WireViolation(`azure: api-version ${req.query.get('api-version')}`);
      if (req.headers['api-key'] !== options.azure.apiKey) return unauthorized('Access denied due to invalid subscription key.');
      return embeddings(req, options);
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      // The real API echoes (part of) the key it got: the client must redact it.
      return unauthorized(`Incorrect API key provided: ${String(req.headers.authorization ?? '').replace(/^Bearer /, '')}.`);
    }
    if (req.path === '/v1/embeddings') return embeddings(req, options);
    if (req.path === '/v1/chat/completions') return chat(req, options);
    return notFound(`no route ${req.path}`);
  }, openAIError);
}

function embeddings(req: RecordedRequest, options: FakeOpenAIOptions): FakeResponse {
  const body = parse(EmbeddingsRequest, req.body, 'embeddings');
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  const size = options.forceDimensions ?? body.dimensions ?? options.dimensions ?? 1536;
  const tokens = inputs.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
  return {
    status: 200,
    body: {
      object: 'list',
      model: body.model,
      data: inputs.map((text, index) => {
        const vector = fakeEmbedding(text, size);
        return { object: 'embedding', index, embedding: body.encoding_format === 'base64' ? toBase64Floats(vector) : vector };
      }),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}

function chat(req: RecordedRequest, options: FakeOpenAIOptions): FakeResponse {
  const body = parse(ChatRequest, req.body, 'chat.completions');
  if (body.response_format?.type === 'json_schema') return structuredChat(body, options);
  const query = [...body.messages].reverse().find((m) => m.role === 'user')?.content;
  const tools: FakeTool[] = (body.tools ?? []).map((t) => ({ name: t.function.name, description: t.function.description ?? '' }));
  const reply = options.chooser ? options.chooser(body) : overlapChooser(typeof query === 'string' ? query : '', tools);
  const toolCalls = reply.tool ? [{ id: 'call_fake_1', type: 'function', function: { name: reply.tool, arguments: reply.arguments ?? '{}' } }] : undefined;
  const promptTokens = Math.ceil(JSON.stringify(body).length / 4);
  return {
    status: 200,
    body: {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: toolCalls ? null : (reply.content ?? ''), refusal: null, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
          finish_reason: toolCalls ? 'tool_calls' : 'stop',
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: promptTokens, completion_tokens: 12, total_tokens: promptTokens + 12 },
    },
  };
}

/** Structured outputs: the answer is the message content, a JSON string (or whatever raw text the test scripts). */
function structuredChat(body: FakeChatRequest, options: FakeOpenAIOptions): FakeResponse {
  const format = body.response_format as { type: 'json_schema'; json_schema: { name: string; schema?: Record<string, unknown>; strict?: boolean | null } };
  if (body.tools) throw new WireViolation('chat.completions: structured output requests here carry no tools');
  const schema = format.json_schema.schema ?? {};
  if (format.json_schema.strict) {
    const problems = strictSchemaProblems(schema);
    if (problems.length > 0) throw new WireViolation(`chat.completions: response_format.json_schema.schema: ${problems.join('; ')}`);
  }
  const text = (role: string) => body.messages.filter((m) => m.role === role).map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
  const reply = (options.structured ?? schemaInstance)({ provider: 'openai', name: format.json_schema.name, schema, system: text('system'), user: text('user') });
  const content = 'raw' in reply ? reply.raw : JSON.stringify(reply.json);
  const promptTokens = Math.ceil(JSON.stringify(body).length / 4);
  const completionTokens = Math.ceil(content.length / 4);
  return {
    status: 200,
    body: {
      id: 'chatcmpl-fake-structured',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    },
  };
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new WireViolation(`${what}: ${result.error.issues.map((i) => `${i.path.join('.') || '(body)'} ${i.message}`).join('; ')}`);
}

function openAIError(message: string): unknown {
  return { error: { message, type: 'invalid_request_error', param: null, code: null } };
}

function unauthorized(message: string): FakeResponse {
  return { status: 401, body: { error: { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } };
}

function notFound(message: string): FakeResponse {
  return { status: 404, body: openAIError(message) };
}
