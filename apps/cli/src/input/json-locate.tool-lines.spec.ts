import { locatePointers } from './json-locate';

describe('locatePointers', () => {
  const text = [
    '{',
    '  "server": "s",',
    '  "note": "a } ] \\" tricky \\n string",',
    '  "tools": [',
    '    { "name": "a", "inputSchema": { "type": "object", "properties": { "x": { "type": "string" } } } },',
    '    {',
    '      "name": "b/c"',
    '    }',
    '  ],',
    '  "result": { "tools": [ {} ] }',
    '}',
  ].join('\n');

  it('finds the line of each tool, past strings that hold brackets and escaped quotes', () => {
    const found = locatePointers(text, new Set(['/tools/0', '/tools/1', '/tools/1/name', '/result/tools/0']));
    expect(Object.fromEntries(found)).toEqual({ '/tools/0': 5, '/tools/1': 6, '/tools/1/name': 7, '/result/tools/0': 10 });
  });

  it('finds tools in a bare array and ignores pointers that do not exist', () => {
    const found = locatePointers('[\n  {"name": "a"},\n\n  {"name": "b"}\n]', new Set(['/0', '/1', '/7']));
    expect(Object.fromEntries(found)).toEqual({ '/0': 2, '/1': 4 });
  });

  it('steps over numbers, booleans and null next to the tools', () => {
    const found = locatePointers('{"count":12345,"ok":true,"x":null,"tools":[\n{"n":-1.5e3},\n{}]}', new Set(['/tools/1']));
    expect(Object.fromEntries(found)).toEqual({ '/tools/1': 3 });
  });

  it('escapes keys as RFC 6901 tokens', () => {
    expect(Object.fromEntries(locatePointers('{"a/b":\n{"~":\n1}}', new Set(['/a~1b/~0'])))).toEqual({ '/a~1b/~0': 3 });
  });
});
