import { healthScore } from './registry-health';

describe('healthScore', () => {
  it('is 100 without unresolved conflicts, even for an empty registry', () => {
    expect(healthScore({}, 0)).toBe(100);
    expect(healthScore({ INFO: 4 }, 10)).toBe(100);
  });

  it('costs 10 points for one CRITICAL conflict among ten tools', () => {
    expect(healthScore({ CRITICAL: 1 }, 10)).toBe(90);
  });

  it('weights severities and divides by the registry size', () => {
    // 5 + 2×2 + 1 = 10 points over 20 tools → 100 − 5
    expect(healthScore({ HIGH: 1, MEDIUM: 2, LOW: 1 }, 20)).toBe(95);
  });

  it('clamps at 0 for a registry full of critical conflicts', () => {
    expect(healthScore({ CRITICAL: 3 }, 2)).toBe(0);
  });
});
