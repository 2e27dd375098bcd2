import type { ConflictStatusValue } from '@toolgate/db';

/**
 * The status changes people may make. OPEN → ACKNOWLEDGED → RESOLVED, or → SUPPRESSED (accepted
 * with a reason). A suppressed conflict can be reopened. RESOLVED is final for people: analysis
 * reopens a resolved conflict when the pair conflicts again.
 */
const ALLOWED: Record<ConflictStatusValue, readonly ConflictStatusValue[]> = {
  OPEN: ['ACKNOWLEDGED', 'RESOLVED', 'SUPPRESSED'],
  ACKNOWLEDGED: ['RESOLVED', 'SUPPRESSED'],
  SUPPRESSED: ['OPEN'],
  RESOLVED: [],
};

export function canTransition(from: ConflictStatusValue, to: ConflictStatusValue): boolean {
  return ALLOWED[from].includes(to);
}

export function allowedTransitions(from: ConflictStatusValue): readonly ConflictStatusValue[] {
  return ALLOWED[from];
}
