import { allowedTransitions, canTransition } from './conflict-transitions';

describe('conflict status transitions', () => {
  it('lets an open conflict be acknowledged, resolved or suppressed', () => {
    expect(canTransition('OPEN', 'ACKNOWLEDGED')).toBe(true);
    expect(canTransition('OPEN', 'RESOLVED')).toBe(true);
    expect(canTransition('OPEN', 'SUPPRESSED')).toBe(true);
  });

  it('moves acknowledged forward only', () => {
    expect(canTransition('ACKNOWLEDGED', 'RESOLVED')).toBe(true);
    expect(canTransition('ACKNOWLEDGED', 'SUPPRESSED')).toBe(true);
    expect(canTransition('ACKNOWLEDGED', 'OPEN')).toBe(false);
  });

  it('treats resolved as final and a same-status change as invalid', () => {
    expect(allowedTransitions('RESOLVED')).toEqual([]);
    expect(canTransition('OPEN', 'OPEN')).toBe(false);
    expect(canTransition('SUPPRESSED', 'SUPPRESSED')).toBe(false);
  });

  it('can reopen a suppressed conflict', () => {
    expect(canTransition('SUPPRESSED', 'OPEN')).toBe(true);
    expect(canTransition('SUPPRESSED', 'RESOLVED')).toBe(false);
  });
});
