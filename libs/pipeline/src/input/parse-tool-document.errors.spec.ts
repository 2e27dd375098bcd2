import { pointerOf } from './json-pointer';
import { parseToolDocument } from './parse-tool-document';

const origin = { file: 'bad.json', defaultServer: 'srv' };

describe('parseToolDocument: errors', () => {
  it('reports an invalid tool with its name and the pointer of the bad field, and still loads the others', () => {
    const doc = { tools: [{ name: 'ok' }, { name: 'broken', inputSchema: 'not-an-object' }, { name: 'ok2' }] };
    const { tools, errors } = parseToolDocument(doc, origin);
    expect(tools.map((t) => t.definition.name)).toEqual(['ok', 'ok2']);
    expect(errors).toEqual([
      expect.objectContaining({ file: 'bad.json', tool: 'broken', pointer: '/tools/1/inputSchema' }),
    ]);
  });

  it('reports a tool without a name at /tools/N/name, with no tool name', () => {
    const { errors } = parseToolDocument({ tools: [{ description: 'nameless' }] }, origin);
    expect(errors).toHaveLength(1);
    expect(errors[0].pointer).toBe('/tools/0/name');
    expect(errors[0].tool).toBeUndefined();
  });

  it('reports a non-object tool entry', () => {
    const { errors } = parseToolDocument([42], origin);
    expect(errors[0]).toMatchObject({ pointer: '/0' });
  });

  it('reports a wrong-typed description with the tool name', () => {
    const { errors } = parseToolDocument({ tools: [{ name: 'x', description: 7 }] }, origin);
    expect(errors[0]).toMatchObject({ tool: 'x', pointer: '/tools/0/description' });
  });

  it('keeps the first of two tools with the same name in one server and reports the later one', () => {
    const { tools, errors } = parseToolDocument({ tools: [{ name: 'dup', description: 'first' }, { name: 'dup', description: 'second' }] }, origin);
    expect(tools).toHaveLength(1);
    expect(tools[0].definition.description).toBe('first');
    expect(errors).toEqual([expect.objectContaining({ tool: 'dup', pointer: '/tools/1/name' })]);
    expect(errors[0].message).toContain('/tools/0');
  });

  it('reports "tools" that is not an array', () => {
    const { tools, errors } = parseToolDocument({ tools: { name: 'x' } }, origin);
    expect(tools).toEqual([]);
    expect(errors[0]).toMatchObject({ pointer: '/tools' });
  });

  it('reports a document that is not JSON object or array', () => {
    expect(parseToolDocument('hello', origin).errors[0]).toMatchObject({ pointer: '' });
    expect(parseToolDocument(null, origin).errors[0].message).toContain('null');
  });

  it('falls back to the default server when "server" is not a string, and says so', () => {
    const { tools, errors } = parseToolDocument({ server: 3, tools: [{ name: 'a' }] }, origin);
    expect(tools[0].server).toBe('srv');
    expect(errors[0]).toMatchObject({ pointer: '/server' });
  });

  it('reports a wrong-typed annotations field at its pointer', () => {
    const doc = { tools: [{ name: 'a', annotations: 'oops' }] };
    expect(parseToolDocument(doc, origin).errors[0].pointer).toBe('/tools/0/annotations');
  });

  it('escapes JSON pointer tokens (~ and /)', () => {
    expect(pointerOf('/tools/0', ['inputSchema', 'properties', 'a/b~c'])).toBe('/tools/0/inputSchema/properties/a~1b~0c');
  });
});
