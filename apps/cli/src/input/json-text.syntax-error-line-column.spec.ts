import { lineColumn, parseJsonText } from './json-text';

describe('parseJsonText', () => {
  it('parses valid JSON, with or without a BOM', () => {
    expect(parseJsonText('\ufeff{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('names the line and column of a syntax error', () => {
    const result = parseJsonText('{\n  "tools": [\n    { "name": "x", }\n  ]\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.line).toBe(3);
      expect(result.column).toBe(20);
      expect(result.message).not.toMatch(/position/);
    }
  });

  it('puts an unexpected end of input at the end of the text', () => {
    const result = parseJsonText('{\n  "tools": [');
    expect(result).toMatchObject({ ok: false, line: 2 });
  });

  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
