import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { Conflict, Severity, ToolRef } from '@toolgate/pipeline';
import type { TextFormatter, CheckResult } from './check-result';
import { orderedConflicts, refKey } from './check-result';
import { describeInputError } from '../input/load-tools';
import { evidenceLine, recommendationText, score, topRecommendation } from './text';

/** SARIF 2.1.0 for code-scanning UIs: one result per conflicting pair, one per tool finding. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  properties: { tags: string[] };
}

export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'CRITICAL' || severity === 'HIGH') return 'error';
  return severity === 'MEDIUM' ? 'warning' : 'note';
}

export const formatSarif: TextFormatter = (result, options) => {
  const rules: Rule[] = [];
  const ruleIndex = new Map<string, number>();
  const ruleFor = (id: string, description: string, tag: string): number => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(id, index);
      rules.push({ id, name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ?? '').toUpperCase()), shortDescription: { text: description }, properties: { tags: [tag] } });
    }
    return index;
  };

  const conflictResults = orderedConflicts(result.report.conflicts).map((conflict) => {
    const top = [...conflict.findings].sort((x, y) => y.score - x.score)[0];
    const id = top ? `${top.stage}/${top.type}` : 'conflict';
    const index = ruleFor(id, top ? `Tools conflict: ${top.type} (${top.stage} stage)` : 'Tools conflict', 'conflict');
    return {
      ruleId: id,
      ruleIndex: index,
      level: sarifLevel(conflict.severity),
      message: { text: conflictMessage(conflict) },
      locations: orderPair(conflict, result).map((ref) => location(ref, result)),
      partialFingerprints: { 'toolgatePair/v1': conflict.key },
      properties: { severity: conflict.severity, score: conflict.score, findings: conflict.findings.map((f) => `${f.stage}/${f.type}`) },
    };
  });

  const seen = new Map<string, number>();
  const toolResults = result.report.toolFindings.map((finding) => {
    const id = `tool/${finding.type}`;
    const ref = { server: finding.server, tool: finding.tool };
    return {
      ruleId: id,
      ruleIndex: ruleFor(id, `Tool finding: ${finding.type}`, 'tool'),
      level: sarifLevel(finding.severity),
      message: { text: `${refKey(ref)}: ${finding.type} (${finding.severity}). ${evidenceLine(finding.evidence, 300)}` },
      locations: [location(ref, result)],
      partialFingerprints: { 'toolgateTool/v1': toolFingerprint(`${refKey(ref)}|${finding.type}`, finding.evidence, seen) },
      properties: { severity: finding.severity },
    };
  });

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'toolgate', version: options.version, informationUri: options.informationUri, rules } },
        invocations: [
          {
            executionSuccessful: result.inputErrors.length === 0,
            toolExecutionNotifications: result.inputErrors.map((e) => ({
              level: 'error',
              message: { text: describeInputError(e) },
              locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(e.file) }, ...(e.line ? { region: { startLine: e.line, startColumn: e.column ?? 1 } } : {}) } }],
            })),
          },
        ],
        results: [...conflictResults, ...toolResults],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/**
 * One tool can have several findings of one type (two instruction cues): the scan's rule name tells
 * them apart, and a counter covers findings without one, so every alert keeps its own identity.
 */
function toolFingerprint(base: string, evidence: Record<string, unknown>, seen: Map<string, number>): string {
  const key = typeof evidence.rule === 'string' ? `${base}|${evidence.rule}` : base;
  const count = seen.get(key) ?? 0;
  seen.set(key, count + 1);
  return count === 0 ? key : `${key}#${count + 1}`;
}

function conflictMessage(conflict: Conflict): string {
  const findings = [...conflict.findings].sort((x, y) => y.score - x.score);
  const lines = [`${refKey(conflict.a)} and ${refKey(conflict.b)} conflict (${conflict.severity}, score ${score(conflict.score)}).`];
  for (const f of findings.slice(0, 3)) lines.push(`${f.stage}/${f.type} ${score(f.score)}: ${evidenceLine(f.evidence, 200)}`);
  const fix = topRecommendation(conflict.recommendations);
  if (fix) lines.push(`Fix: ${recommendationText(fix)}`);
  return lines.join('\n');
}

/** A candidate tool goes first: it is the change under review, where the annotation belongs. */
function orderPair(conflict: Conflict, result: CheckResult): ToolRef[] {
  return result.candidates.has(refKey(conflict.b)) && !result.candidates.has(refKey(conflict.a)) ? [conflict.b, conflict.a] : [conflict.a, conflict.b];
}

function location(ref: ToolRef, result: CheckResult) {
  const source = result.tools.get(refKey(ref))?.source;
  const logical = { logicalLocations: [{ fullyQualifiedName: refKey(ref), name: ref.tool, kind: 'function' }] };
  if (!source) return logical;
  const line = result.toolLines.get(refKey(ref));
  const region = line !== undefined ? { region: { startLine: line } } : {};
  return { physicalLocation: { artifactLocation: { uri: fileUri(source.file) }, ...region }, ...logical };
}

/** Files are shown relative to cwd (see displayPath); absolute ones outside it become file: URIs. */
function fileUri(file: string): string {
  return path.isAbsolute(file) ? pathToFileURL(file).href : encodeURI(file);
}
