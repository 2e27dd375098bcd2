import { sampleResult, plainOptions } from '../__fixtures__/check-result.fixture';
import { formatSarif, sarifLevel } from './sarif.formatter';

/**
 * Checks the log against the required properties and enums of the SARIF 2.1.0 schema
 * (sarif-schema-2.1.0.json: sarifLog, run, tool, toolComponent, reportingDescriptor, result,
 * message, location, physicalLocation, artifactLocation, invocation, notification), written out
 * by hand so the spec runs offline.
 */
type Json = Record<string, unknown>;
const LEVELS = ['none', 'note', 'warning', 'error'];

function violations(log: Json): string[] {
  const problems: string[] = [];
  const need = (object: unknown, where: string, keys: string[]) => {
    if (!object || typeof object !== 'object') return problems.push(`${where} is not an object`);
    for (const key of keys) if (!(key in (object as Json))) problems.push(`${where}.${key} is required`);
  };
  const message = (m: unknown, where: string) => {
    need(m, where, []);
    if (typeof (m as Json)?.text !== 'string' && typeof (m as Json)?.id !== 'string') problems.push(`${where} needs text or id`);
  };
  const physical = (p: unknown, where: string) => {
    const artifact = (p as Json).artifactLocation as Json | undefined;
    if (!artifact && !(p as Json).address) problems.push(`${where} needs artifactLocation or address`);
    if (artifact && typeof artifact.uri !== 'string') problems.push(`${where}.artifactLocation.uri must be a string`);
    const region = (p as Json).region as Json | undefined;
    if (region && !(Number.isInteger(region.startLine) && (region.startLine as number) >= 1)) problems.push(`${where}.region.startLine must be >= 1`);
  };

  need(log, 'sarifLog', ['version', 'runs']);
  if (log.version !== '2.1.0') problems.push('version must be "2.1.0"');
  if (typeof log.$schema !== 'string' || !/^https?:\/\//.test(log.$schema)) problems.push('$schema must be a URI');
  const runs = log.runs as Json[];
  if (!Array.isArray(runs)) return [...problems, 'runs must be an array'];
  runs.forEach((run, r) => {
    need(run, `runs[${r}]`, ['tool']);
    need(run.tool, `runs[${r}].tool`, ['driver']);
    const driver = (run.tool as Json).driver as Json;
    need(driver, 'driver', ['name']);
    if (typeof driver.informationUri === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(driver.informationUri)) problems.push('informationUri must be absolute');
    const rules = (driver.rules ?? []) as Json[];
    const ids = rules.map((rule, i) => {
      need(rule, `rules[${i}]`, ['id']);
      return rule.id;
    });
    if (new Set(ids).size !== ids.length) problems.push('rule ids must be unique');
    ((run.invocations ?? []) as Json[]).forEach((inv, i) => {
      need(inv, `invocations[${i}]`, ['executionSuccessful']);
      ((inv.toolExecutionNotifications ?? []) as Json[]).forEach((n, j) => {
        message(n.message, `invocations[${i}].toolExecutionNotifications[${j}].message`);
        ((n.locations ?? []) as Json[]).forEach((l, k) => physical(l.physicalLocation, `notification ${j} location ${k}`));
      });
    });
    ((run.results ?? []) as Json[]).forEach((result, i) => {
      const where = `results[${i}]`;
      need(result, where, ['message']);
      message(result.message, `${where}.message`);
      if (result.level !== undefined && !LEVELS.includes(result.level as string)) problems.push(`${where}.level invalid`);
      if (typeof result.ruleIndex === 'number' && rules[result.ruleIndex]?.id !== result.ruleId) problems.push(`${where}.ruleIndex does not match ruleId`);
      for (const [k, v] of Object.entries((result.partialFingerprints ?? {}) as Json)) if (typeof v !== 'string') problems.push(`${where}.partialFingerprints.${k} must be a string`);
      ((result.locations ?? []) as Json[]).forEach((l, j) => {
        if (l.physicalLocation) physical(l.physicalLocation, `${where}.locations[${j}].physicalLocation`);
      });
    });
  });
  return problems;
}

describe('sarif formatter', () => {
  const log = JSON.parse(formatSarif(sampleResult(), plainOptions));
  const results = log.runs[0].results;

  it('produces a log that meets the SARIF 2.1.0 required properties', () => {
    expect(violations(log)).toEqual([]);
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'toolgate', version: '9.9.9', informationUri: 'https://example.test/toolgate' });
  });

  it('the validator itself rejects a broken log', () => {
    expect(violations({ version: '2.0.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal' }] }] })).toEqual(
      expect.arrayContaining(['version must be "2.1.0"', 'driver.name is required', 'results[0].message is required', 'results[0].level invalid']),
    );
  });

  it('declares one rule per finding type, each result pointing at its rule', () => {
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['lexical/exact-name', 'semantic/description-overlap', 'tool/hidden-instructions']);
    expect(results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['lexical/exact-name', 'semantic/description-overlap', 'tool/hidden-instructions']);
  });

  it('maps severities to levels: error for CRITICAL/HIGH, warning for MEDIUM, note below', () => {
    expect(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'].map((s) => sarifLevel(s as never))).toEqual(['error', 'error', 'warning', 'note', 'note']);
    expect(results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'error']);
  });

  it('points at the tool files and their server/tool names, the candidate first', () => {
    const medium = results[1];
    expect(medium.locations.map((l: { physicalLocation: { artifactLocation: { uri: string } } }) => l.physicalLocation.artifactLocation.uri)).toEqual([
      'candidates/evil.json',
      'registry/files.json',
    ]);
    expect(medium.locations[0].logicalLocations[0].fullyQualifiedName).toBe('evil/add');
    // The line where the tool starts, when the loader found it; no region otherwise.
    expect(medium.locations[0].physicalLocation.region).toEqual({ startLine: 4 });
    expect(medium.locations[1].physicalLocation.region).toBeUndefined();
  });

  it('fingerprints a pair the same way on every run, whatever the finding order', () => {
    const again = sampleResult();
    again.report.conflicts.reverse();
    const other = JSON.parse(formatSarif(again, plainOptions)).runs[0].results;
    expect(other.map((r: { partialFingerprints: object }) => r.partialFingerprints)).toEqual(results.map((r: { partialFingerprints: object }) => r.partialFingerprints));
    expect(results[0].partialFingerprints).toEqual({ 'toolgatePair/v1': 'github/create_issue|jira/create_issue' });
  });

  it('gives two findings of one type on one tool distinct fingerprints', () => {
    const twice = sampleResult();
    const [finding] = twice.report.toolFindings;
    twice.report.toolFindings = [
      { ...finding, evidence: { rule: 'read-secrets' } },
      { ...finding, evidence: { rule: 'conceal-from-user' } },
      { ...finding, evidence: {} },
      { ...finding, evidence: {} },
    ];
    const prints = JSON.parse(formatSarif(twice, plainOptions)).runs[0].results.slice(2).map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['toolgateTool/v1']);
    expect(prints).toEqual([
      'evil/add|hidden-instructions|read-secrets',
      'evil/add|hidden-instructions|conceal-from-user',
      'evil/add|hidden-instructions',
      'evil/add|hidden-instructions#2',
    ]);
  });

  it('reports input errors as failed-execution notifications with their position', () => {
    const withErrors = JSON.parse(
      formatSarif(sampleResult({ inputErrors: [{ file: 'bad dir/x.json', pointer: '', message: 'invalid JSON: Unexpected token', line: 3, column: 5 }] }), plainOptions),
    );
    expect(violations(withErrors)).toEqual([]);
    const [invocation] = withErrors.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'bad%20dir/x.json' },
      region: { startLine: 3, startColumn: 5 },
    });
  });
});
