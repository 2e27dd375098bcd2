import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from './__fixtures__/memory-io';

describe('toolgate check: --output, --quiet and the other formats', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'toolgate-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes SARIF to --output (creating folders) and nothing to stdout', async () => {
    const file = path.join(dir, 'reports', 'toolgate.sarif');
    const result = await runCli(['check', 'registry', 'candidates', '--format', 'sarif', '--output', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const log = JSON.parse(readFileSync(file, 'utf8'));
    expect(log.version).toBe('2.1.0');
    const uris = log.runs[0].results.flatMap((r: { locations: { physicalLocation?: { artifactLocation: { uri: string } } }[] }) =>
      r.locations.map((l) => l.physicalLocation?.artifactLocation.uri),
    );
    expect(uris).toEqual(expect.arrayContaining(['registry/github.json', 'candidates/gitlab.json']));
    // Each fixture's single tool starts on line 4 of its file.
    const clash = log.runs[0].results.find((r: { message: { text: string } }) => r.message.text.includes('gitlab/create_issue'));
    expect(clash.locations[0].physicalLocation.region).toEqual({ startLine: 4 });
  });

  it('prints nothing on stdout with --quiet but keeps the exit code', async () => {
    const result = await runCli(['check', 'registry', 'candidates', '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
  });

  it('renders markdown for a PR comment', async () => {
    const result = await runCli(['check', 'registry', 'candidates', '--format', 'markdown']);
    expect(result.stdout).toMatch(/^## Toolgate report/);
    expect(result.stdout).toContain('<details>');
  });

  it('colours the table when FORCE_COLOR is set and not when NO_COLOR is', async () => {
    expect((await runCli(['check', 'registry', 'candidates'], { FORCE_COLOR: '1' })).stdout).toContain('\u001b[');
    expect((await runCli(['check', 'registry', 'candidates'], { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toContain('\u001b[');
  });
});
