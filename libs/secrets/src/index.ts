export { MissingSecretBox, SecretBox, SecretBoxError, type Secrets } from './secret-box';
export { redactSecretValues } from './redact';
