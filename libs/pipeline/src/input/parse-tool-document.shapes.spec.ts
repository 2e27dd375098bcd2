import { parseToolDocument } from './parse-tool-document';

const origin = { file: 'tools.json', defaultServer: 'from-file' };
const tool = (name: string) => ({ name, description: `${name} things`, inputSchema: { type: 'object', properties: {} } });

describe('parseToolDocument: accepted shapes', () => {
  it('reads an MCP tools/list result (with nextCursor) under the default server', () => {
    const { tools, errors } = parseToolDocument({ tools: [tool('a'), tool('b')], nextCursor: 'abc' }, origin);
    expect(errors).toEqual([]);
    expect(tools.map((t) => t.key)).toEqual(['from-file/a', 'from-file/b']);
    expect(tools[1].source).toEqual({ file: 'tools.json', pointer: '/tools/1' });
  });

  it('uses the document server field when present', () => {
    const { tools } = parseToolDocument({ server: 'github', tools: [tool('create_issue')] }, origin);
    expect(tools[0]).toMatchObject({ key: 'github/create_issue', server: 'github' });
  });

  it('reads a bare array of tools with pointers /0, /1', () => {
    const { tools, errors } = parseToolDocument([tool('x'), tool('y')], origin);
    expect(errors).toEqual([]);
    expect(tools.map((t) => t.source?.pointer)).toEqual(['/0', '/1']);
  });

  it('reads a single tool object', () => {
    const { tools } = parseToolDocument(tool('solo'), origin);
    expect(tools).toHaveLength(1);
    expect(tools[0]).toMatchObject({ key: 'from-file/solo', source: { pointer: '' } });
  });

  it('reads a raw JSON-RPC tools/list response', () => {
    const { tools } = parseToolDocument({ jsonrpc: '2.0', id: 1, result: { tools: [tool('rpc')] } }, origin);
    expect(tools[0].source?.pointer).toBe('/result/tools/0');
  });

  it('fills defaults for a tool with only a name', () => {
    const { tools } = parseToolDocument({ tools: [{ name: 'bare' }] }, origin);
    expect(tools[0].definition).toEqual({ name: 'bare', description: '', inputSchema: { type: 'object', properties: {} } });
  });
});
