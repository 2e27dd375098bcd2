import { verdict } from './results-markdown';

describe('verdict', () => {
  it('says met and by how much under', () => {
    expect(verdict(0.21, { limit: 0.35, unit: 's' })).toBe('**met** (0.21 s ≤ 0.35 s, 40% under)');
  });

  it('says missed and by what factor', () => {
    expect(verdict(0.7, { limit: 0.35, unit: 's' })).toBe('**missed** by 2.0× (0.70 s vs 0.35 s)');
    expect(verdict(1900, { limit: 1536, unit: 'MiB' })).toBe('**missed** by 1.2× (1900 MiB vs 1536 MiB)');
  });

  it('has no verdict without a target or a measurement', () => {
    expect(verdict(3, undefined)).toBe('–');
    expect(verdict(Number.NaN, { limit: 1, unit: 's' })).toBe('not measured');
  });
});
