import type { AuditEntry } from './audit-entry';
import { type ChainTip, entryHash } from './hash-chain';

/** Why a link is broken. */
export type ChainBreakReason =
  /** The entry's content no longer hashes to its stored hash: the entry was modified. */
  | 'hash_mismatch'
  /** The entry's prevHash is not the previous entry's hash: an entry was removed, inserted or rewritten before it. */
  | 'prev_hash_mismatch'
  /** The sequence does not continue by one: entries are missing or duplicated. */
  | 'sequence_gap';

/** The first broken link of a chain. */
export interface ChainBreak {
  seq: number;
  id: string;
  reason: ChainBreakReason;
  expected: string;
  actual: string;
}

export interface ChainVerification {
  ok: boolean;
  /** Entries checked, up to and including the broken one. */
  checked: number;
  /** The last entry that verified, or null when none did. */
  lastValid: ChainTip | null;
  firstBroken: ChainBreak | null;
}

/**
 * Checks a chain one entry at a time (constant memory: callers stream entries in batches). Stops at the
 * first broken link; later pushes are ignored. Start from `from` to verify a suffix whose predecessor is trusted.
 */
export class ChainVerifier {
  private tip: ChainTip | null;
  private checked = 0;
  private broken: ChainBreak | null = null;
  private lastValid: ChainTip | null = null;

  constructor(from: ChainTip | null = null) {
    this.tip = from;
  }

  /** Checks the next entry; returns the break when this entry is the first broken link. */
  push(entry: AuditEntry): ChainBreak | null {
    if (this.broken) return null;
    this.checked += 1;
    const expectedSeq = (this.tip?.seq ?? 0) + 1;
    const expectedPrev = this.tip?.hash ?? null;
    if (entry.seq !== expectedSeq) return this.fail(entry, 'sequence_gap', String(expectedSeq), String(entry.seq));
    if (entry.prevHash !== expectedPrev) return this.fail(entry, 'prev_hash_mismatch', expectedPrev ?? '(none)', entry.prevHash ?? '(none)');
    const recomputed = entryHash(entry.prevHash, entry);
    if (recomputed !== entry.hash) return this.fail(entry, 'hash_mismatch', recomputed, entry.hash);
    this.tip = { seq: entry.seq, hash: entry.hash };
    this.lastValid = this.tip;
    return null;
  }

  result(): ChainVerification {
    return { ok: this.broken === null, checked: this.checked, lastValid: this.lastValid, firstBroken: this.broken };
  }

  private fail(entry: AuditEntry, reason: ChainBreakReason, expected: string, actual: string): ChainBreak {
    this.broken = { seq: entry.seq, id: entry.id, reason, expected, actual };
    return this.broken;
  }
}

/** Verifies a whole chain held in memory, from seq 1. See {@link ChainVerifier} for streams. */
export function verifyChain(entries: Iterable<AuditEntry>): ChainVerification {
  const verifier = new ChainVerifier();
  for (const entry of entries) if (verifier.push(entry)) break;
  return verifier.result();
}
