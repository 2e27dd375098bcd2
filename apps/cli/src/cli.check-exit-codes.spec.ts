import { runCli } from './__fixtures__/memory-io';

interface JsonReport {
  summary: { tools: number; conflicts: number; blocked: boolean; failOn: string; bySeverity: Record<string, number>; durationMs: number };
  conflicts: { severity: string; a: { server: string; tool: string }; b: { server: string; tool: string }; findings: { stage: string }[] }[];
  inputErrors: unknown[];
}

const json = (stdout: string) => JSON.parse(stdout) as JsonReport;
const involves = (c: JsonReport['conflicts'][number], server: string) => c.a.server === server || c.b.server === server;

describe('toolgate check: exit codes and the gate', () => {
  it('exits 0 on a registry of unrelated tools, server named by the file when the file names none', async () => {
    const result = await runCli(['check', 'registry', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report.summary).toMatchObject({ tools: 3, blocked: false, failOn: 'HIGH' });
    expect(report.conflicts.filter((c) => ['HIGH', 'CRITICAL'].includes(c.severity))).toEqual([]);
    expect(report.inputErrors).toEqual([]);
  });

  it('exits 1 when a candidate clones a registry tool, and reports only pairs with the candidate', async () => {
    const result = await runCli(['check', 'registry', '--candidate', 'candidates/gitlab.json', '--format', 'json']);
    expect(result.code).toBe(1);
    const report = json(result.stdout);
    expect(report.summary.blocked).toBe(true);
    const clash = report.conflicts.find((c) => involves(c, 'github') && involves(c, 'gitlab'));
    expect(clash).toBeDefined();
    expect(['HIGH', 'CRITICAL']).toContain(clash?.severity);
    expect(report.conflicts.every((c) => involves(c, 'gitlab'))).toBe(true);
  });

  it('exits 0 for an unrelated candidate', async () => {
    const result = await runCli(['check', 'registry', '--candidate', 'candidates/currency.json', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(json(result.stdout).summary.blocked).toBe(false);
  });

  it('never blocks with --fail-on none, but still reports the conflict', async () => {
    const result = await runCli(['check', 'registry', 'candidates', '--fail-on', 'none', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report.summary).toMatchObject({ blocked: false, failOn: 'NONE' });
    expect(report.conflicts.some((c) => involves(c, 'github') && involves(c, 'gitlab'))).toBe(true);
  });

  it('blocks the same clash when the whole registry is checked, and the table says so', async () => {
    const result = await runCli(['check', 'registry', 'candidates']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/github\/create_issue ↔ gitlab\/create_issue|gitlab\/create_issue ↔ github\/create_issue/);
    expect(result.stdout).toContain('BLOCKED (fail-on HIGH)');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('runs only the stages asked for', async () => {
    const result = await runCli(['check', 'registry', 'candidates', '--stages', 'lexical', '--fail-on', 'none', '--format', 'json']);
    expect(result.code).toBe(0);
    const stages = json(result.stdout).conflicts.flatMap((c) => c.findings.map((f) => f.stage));
    expect(stages.length).toBeGreaterThan(0);
    expect(new Set(stages)).toEqual(new Set(['lexical']));
  });
});
