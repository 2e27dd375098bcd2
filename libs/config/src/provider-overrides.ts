import { z } from 'zod';
import type { ProviderConfig } from './load-provider-config';

/**
 * Names an API key may be read from. Only variables made for the purpose: an override that could name
 * any variable (DATABASE_URL, TOOLGATE_SECRETS_KEY) together with its own base URL would send that
 * value to a server of the environment admin's choosing.
 */
export const PROVIDER_KEY_VARIABLE = /^TOOLGATE_PROVIDER_KEY_[A-Z0-9_]{1,64}$/;

/** Keys that look like secrets: an override holds settings and the NAME of a key variable, never a key. */
const SECRET_LIKE = /(^|_|-)?(api_?key|apikey|secret|token|password|authorization)$/i;

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' });
const model = z.string().min(1).max(200);
const keyVariable = z.string().regex(PROVIDER_KEY_VARIABLE, 'must name an environment variable TOOLGATE_PROVIDER_KEY_<NAME> (the key itself is never stored)');

const EmbedderOverrideSchema = z.strictObject({
  kind: z.enum(['local', 'openai', 'azure', 'openai-compatible']).optional(),
  model: model.optional(),
  dimensions: z.number().int().min(1).max(16_384).optional(),
  /** OpenAI / OpenAI-compatible base URL, or the Azure endpoint. */
  baseUrl: url.optional(),
  deployment: z.string().min(1).max(200).optional(),
  apiVersion: z.string().min(1).max(40).optional(),
  apiKeyEnv: keyVariable.optional(),
});

const RouterOverrideSchema = z.strictObject({
  kind: z.enum(['local', 'openai', 'anthropic']).optional(),
  model: model.optional(),
  baseUrl: url.optional(),
  temperature: z.number().min(0).max(2).optional(),
  apiKeyEnv: keyVariable.optional(),
});

/**
 * `Environment.providerOverrides`: per-environment provider settings over the deployment's
 * (docs/providers.md). Strict: an unknown or secret-looking field is a 400 naming it.
 */
export const ProviderOverridesSchema = z
  .strictObject({ embedder: EmbedderOverrideSchema.optional(), router: RouterOverrideSchema.optional() })
  .superRefine((value, ctx) => {
    for (const part of ['embedder', 'router'] as const) {
      const o = value[part];
      if (o?.baseUrl && (o.kind === undefined || o.kind === 'local')) {
        ctx.addIssue({ code: 'custom', path: [part, 'kind'], message: 'is required with baseUrl (which provider the URL serves)' });
      }
    }
  });
export type ProviderOverrides = z.infer<typeof ProviderOverridesSchema>;

/** Finds fields that look like raw secrets before the strict schema reports them as merely unknown. */
export function secretLikeFields(value: unknown, path: string[] = []): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key !== 'apiKeyEnv' && SECRET_LIKE.test(key) ? [[...path, key].join('.')] : secretLikeFields(inner, [...path, key]),
  );
}

/**
 * The deployment's provider config with an environment's overrides applied. A key comes only from the
 * named TOOLGATE_PROVIDER_KEY_* variable when the override names one; an override that changes the
 * base URL never inherits the deployment's key (it would be sent to that URL).
 */
export function applyProviderOverrides(config: ProviderConfig, overrides: ProviderOverrides, env: Readonly<Record<string, string | undefined>> = process.env): { embedder: ProviderConfig; router: ProviderConfig } {
  const keyOf = (name: string | undefined) => (name ? (env[name] ?? undefined) : undefined);
  const e = overrides.embedder ?? {};
  const embedder: ProviderConfig = { ...config };
  if (e.kind) embedder.EMBEDDER = e.kind;
  if (e.model) embedder.EMBEDDING_MODEL = e.model;
  if (e.dimensions) embedder.EMBEDDING_DIMENSIONS = e.dimensions;
  if (e.deployment) embedder.AZURE_OPENAI_DEPLOYMENT = e.deployment;
  if (e.apiVersion) embedder.AZURE_OPENAI_API_VERSION = e.apiVersion;
  if (embedder.EMBEDDER === 'azure') {
    if (e.baseUrl) embedder.AZURE_OPENAI_ENDPOINT = e.baseUrl;
    if (e.baseUrl || e.apiKeyEnv) embedder.AZURE_OPENAI_API_KEY = keyOf(e.apiKeyEnv);
  } else {
    if (e.baseUrl) embedder.OPENAI_BASE_URL = e.baseUrl;
    if (e.baseUrl || e.apiKeyEnv) embedder.OPENAI_API_KEY = keyOf(e.apiKeyEnv);
  }
  const r = overrides.router ?? {};
  const router: ProviderConfig = { ...config };
  if (r.kind) router.ROUTER = r.kind;
  if (r.model) router.ROUTER_MODEL = r.model;
  else if (r.kind && r.kind !== config.ROUTER) router.ROUTER_MODEL = undefined;
  if (r.temperature !== undefined) router.ROUTER_TEMPERATURE = r.temperature;
  if (router.ROUTER === 'anthropic') {
    if (r.baseUrl) router.ANTHROPIC_BASE_URL = r.baseUrl;
    if (r.baseUrl || r.apiKeyEnv) router.ANTHROPIC_API_KEY = keyOf(r.apiKeyEnv);
  } else {
    if (r.baseUrl) router.OPENAI_BASE_URL = r.baseUrl;
    if (r.baseUrl || r.apiKeyEnv) router.OPENAI_API_KEY = keyOf(r.apiKeyEnv);
  }
  return { embedder, router };
}

/** `embedder.apiKeyEnv`-style paths whose variable is not set in this process (so the override could not work). */
export function unsetKeyVariables(overrides: ProviderOverrides, env: Readonly<Record<string, string | undefined>> = process.env): { path: string; variable: string }[] {
  return (['embedder', 'router'] as const).flatMap((part) => {
    const variable = overrides[part]?.apiKeyEnv;
    return variable && !env[variable] ? [{ path: `${part}.apiKeyEnv`, variable }] : [];
  });
}
