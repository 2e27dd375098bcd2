import { ConfigError, loadProviderConfig } from '@toolgate/config';
import { createProviders, type Providers } from '@toolgate/providers';
import { UsageError, type CliIo } from '../cli-io';

export const EMBEDDER_KINDS = ['local', 'openai', 'azure', 'openai-compatible'] as const;
export const ROUTER_KINDS = ['local', 'openai', 'anthropic'] as const;

/** `--embedder` / `--router`: override EMBEDDER / ROUTER; keys and URLs still come from the environment. */
export interface ProviderFlags {
  embedder?: (typeof EMBEDDER_KINDS)[number];
  router?: (typeof ROUTER_KINDS)[number];
}

/**
 * The providers for one CLI run. Only the provider variables are validated (loadProviderConfig),
 * so `toolgate check` never needs DATABASE_URL; a bad provider setup is a usage error (exit 2).
 */
export function cliProviders(flags: ProviderFlags, io: CliIo): Providers {
  const env = { ...io.env, ...(flags.embedder ? { EMBEDDER: flags.embedder } : {}), ...(flags.router ? { ROUTER: flags.router } : {}) };
  try {
    return createProviders(loadProviderConfig(env));
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** One stderr line with the run's model usage, when a remote model was called. */
export function reportUsage(providers: Providers, io: CliIo): void {
  const total = providers.meter.total();
  if (total.calls === 0) return;
  const tokens = total.inputTokens + total.outputTokens;
  io.stderr.write(`toolgate: model usage: ${total.calls} calls, ${tokens} tokens, ~$${total.costUsd.toFixed(4)} (${providers.describe().embedder}, ${providers.describe().router})\n`);
}
