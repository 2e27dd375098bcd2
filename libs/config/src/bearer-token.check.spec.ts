import { bearerTokenCheck } from './bearer-token';

describe('bearerTokenCheck (METRICS_TOKEN on the API and worker /metrics)', () => {
  it('accepts exactly `Bearer <token>` (scheme case-insensitive) and refuses anything else', () => {
    const check = bearerTokenCheck('metrics-token-0123456789');
    expect(check('Bearer metrics-token-0123456789')).toBe(true);
    expect(check('bearer metrics-token-0123456789')).toBe(true);
    for (const header of [undefined, '', 'Bearer', 'Bearer metrics-token-012345678', 'Bearer metrics-token-01234567890', 'Basic metrics-token-0123456789', 'metrics-token-0123456789']) {
      expect(check(header)).toBe(false);
    }
  });

  it('lets every request through when no token is configured', () => {
    expect(bearerTokenCheck(undefined)(undefined)).toBe(true);
  });
});
