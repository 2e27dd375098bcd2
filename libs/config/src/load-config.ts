import { type Config, EnvSchema } from './env.schema';
import { crossFieldIssues } from './env.rules';
import { ConfigError } from './config.errors';

/** The environment as Node gives it: every value a string or absent. */
export type Env = Record<string, string | undefined>;

// Values of these variables never appear in error messages, even when malformed.
const SECRET = /(SECRET|PASSWORD|API_KEY|PUBLIC_KEY|SECRETS_KEY|SECRETS_PREVIOUS_KEYS|TOKEN)$/;
const MAX_ECHO = 60;

/**
 * Validates the environment once, at boot. The only place in the code base that reads
 * `process.env`; everything else receives the returned object.
 *
 * @throws ConfigError with a one-line message naming every invalid variable.
 */
export function loadConfig(env: Env = process.env): Config {
  const present = withoutEmptyValues(env);
  const parsed = EnvSchema.safeParse(present);
  if (parsed.success) return Object.freeze(parsed.data);

  const problems = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const variable = String(issue.path[0] ?? '(environment)');
    if (!problems.has(variable)) problems.set(variable, describe(variable, issue.message, present[variable]));
  }
  // Zod skips object-level rules when a field failed; report them anyway so one restart fixes all.
  for (const issue of crossFieldIssues(present)) {
    if (!problems.has(issue.variable)) problems.set(issue.variable, `${issue.variable} ${issue.message}`);
  }
  throw new ConfigError([...problems.values()]);
}

/** Empty values count as unset (shared with loadProviderConfig). */
export function withoutEmptyValues(env: Env): Record<string, string> {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') present[name] = value;
  }
  return present;
}

/** One problem line; never echoes a secret's value. */
export function describe(variable: string, message: string, value: string | undefined): string {
  if (value === undefined || SECRET.test(variable)) return `${variable} ${message}`;
  return `${variable} ${message} (got ${JSON.stringify(redact(value))})`;
}

/** Hides URL passwords and cuts long values: a typo in DATABASE_URL must not print the password. */
function redact(value: string): string {
  const withoutPassword = value.replace(/\/\/([^/:@\s]*):[^@/\s]*@/, '//$1:***@');
  return withoutPassword.length > MAX_ECHO ? `${withoutPassword.slice(0, MAX_ECHO)}...` : withoutPassword;
}

/**
 * `loadConfig` for a process entry point: on a bad environment, prints the one-line message (a
 * stack trace would only bury it in the container log) and exits 1.
 */
export function loadConfigOrExit(env: Env = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
