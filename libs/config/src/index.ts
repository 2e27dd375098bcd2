export { EnvSchema, type Config, type EnvInput } from './env.schema';
export { loadConfig, loadConfigOrExit, type Env } from './load-config';
export { ConfigError } from './config.errors';
export { loadProviderConfig, type ProviderConfig } from './load-provider-config';
export { PROVIDER_VARIABLES } from './env.providers';
export { AppConfig } from './app-config';
export {
  DomainError,
  ValidationError,
  NotFoundError,
  ConflictError,
  type DomainErrorKind,
  type ErrorDetails,
} from './errors/domain-error';
export {
  ProviderOverridesSchema,
  PROVIDER_KEY_VARIABLE,
  applyProviderOverrides,
  secretLikeFields,
  unsetKeyVariables,
  type ProviderOverrides,
} from './provider-overrides';
export { bearerTokenCheck } from './bearer-token';
