import { summary, toolWith } from './scan-tool.fixtures';
import { toolNameFindings } from './tool-name';

describe('scanTool: SEP-986 tool names', () => {
  it.each(['getUser', 'user-profile.update', 'DATA_EXPORT_v2', 'admin.tools.list', 'a'.repeat(64)])('%s is valid', (name) => {
    expect(toolNameFindings('s', name)).toEqual([]);
  });

  it.each([
    ['my tool', 'MEDIUM', 'charset'],
    ['user/profile', 'MEDIUM', 'charset'],
    ['查询天气', 'MEDIUM', 'charset'],
    ['s\u0435nd_email', 'HIGH', 'lookalike-characters'],
    ['a'.repeat(65), 'LOW', 'portable-length'],
    ['a'.repeat(129), 'MEDIUM', 'length'],
  ])('%s → %s (%s)', (name, severity, rule) => {
    expect(toolNameFindings('s', name)).toEqual([expect.objectContaining({ type: 'invalid-tool-name', severity, evidence: expect.objectContaining({ rule, pointer: '/name' }) })]);
  });

  it('names the offending characters', () => {
    expect(toolNameFindings('s', 'my tool!')[0].evidence.invalidChars).toEqual([
      { char: ' ', codePoint: 'U+0020' },
      { char: '!', codePoint: 'U+0021' },
    ]);
  });
});

describe('scanTool: excessive length', () => {
  it('reports a description over 2,048 characters LOW and over 8,192 MEDIUM', () => {
    expect(summary(toolWith('x'.repeat(2048)))).toEqual([]);
    expect(summary(toolWith('x'.repeat(2049)))).toEqual(['excessive-length/description-length:LOW']);
    expect(summary(toolWith('x'.repeat(8193)))).toEqual(['excessive-length/description-length:MEDIUM']);
  });

  it('reports tool text over 16,384 characters in total MEDIUM, even with a short description', () => {
    const properties = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, { type: 'string', description: 'y'.repeat(1000) }]));
    expect(summary(toolWith('short', { inputSchema: { type: 'object', properties } }))).toEqual(['excessive-length/total-text-length:MEDIUM']);
  });
});
