import { runCli } from './__fixtures__/memory-io';

describe('toolgate: usage errors exit 2, help and version exit 0', () => {
  it.each([
    ['an unknown option', ['check', 'registry', '--bogus']],
    ['an unknown format', ['check', 'registry', '--format', 'xml']],
    ['an unknown severity', ['check', 'registry', '--fail-on', 'severe']],
    ['an unknown stage', ['check', 'registry', '--stages', 'lexical,magic']],
    ['an unknown command', ['audit']],
    ['no command', []],
    ['nothing to check', ['check']],
    ['route without --query', ['route', 'registry']],
  ])('%s', async (_name, argv) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr.length).toBeGreaterThan(0);
  });

  it('prints the usage of check with --help', async () => {
    const result = await runCli(['check', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--candidate <path>');
    expect(result.stdout).toContain('--fail-on <severity>');
  });

  it('prints the package version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('accepts stages in any order and case', async () => {
    const result = await runCli(['check', 'registry', '--stages', 'Schema, lexical', '--format', 'json']);
    expect(result.code).toBe(0);
  });
});
