/**
 * The environment is invalid. `message` is one line naming every bad variable, meant to be
 * printed as is (no stack trace) before the process exits.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment: ${problems.join('; ')}`);
  }
}
