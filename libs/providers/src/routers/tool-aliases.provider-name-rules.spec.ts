import { TOOL_NAME, ToolAliases } from './tool-aliases';

const candidate = (id: string, name: string) => ({ id, name, description: '' });

describe('ToolAliases', () => {
  it('keeps valid names, replaces other characters, cuts to 64, and de-duplicates within the limit', () => {
    const long = 'a'.repeat(70);
    const aliases = new ToolAliases([
      candidate('1', 'get_forecast'),
      candidate('2', 'files.read'),
      candidate('3', 'files/read'),
      candidate('4', 'créer_tâche'),
      candidate('5', long),
      candidate('6', long),
      candidate('7', ''),
    ]);
    const names = ['1', '2', '3', '4', '5', '6', '7'].map((id) => aliases.aliasOf(id));
    expect(names.slice(0, 4)).toEqual(['get_forecast', 'files_read', 'files_read_2', 'cr_er_t_che']);
    expect(names[4]).toBe('a'.repeat(64));
    expect(names[5]).toBe(`${'a'.repeat(62)}_2`);
    expect(names[6]).toBe('tool');
    for (const n of names) expect(n).toMatch(TOOL_NAME);
    expect(new Set(names).size).toBe(names.length);
    expect(aliases.candidateOf('files_read_2')?.id).toBe('3');
    expect(aliases.candidateOf('files.read')).toBeUndefined();
  });
});
