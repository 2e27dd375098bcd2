import OpenAI, { AzureOpenAI } from 'openai';
import type { Embedder } from '@toolgate/pipeline';
import { ProviderError, sdkCall } from '../provider.errors';
import { ProviderBreaker, type BreakerState } from '../resilience/provider-breaker';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type RemoteOptions } from '../sdk-options';
import { UsageMeter } from '../usage/usage-meter';
import { batchTexts, KNOWN_DIMENSIONS, normaliseVector, OPENAI_BATCH_LIMITS, type BatchLimits } from './vectors';

export interface OpenAIEmbedderOptions extends RemoteOptions {
  /** Optional for OpenAI-compatible servers (Ollama, vLLM), which usually need none. */
  apiKey?: string;
  /** Default `https://api.openai.com/v1`; an OpenAI-compatible server's `/v1` URL otherwise. */
  baseURL?: string;
  /** Default `text-embedding-3-small`. */
  model?: string;
  /** Requested and expected vector size. Required for models Toolgate does not know. */
  dimensions?: number;
  batchLimits?: BatchLimits;
  /** Prefix of `model` (`openai`, `openai-compatible`): part of cache keys. */
  provider?: string;
}

/**
 * Embedder on the OpenAI embeddings API (`POST /embeddings`), for OpenAI itself and any
 * OpenAI-compatible server by base URL. Batches up to the API's limits, L2-normalises, and checks
 * every vector's size.
 */
export class OpenAIEmbedder implements Embedder {
  readonly model: string;
  readonly dimensions: number;
  readonly breaker: ProviderBreaker;
  readonly meter: UsageMeter;
  private readonly client: OpenAI;
  private readonly apiModel: string;
  private readonly sendDimensions: boolean;
  private readonly limits: BatchLimits;
  private readonly timeoutMs: number;
  private readonly secrets: (string | undefined)[];

  constructor(options: OpenAIEmbedderOptions, client?: OpenAI) {
    this.apiModel = options.model ?? 'text-embedding-3-small';
    const name = `${options.provider ?? 'openai'}:${this.apiModel}`;
    const dimensions = options.dimensions ?? KNOWN_DIMENSIONS[this.apiModel];
    if (dimensions === undefined) {
      throw new ProviderError('PROVIDER.BAD_REQUEST', name, 'unknown embedding size: set EMBEDDING_DIMENSIONS for this model');
    }
    this.dimensions = dimensions;
    // Only text-embedding-3-* accept `dimensions`; other servers reject or ignore it.
    this.sendDimensions = options.dimensions !== undefined && this.apiModel.startsWith('text-embedding-3');
    // Shortened vectors are another model as far as caches are concerned: the size joins the id.
    this.model = this.sendDimensions ? `${name}:${dimensions}` : name;
    this.limits = options.batchLimits ?? OPENAI_BATCH_LIMITS;
    this.secrets = [options.apiKey];
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.meter = options.meter ?? new UsageMeter();
    this.breaker = new ProviderBreaker(this.model, options.breaker, options.limit);
    this.client =
      client ??
      new OpenAI({
        // A placeholder keeps the SDK from reading OPENAI_API_KEY itself (config is the only env reader).
        apiKey: options.apiKey ?? 'no-key',
        baseURL: options.baseURL ?? 'https://api.openai.com/v1',
        timeout: this.timeoutMs,
        maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
        logLevel: 'off',
      });
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const batch of batchTexts(texts, this.limits)) out.push(...(await this.embedBatch(batch)));
    return out;
  }

  breakerState(): BreakerState {
    return this.breaker.state();
  }

  private async embedBatch(batch: string[]): Promise<Float32Array[]> {
    const response = await this.breaker.call(() =>
      sdkCall(this.model, this.secrets, this.timeoutMs, () =>
        this.client.embeddings.create({
          model: this.apiModel,
          input: batch,
          encoding_format: 'float',
          ...(this.sendDimensions ? { dimensions: this.dimensions } : {}),
        }),
      ),
    );
    this.meter.record(this.apiModel, response.usage?.prompt_tokens ?? 0, 0, 'embedding');
    if (!Array.isArray(response.data) || response.data.length !== batch.length) {
      throw new ProviderError('PROVIDER.BAD_RESPONSE', this.model, `returned ${response.data?.length ?? 0} embeddings for ${batch.length} inputs`);
    }
    const vectors = new Array<Float32Array>(batch.length);
    for (const item of response.data) {
      if (!Number.isInteger(item.index) || item.index < 0 || item.index >= batch.length || vectors[item.index]) {
        throw new ProviderError('PROVIDER.BAD_RESPONSE', this.model, `returned an embedding with a bad index ${item.index}`);
      }
      vectors[item.index] = normaliseVector(item.embedding, this.dimensions, this.model);
    }
    return vectors;
  }
}

export interface AzureOpenAIEmbedderOptions extends RemoteOptions {
  /** `https://<resource>.openai.azure.com` */
  endpoint: string;
  apiKey: string;
  deployment: string;
  apiVersion: string;
  /** The model behind the deployment, for its size and price. Default `text-embedding-3-small`. */
  model?: string;
  dimensions?: number;
}

/**
 * Azure OpenAI embeddings: `POST {endpoint}/openai/deployments/{deployment}/embeddings?api-version=...`
 * with the `api-key` header (the `openai` package's AzureOpenAI client).
 */
export class AzureOpenAIEmbedder extends OpenAIEmbedder {
  constructor(options: AzureOpenAIEmbedderOptions) {
    const client = new AzureOpenAI({
      // baseURL rather than `endpoint`: with `endpoint` the SDK would also read OPENAI_BASE_URL from
      // the environment and refuse both (config is the only reader of the environment).
      baseURL: `${options.endpoint.replace(/\/+$/, '')}/openai`,
      apiKey: options.apiKey,
      deployment: options.deployment,
      apiVersion: options.apiVersion,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
      logLevel: 'off',
    });
    super({ ...options, provider: `azure:${options.deployment}`, model: options.model }, client);
  }
}
