import { MissingSecretBox, SecretBox, SecretBoxError } from './secret-box';
import { redactSecretValues } from './redact';

describe('SecretBox', () => {
  const key = SecretBox.generateKey();

  it('round-trips text and JSON, with a fresh IV each time', () => {
    const box = new SecretBox(key);
    const a = box.seal('https://hooks.slack.com/services/T000/B000/XXXX');
    const b = box.seal('https://hooks.slack.com/services/T000/B000/XXXX');
    expect(a.equals(b)).toBe(false);
    expect(box.open(a)).toBe('https://hooks.slack.com/services/T000/B000/XXXX');
    expect(box.openJson(box.sealJson({ Authorization: 'Bearer t0k3n' }))).toEqual({ Authorization: 'Bearer t0k3n' });
    expect(a.toString('utf8')).not.toContain('hooks.slack.com');
  });

  it('refuses a tampered ciphertext and a ciphertext moved to another record', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('routing-key-123', 'channel:1');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 0x01;
    expect(() => box.open(tampered, 'channel:1')).toThrow(/failed authentication/);
    expect(() => box.open(sealed, 'channel:2')).toThrow(/failed authentication/);
    expect(box.open(sealed, 'channel:1')).toBe('routing-key-123');
  });

  it('names the key problem: another key, a previous key that still opens, a bad key, no key', () => {
    const oldKey = SecretBox.generateKey();
    const sealedWithOld = new SecretBox(oldKey).seal('smtp-password');
    expect(() => new SecretBox(key).open(sealedWithOld)).toThrow(/sealed with another key/);
    expect(new SecretBox(key, [oldKey]).open(sealedWithOld)).toBe('smtp-password');
    expect(() => new SecretBox('c2hvcnQ=')).toThrow(SecretBoxError);
    const missing = SecretBox.fromConfig(undefined);
    expect(missing).toBeInstanceOf(MissingSecretBox);
    expect(missing.available).toBe(false);
    expect(() => missing.seal('x')).toThrow(/TOOLGATE_SECRETS_KEY is not set/);
    expect(() => new SecretBox(key).open(Buffer.from('not an envelope'))).toThrow(/not a Toolgate secret envelope/);
  });
});

describe('redactSecretValues', () => {
  it('replaces every occurrence, longest secret first, and ignores trivially short values', () => {
    const text = 'POST https://example.test/hook?token=abcd1234 failed: token abcd1234 rejected (id 42)';
    expect(redactSecretValues(text, ['https://example.test/hook?token=abcd1234', 'abcd1234', '42', undefined])).toBe(
      'POST [redacted] failed: token [redacted] rejected (id 42)',
    );
  });
});
