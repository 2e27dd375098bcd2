import type { Principal } from './jwt.strategy';

/**
 * How long a verified API key is trusted without asking Postgres again. Revoking a key takes effect at
 * once in the process that revoked it (it evicts the key) and within this long in every other API process.
 * Documented in docs/api.md ("Authentication cost").
 */
export const VERIFIED_KEY_TTL_MS = 5_000;
/** Keys remembered at most (distinct keys in use within one TTL); the oldest entry goes first. */
const MAX_ENTRIES = 10_000;

interface Entry {
  principal: Principal;
  keyId: string;
  /** When this process must ask Postgres again. */
  recheckAt: number;
  /** The key's own expiry (ms since epoch), checked on every hit. */
  expiresAt: number | null;
}

/**
 * Recently verified API keys by hash. Only keys that WERE usable are remembered: an unknown key is asked
 * about every time (nothing to remember, and a flood of random keys cannot fill the map).
 */
export class VerifiedKeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = VERIFIED_KEY_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get(hash: string): Principal | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    const now = this.now();
    if (now >= entry.recheckAt || (entry.expiresAt !== null && now >= entry.expiresAt)) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.principal;
  }

  set(hash: string, keyId: string, principal: Principal, expiresAt: Date | null): void {
    this.entries.delete(hash);
    this.entries.set(hash, { principal, keyId, recheckAt: this.now() + this.ttlMs, expiresAt: expiresAt?.getTime() ?? null });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets a key (revoked here): the next request with it asks Postgres. */
  evictKey(keyId: string): void {
    for (const [hash, entry] of this.entries) if (entry.keyId === keyId) this.entries.delete(hash);
  }
}
