import { formatRouteJson, formatRouteTable } from './route.formatter';

const ranking = Array.from({ length: 7 }, (_, i) => ({ server: 's', tool: `t${i}`, score: 0.9 - i * 0.1 }));
const result = { query: 'open an issue', choice: { server: 's', tool: 't0' }, ranking, reason: 'name and description match "issue"' };

describe('route formatters', () => {
  it('json keeps query, choice, full ranking and reason', () => {
    const doc = JSON.parse(formatRouteJson(result));
    expect(doc).toEqual({ query: 'open an issue', choice: { server: 's', tool: 't0' }, ranking, reason: result.reason });
  });

  it('json writes choice null when no tool fits, and omits an absent reason', () => {
    const doc = JSON.parse(formatRouteJson({ query: 'q', choice: null, ranking: [] }));
    expect(doc).toEqual({ query: 'q', choice: null, ranking: [] });
  });

  it('table shows the top five, the reason and the margin', () => {
    const text = formatRouteTable(result, { color: false });
    expect(text).toContain('Choice: s/t0');
    expect(text).toContain('Why: name and description match "issue"');
    expect(text).toContain('5  s/t4  0.50');
    expect(text).not.toContain('s/t5');
    expect(text).toContain('… 2 more');
    expect(text).toContain('Margin between #1 and #2: 0.10');
  });
});
