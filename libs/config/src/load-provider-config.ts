import { z } from 'zod';
import { ConfigError } from './config.errors';
import { DEFAULT_ROUTER_MODEL, PROVIDER_VARIABLES, providerFields } from './env.providers';
import { crossFieldIssues } from './env.rules';
import { describe, type Env, withoutEmptyValues } from './load-config';

const ProviderEnvSchema = z.object(providerFields);

/** The provider settings: what `loadProviderConfig` returns (and a structural subset of `Config`). */
export type ProviderConfig = z.output<typeof ProviderEnvSchema> & { ROUTER_MODEL: string | undefined };

/**
 * Validates only the provider variables (EMBEDDER, ROUTER, keys, timeouts, breaker), for entry
 * points such as the CLI that must not require DATABASE_URL or REDIS_URL. Same rules and messages
 * as `loadConfig`; secrets are never echoed.
 *
 * @throws ConfigError naming every invalid provider variable.
 */
export function loadProviderConfig(env: Env): ProviderConfig {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(withoutEmptyValues(env))) {
    if (PROVIDER_VARIABLES.includes(name)) present[name] = value;
  }
  const problems = new Map<string, string>();
  const parsed = ProviderEnvSchema.safeParse(present);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? '(environment)');
      if (!problems.has(variable)) problems.set(variable, describe(variable, issue.message, present[variable]));
    }
  }
  for (const issue of crossFieldIssues(present)) {
    if (!problems.has(issue.variable)) problems.set(issue.variable, `${issue.variable} ${issue.message}`);
  }
  if (!parsed.success || problems.size > 0) throw new ConfigError([...problems.values()]);
  const values = parsed.data;
  return Object.freeze({ ...values, ROUTER_MODEL: values.ROUTER_MODEL ?? DEFAULT_ROUTER_MODEL[values.ROUTER] });
}
