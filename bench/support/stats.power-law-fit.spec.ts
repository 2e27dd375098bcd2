import { fitPowerLaw, median, percentile } from './stats';

describe('stats', () => {
  it('takes medians and interpolated percentiles', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBeCloseTo(9.55);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('recovers the exponent of a power law', () => {
    const quadratic = [1000, 2000, 8000].map((x) => ({ x, y: 3e-6 * x ** 2 }));
    expect(fitPowerLaw(quadratic)!.exponent).toBeCloseTo(2, 6);
    const nLogN = [2000, 10000, 50000].map((x) => ({ x, y: x * Math.log(x) }));
    const k = fitPowerLaw(nLogN)!.exponent;
    expect(k).toBeGreaterThan(1);
    expect(k).toBeLessThan(1.2);
  });

  it('needs two distinct sizes', () => {
    expect(fitPowerLaw([{ x: 10, y: 1 }])).toBeUndefined();
    expect(fitPowerLaw([{ x: 10, y: 1 }, { x: 10, y: 2 }])).toBeUndefined();
  });
});
