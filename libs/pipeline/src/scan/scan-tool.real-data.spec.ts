/**
 * Tunes the scanner against real data in shared/data (never copied into the repo):
 * recall on labelled attack tools (MCPSecBench) and false positives on 644 benign real tools.
 * The floors below are the measured values; a change that lowers recall or raises false positives fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { realRegistryTools, SHARED_DATA_DIR } from '../semantic/registry.fixtures';
import { isAtLeast, makeTool, type Severity, type Tool, ToolDefinitionSchema, type ToolFinding } from '../model';
import { scanTool } from './scan-tool';

const DATA = SHARED_DATA_DIR;

interface Labelled {
  tool: Tool;
  label: string;
  cueInText: boolean;
}

function loadAttacks(): Labelled[] {
  return fs
    .readFileSync(path.join(DATA, 'attacks/poisoning_public.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { server: string; tool: unknown; label: string; cue_in_text: boolean })
    .map((r) => ({ tool: makeTool(r.server, ToolDefinitionSchema.parse(r.tool)), label: r.label, cueInText: r.cue_in_text }));
}

const flaggedAt = (findings: ToolFinding[], level: Severity) => findings.some((f) => isAtLeast(f.severity, level));
const siblingsOf = (tools: Tool[], tool: Tool) => tools.filter((t) => t.server === tool.server && t !== tool).map((t) => t.definition.name);

describe('scanTool on real data', () => {
  const attacks = loadAttacks();
  const registry = realRegistryTools();

  it('loads the shared data set', () => {
    expect(registry).toHaveLength(644);
    expect(attacks.filter((a) => a.label === 'malicious')).toHaveLength(12);
  });

  it('flags every malicious tool whose cue is in its text (6/6 at MEDIUM+, 5/6 at HIGH+)', () => {
    const withCue = attacks.filter((a) => a.label === 'malicious' && a.cueInText);
    const medium = withCue.filter((a) => flaggedAt(scanTool(a.tool), 'MEDIUM'));
    const high = withCue.filter((a) => flaggedAt(scanTool(a.tool), 'HIGH'));
    expect(withCue).toHaveLength(6);
    expect(medium.length / withCue.length).toBeGreaterThanOrEqual(1);
    expect(high.length / withCue.length).toBeGreaterThanOrEqual(5 / 6);
  });

  it('does not flag the benign reference twins of the attack tools', () => {
    for (const a of attacks.filter((x) => x.label === 'benign')) expect(scanTool(a.tool)).toEqual([]);
  });

  it.each([
    ['with', true],
    ['without', false],
  ])('flags none of the 644 benign real tools HIGH+ and at most 1%% MEDIUM+ (%s sibling names)', (_label, withSiblings) => {
    const findings = registry.map((t) => scanTool(t, withSiblings ? { siblings: siblingsOf(registry, t) } : {}));
    const high = findings.filter((f) => flaggedAt(f, 'HIGH')).length;
    const medium = findings.filter((f) => flaggedAt(f, 'MEDIUM')).length;
    // Measured: 0 HIGH+; MEDIUM+ 4 with siblings, 5 without (biomcp think, context7 resolve-library-id, opgg
    // summoner-renewal: "must call this first"; desktop-commander start_process: "NEVER use analysis tool";
    // without siblings also taskmanager approve_task_completion: "once … using 'mark_task_done', call this").
    expect(high).toBe(0);
    expect(medium / registry.length).toBeLessThanOrEqual(0.01);
  });
});
