import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for the secrets Toolgate stores (MCP server headers and env, webhook URLs,
 * PagerDuty routing keys, SMTP passwords): AES-256-GCM with a random 96-bit IV per value.
 *
 * Envelope (bytes): version (1) | key id (8) | IV (12) | auth tag (16) | ciphertext.
 * The key id is the first 8 bytes of SHA-256(key): it lets `open` name the problem when a value was
 * sealed with another key, and lets a deployment rotate keys by listing the old ones as `previous`.
 * An optional `context` is bound as GCM additional data (e.g. `notification-channel:<id>`), so a
 * ciphertext copied into another row does not decrypt there.
 */
const VERSION = 1;
const KEY_ID_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_ID_BYTES + IV_BYTES + TAG_BYTES;

export class SecretBoxError extends Error {
  constructor(
    readonly code: 'SECRETS.KEY_MISSING' | 'SECRETS.KEY_INVALID' | 'SECRETS.UNKNOWN_KEY' | 'SECRETS.CORRUPT',
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

interface Key {
  id: Buffer;
  bytes: Buffer;
}

function toKey(base64: string): Key {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== 32 || bytes.toString('base64') !== base64) {
    throw new SecretBoxError('SECRETS.KEY_INVALID', 'TOOLGATE_SECRETS_KEY must be 32 bytes encoded as base64 (openssl rand -base64 32)');
  }
  return { id: createHash('sha256').update(bytes).digest().subarray(0, KEY_ID_BYTES), bytes };
}

export class SecretBox {
  private readonly current: Key;
  private readonly all: Key[];

  /** `key` and `previous` are base64-encoded 32-byte keys; values are always sealed with `key`. */
  constructor(key: string, previous: readonly string[] = []) {
    this.current = toKey(key);
    this.all = [this.current, ...previous.map(toKey)];
  }

  /**
   * The box for a deployment's configured key, or a box that refuses to seal or open with a clear
   * message when no key is configured (features that store secrets then answer with that message).
   */
  static fromConfig(key: string | undefined, previous: readonly string[] = []): SecretBox | MissingSecretBox {
    return key ? new SecretBox(key, previous) : new MissingSecretBox();
  }

  /** A fresh random key, base64-encoded (what `openssl rand -base64 32` prints). */
  static generateKey(): string {
    return randomBytes(32).toString('base64');
  }

  readonly available = true;

  seal(plaintext: string, context = ''): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), this.current.id, iv, cipher.getAuthTag(), body]);
  }

  open(envelope: Uint8Array, context = ''): string {
    const data = Buffer.from(envelope);
    if (data.length < HEADER_BYTES || data[0] !== VERSION) {
      throw new SecretBoxError('SECRETS.CORRUPT', 'stored secret is not a Toolgate secret envelope (version byte or length wrong)');
    }
    const keyId = data.subarray(1, 1 + KEY_ID_BYTES);
    const key = this.all.find((candidate) => candidate.id.equals(keyId));
    if (!key) {
      throw new SecretBoxError(
        'SECRETS.UNKNOWN_KEY',
        `stored secret was sealed with another key (key id ${keyId.toString('hex')}); configure it in TOOLGATE_SECRETS_PREVIOUS_KEYS to read it`,
      );
    }
    const ivStart = 1 + KEY_ID_BYTES;
    const tagStart = ivStart + IV_BYTES;
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, data.subarray(ivStart, tagStart));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(data.subarray(tagStart, HEADER_BYTES));
    try {
      return Buffer.concat([decipher.update(data.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('SECRETS.CORRUPT', 'stored secret failed authentication (tampered, or sealed for another record)');
    }
  }

  sealJson(value: unknown, context = ''): Buffer {
    return this.seal(JSON.stringify(value), context);
  }

  openJson<T = unknown>(envelope: Uint8Array, context = ''): T {
    return JSON.parse(this.open(envelope, context)) as T;
  }
}

/** Stand-in when TOOLGATE_SECRETS_KEY is unset: every use fails with one actionable message. */
export class MissingSecretBox {
  readonly available = false;

  private fail(): never {
    throw new SecretBoxError(
      'SECRETS.KEY_MISSING',
      'TOOLGATE_SECRETS_KEY is not set: Toolgate cannot store or read secrets (generate one with: openssl rand -base64 32)',
    );
  }

  seal(_plaintext: string, _context?: string): Buffer {
    return this.fail();
  }

  open(_envelope: Uint8Array, _context?: string): string {
    return this.fail();
  }

  sealJson(_value: unknown, _context?: string): Buffer {
    return this.fail();
  }

  openJson<T = unknown>(_envelope: Uint8Array, _context?: string): T {
    return this.fail();
  }
}

export type Secrets = SecretBox | MissingSecretBox;
