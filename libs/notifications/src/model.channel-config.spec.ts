import { channelSecretValues, parseChannelConfig, type NotificationChannel } from './model';

describe('parseChannelConfig', () => {
  it('accepts a valid config per kind and applies defaults', () => {
    expect(parseChannelConfig('slack', {}, { webhookUrl: 'https://hooks.slack.com/services/T1/B2/abc' }).ok).toBe(true);
    expect(parseChannelConfig('pagerduty', undefined, { routingKey: 'R0123' })).toEqual({ ok: true, settings: {}, secrets: { routingKey: 'R0123' } });
    const email = parseChannelConfig('email', { host: 'smtp.example.com', port: 587, from: 'a@example.com', to: ['b@example.com'] }, { user: 'u', password: 'p' });
    expect(email).toMatchObject({ ok: true, settings: { secure: false } });
  });

  it('names every bad field with its settings./secrets. path', () => {
    const result = parseChannelConfig('email', { host: '', port: 70000, from: 'nope', to: [], cc: 'x' }, { user: 'only-user' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual([
      { field: 'settings.host', message: 'host is required' },
      { field: 'settings.port', message: 'port must be 1-65535' },
      { field: 'settings.from', message: 'from must be an email address' },
      { field: 'settings.to', message: 'to needs at least one address' },
      { field: 'settings.cc', message: 'cc is not a known field' },
      { field: 'secrets.password', message: 'user and password go together' },
    ]);
  });

  it('rejects non-http URLs and short signing secrets', () => {
    const result = parseChannelConfig('webhook', {}, { url: 'file:///etc/passwd', signingSecret: 'short' });
    expect(!result.ok && result.issues.map((i) => i.field)).toEqual(['secrets.url', 'secrets.signingSecret']);
    expect(!result.ok && result.issues[0]?.message).toBe('url must be an http(s) URL');
  });

  it('a secret placed in settings is refused rather than stored in clear', () => {
    const result = parseChannelConfig('slack', { webhookUrl: 'https://hooks.slack.com/services/T/B/x' }, {});
    expect(!result.ok && result.issues.map((i) => i.field)).toEqual(['settings.webhookUrl', 'secrets.webhookUrl']);
  });
});

describe('channelSecretValues', () => {
  it('lists the secrets and the token parts of secret URLs', () => {
    const channel: NotificationChannel = { id: 'w', kind: 'webhook', settings: {}, secrets: { url: 'https://hooks.example.com/in/abcdef123456?token=qwerty789', signingSecret: 'whsec_0123456789abcdef' } };
    expect(channelSecretValues(channel)).toEqual(expect.arrayContaining(['https://hooks.example.com/in/abcdef123456?token=qwerty789', 'whsec_0123456789abcdef', 'qwerty789', 'abcdef123456']));
  });
});
