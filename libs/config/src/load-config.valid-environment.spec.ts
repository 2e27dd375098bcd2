import { loadConfig } from './load-config';

const minimal = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/toolgate', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('loadConfig with a valid environment', () => {
  it('applies the documented defaults when only the required variables are set', () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      HTTP_BODY_LIMIT: '10mb',
      LOG_LEVEL: 'info',
      REDIS_PREFIX: 'toolgate',
      EMBEDDER: 'local',
      ROUTER: 'local',
      WORKER_CONCURRENCY: 4,
      WORKER_HEARTBEAT_INTERVAL_MS: 5000,
      JWT_EXPIRES_IN: '1h',
    });
    expect(config.ROUTER_MODEL).toBeUndefined();
  });

  it('turns numeric variables into numbers', () => {
    const config = loadConfig({ ...minimal, PORT: '8080', WORKER_CONCURRENCY: '16' });
    expect(config.PORT).toBe(8080);
    expect(config.WORKER_CONCURRENCY).toBe(16);
  });

  it('treats empty values as unset, so a bare `PORT=` falls back to the default', () => {
    expect(loadConfig({ ...minimal, PORT: '', LOG_LEVEL: '  ' }).PORT).toBe(3000);
  });

  it('drops variables it does not know about', () => {
    expect(loadConfig({ ...minimal, PATH: '/usr/bin' })).not.toHaveProperty('PATH');
  });

  it('returns a frozen object, so no code can change configuration after boot', () => {
    expect(Object.isFrozen(loadConfig(minimal))).toBe(true);
  });

  it('picks a router model for the chosen router unless one is given', () => {
    expect(loadConfig({ ...minimal, ROUTER: 'anthropic', ANTHROPIC_API_KEY: 'k' }).ROUTER_MODEL).toBe('claude-3-5-haiku-latest');
    expect(loadConfig({ ...minimal, ROUTER: 'openai', OPENAI_API_KEY: 'k', ROUTER_MODEL: 'gpt-4.1' }).ROUTER_MODEL).toBe('gpt-4.1');
  });

  it('accepts production with a JWT secret of at least 32 characters', () => {
    const config = loadConfig({ ...minimal, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) });
    expect(config.NODE_ENV).toBe('production');
  });

  it('accepts a base64 secrets key of exactly 32 bytes', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...minimal, TOOLGATE_SECRETS_KEY: key }).TOOLGATE_SECRETS_KEY).toBe(key);
  });
});
