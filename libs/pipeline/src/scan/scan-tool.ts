import { type Severity, type Tool, type ToolFinding, severityRank } from '../model';
import { CUE_RULES } from './cue-rules';
import { excerpt } from './excerpt';
import { findHidden, HIDDEN_CHAR_CLASSES } from './hidden-characters';
import { suspiciousParameter } from './suspicious-parameters';
import { textSites } from './text-walk';
import { DESCRIPTION_LENGTH_LOW, DESCRIPTION_LENGTH_MEDIUM, MAX_LOCATIONS, MIN_CUE_TEXT_LENGTH, TOTAL_TEXT_LENGTH_MEDIUM } from './thresholds';
import { toolNameFindings } from './tool-name';
import { findShadowing } from './tool-shadowing';

export interface ScanOptions {
  /** Names of the other tools of the same server, when known: mentions of them are normal workflow text. */
  siblings?: Iterable<string>;
}

/** One pass to rule out every hidden-character class on the (usual) clean string. */
const ANY_HIDDEN = /[\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/u;

interface Hit {
  type: string;
  rule: string;
  severity: Severity;
  why: string;
  pointer: string;
  match: string;
  excerpt: string;
  extra?: Record<string, unknown>;
}

/**
 * Scans one tool on its own: SEP-986 name rules, poisoning cues in every string a model reads
 * (description, title, schema strings and property names, annotations), hidden content, tool shadowing,
 * suspicious parameters and excessive length. One finding per (type, rule), listing where it matched.
 */
export function scanTool(tool: Tool, options: ScanOptions = {}): ToolFinding[] {
  const def = tool.definition;
  const siblings = new Set(options.siblings ?? []);
  const hits: Hit[] = [];
  const sites = textSites(def);
  for (const site of [{ pointer: '/name', text: def.name }, ...sites]) {
    if (!ANY_HIDDEN.test(site.text)) continue;
    for (const cls of HIDDEN_CHAR_CLASSES) {
      const found = findHidden(site.text, cls);
      if (found) hits.push({ type: 'hidden-content', rule: cls.id, severity: cls.severity, why: cls.why, pointer: site.pointer, match: found.codePoints.join(' '), excerpt: excerpt(site.text, found.index, 1), extra: { codePoints: found.codePoints } });
    }
  }
  let totalLength = 0;
  for (const site of sites) {
    totalLength += site.text.length;
    if (site.role === 'key') {
      const suspicious = suspiciousParameter(site.text);
      if (suspicious) hits.push({ type: 'suspicious-parameter', rule: 'context-request', severity: suspicious.severity, why: suspicious.why, pointer: site.pointer, match: site.text, excerpt: site.text });
      continue;
    }
    if (site.text.length < MIN_CUE_TEXT_LENGTH) continue;
    for (const rule of CUE_RULES) {
      const m = rule.pattern.exec(site.text);
      if (m) hits.push({ type: rule.type, rule: rule.id, severity: rule.severity, why: rule.why, pointer: site.pointer, match: m[0].trim(), excerpt: excerpt(site.text, m.index, m[0].length) });
    }
    for (const s of findShadowing(site.text, def.name, siblings)) {
      hits.push({ type: 'tool-shadowing', rule: s.rule, severity: s.severity, why: 'instructs the model about another tool', pointer: site.pointer, match: s.sentence, excerpt: excerpt(site.text, s.index, s.sentence.length), extra: { mentions: s.mentions } });
    }
  }
  hits.push(...lengthHits(def.description, totalLength));
  return [...toolNameFindings(tool.server, def.name), ...aggregate(tool, dropSubsumed(hits))];
}

function lengthHits(description: string, totalLength: number): Hit[] {
  const out: Hit[] = [];
  const len = description.length;
  if (len > DESCRIPTION_LENGTH_LOW) {
    const severity: Severity = len > DESCRIPTION_LENGTH_MEDIUM ? 'MEDIUM' : 'LOW';
    const limit = severity === 'MEDIUM' ? DESCRIPTION_LENGTH_MEDIUM : DESCRIPTION_LENGTH_LOW;
    out.push({ type: 'excessive-length', rule: 'description-length', severity, why: `description is ${len} characters (limit ${limit})`, pointer: '/description', match: String(len), excerpt: '', extra: { length: len, limit } });
  }
  if (totalLength > TOTAL_TEXT_LENGTH_MEDIUM) {
    out.push({ type: 'excessive-length', rule: 'total-text-length', severity: 'MEDIUM', why: `tool text is ${totalLength} characters (limit ${TOTAL_TEXT_LENGTH_MEDIUM})`, pointer: '', match: String(totalLength), excerpt: '', extra: { length: totalLength, limit: TOTAL_TEXT_LENGTH_MEDIUM } });
  }
  return out;
}

/** A bare mention of a secret path is implied by an instruction to read it at the same place. */
function dropSubsumed(hits: Hit[]): Hit[] {
  const reads = new Set(hits.filter((h) => h.rule === 'read-secrets').map((h) => h.pointer));
  return hits.filter((h) => !(h.rule === 'mentions-secrets' && reads.has(h.pointer)));
}

function aggregate(tool: Tool, hits: Hit[]): ToolFinding[] {
  const groups = new Map<string, Hit[]>();
  for (const h of hits) {
    const key = `${h.type}\u0000${h.rule}`;
    const group = groups.get(key);
    if (group) group.push(h);
    else groups.set(key, [h]);
  }
  const out: ToolFinding[] = [];
  for (const group of groups.values()) {
    group.sort((x, y) => severityRank(y.severity) - severityRank(x.severity));
    const [first] = group;
    out.push({
      server: tool.server,
      tool: tool.definition.name,
      type: first.type,
      severity: first.severity,
      evidence: {
        rule: first.rule,
        why: first.why,
        match: first.match,
        pointer: first.pointer,
        excerpt: first.excerpt,
        ...first.extra,
        occurrences: group.length,
        locations: group.slice(0, MAX_LOCATIONS).map((h) => ({ pointer: h.pointer, match: h.match })),
      },
    });
  }
  return out.sort((x, y) => severityRank(y.severity) - severityRank(x.severity));
}
