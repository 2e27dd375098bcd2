import { runCli } from './__fixtures__/memory-io';

describe('toolgate check: invalid input is reported, the rest still runs', () => {
  it('names file, line/column or tool and pointer, analyses the valid tools, and exits 2', async () => {
    const result = await runCli(['check', 'invalid', 'registry', '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^toolgate: invalid\/broken-syntax\.json:4:\d+: invalid JSON: /m);
    // The tool has an empty name, so the pointer is what identifies it.
    expect(result.stderr).toMatch(/^toolgate: invalid\/bad-tool\.json at \/tools\/0\/name: must be a non-empty string$/m);
    const report = JSON.parse(result.stdout);
    // 3 registry tools + search_notes, the valid tool next to the broken one.
    expect(report.summary.tools).toBe(4);
    expect(report.inputErrors).toEqual([
      expect.objectContaining({ file: 'invalid/bad-tool.json', pointer: '/tools/0/name' }),
      expect.objectContaining({ file: 'invalid/broken-syntax.json', pointer: '', line: 4 }),
    ]);
  });

  it('exits 1, not 2, when the gate blocks as well', async () => {
    const result = await runCli(['check', 'invalid', 'registry', 'candidates', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).inputErrors).toHaveLength(2);
  });

  it('stops with exit 2 on a path that does not exist', async () => {
    const result = await runCli(['check', 'registry', 'nope/missing.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nope/missing.json: no such file or directory');
    expect(result.stdout).toBe('');
  });

  it('reads a file named twice (directly and through its folder) only once', async () => {
    const result = await runCli(['check', 'registry/github.json', 'registry/../registry/github.json', 'registry', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary.tools).toBe(3);
  });

  it('reports a tool defined in two files, keeping the first', async () => {
    const result = await runCli(['check', 'duplicates', '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'toolgate: duplicates/two.json tool "search_notes" at /tools/0: duplicate tool notes/search_notes (first defined in duplicates/one.json at /tools/0)',
    );
    expect(JSON.parse(result.stdout).summary.tools).toBe(1);
  });
});
