import { ConfigError } from './config.errors';
import { loadConfig, type Env } from './load-config';

const minimal = { DATABASE_URL: 'postgres://postgres@127.0.0.1/toolgate', REDIS_URL: 'redis://127.0.0.1:6379' };

function messageFor(env: Env): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig with an invalid environment', () => {
  it('names the variable, the rule and the value it got', () => {
    expect(messageFor({ ...minimal, DATABASE_URL: 'nonsense' })).toBe(
      'Invalid environment: DATABASE_URL must be a postgres:// URL (got "nonsense")',
    );
  });

  it('rejects a URL with the wrong scheme', () => {
    expect(messageFor({ ...minimal, REDIS_URL: 'http://127.0.0.1:6379' })).toContain('REDIS_URL must be a redis:// URL');
  });

  it('reports every bad variable on one line', () => {
    const message = messageFor({ DATABASE_URL: 'mysql://db', PORT: '70000', LOG_LEVEL: 'loud' });
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('DATABASE_URL must be a postgres:// URL');
    expect(message).toContain('REDIS_URL is required');
    expect(message).toContain('PORT must be an integer between 1 and 65535 (got "70000")');
    expect(message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  });

  it('lists each problem in ConfigError.problems', () => {
    try {
      loadConfig({});
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(['DATABASE_URL is required', 'REDIS_URL is required']);
      return;
    }
    throw new Error('expected loadConfig to throw');
  });

  it('never prints the value of a secret', () => {
    const message = messageFor({ ...minimal, JWT_SECRET: 'too-short-but-secret' });
    expect(message).toBe('Invalid environment: JWT_SECRET must be at least 32 characters');
  });

  it('never prints the value of the metrics token', () => {
    expect(messageFor({ ...minimal, METRICS_TOKEN: 'short-token' })).toBe('Invalid environment: METRICS_TOKEN must be at least 16 characters');
  });

  it('masks the password of a malformed database URL', () => {
    const message = messageFor({ ...minimal, DATABASE_URL: 'postgress://app:hunter2@db/toolgate' });
    expect(message).toContain('(got "postgress://app:***@db/toolgate")');
    expect(message).not.toContain('hunter2');
  });

  it('rejects a secrets key that is not 32 bytes of base64', () => {
    expect(messageFor({ ...minimal, TOOLGATE_SECRETS_KEY: 'c2hvcnQ=' })).toContain('TOOLGATE_SECRETS_KEY must be 32 bytes');
  });
});
