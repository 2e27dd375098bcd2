/**
 * Cross-stage severity rules, applied after the stages have spoken. Each caps the severity of
 * similarity findings (semantic and schema) when stronger evidence says an agent would not confuse
 * the pair. Name findings (lexical) and routing findings are never capped: a name collision is a
 * problem whatever the descriptions say. Rules and their reasons: docs/conflict-detection.md, ADR 0006.
 */
import { isKnownVerb } from '../text';
import type { NameFeatures } from '../lexical';
import type { Finding } from '../model/finding';
import { severityRank, type Severity } from '../model/severity';
import { ROUTING_THRESHOLDS } from '../routing';

type Effect = 'read' | 'create' | 'update' | 'write' | 'delete' | 'send' | 'run';

/** What a canonical verb does to the world. Verbs not listed have no known effect. */
const EFFECT: Record<string, Effect> = {
  get: 'read', list: 'read', download: 'read', count: 'read',
  create: 'create', import: 'create', duplicate: 'create', restore: 'create',
  update: 'update', assign: 'update', share: 'update', approve: 'update', close: 'update', archive: 'update',
  write: 'write',
  delete: 'delete', cancel: 'delete',
  send: 'send',
  run: 'run', sync: 'run',
};

/** Mutations an agent can mistake for one another: "write" a file may create or overwrite it. */
const NEAR_EFFECTS: ReadonlySet<string> = new Set(['create|update', 'create|write', 'update|write']);

/** Opposite actions that no two-word verb group captures. */
const OPPOSITES: ReadonlySet<string> = new Set(
  ['enable|disable', 'start|stop', 'open|close', 'lock|unlock', 'show|hide', 'increase|decrease', 'attach|detach',
    'connect|disconnect', 'follow|unfollow', 'subscribe|unsubscribe', 'mute|unmute', 'pin|unpin', 'star|unstar',
    'block|unblock', 'archive|unarchive', 'import|export', 'upload|download', 'encrypt|decrypt', 'protect|unprotect',
    'install|uninstall', 'mount|unmount', 'get|set', 'push|pull'].flatMap((p) => [p, p.split('|').reverse().join('|')]),
);

const SIMILARITY_STAGES: ReadonlySet<string> = new Set(['semantic', 'schema']);

export interface CapResult {
  rule: 'distinct-actions' | 'opposite-actions' | 'router-separates';
  cap: Severity;
}

/** The first action verb in a name, if any (`API-get-user` → get). */
export function nameAction(name: NameFeatures): string | undefined {
  return name.tokens.find((t) => isKnownVerb(t));
}

/**
 * Names that say different things happen: `create_entities` vs `delete_entities`, `get_config` vs
 * `set_config_value`, `star_repository` vs `unstar_repository`. Returns the cap, or undefined.
 */
export function actionCap(a: NameFeatures, b: NameFeatures): CapResult | undefined {
  // Raw stems, not canonical tokens: verb groups fold `start` into run and `set` into update,
  // which would hide the opposites this looks for.
  if (isOppositePair(a.stems, b.stems)) return { rule: 'opposite-actions', cap: 'LOW' };
  const verbA = nameAction(a);
  const verbB = nameAction(b);
  if (!verbA || !verbB || verbA === verbB) return undefined;
  const effectA = EFFECT[verbA];
  const effectB = EFFECT[verbB];
  if (!effectA || !effectB || effectA === effectB) return undefined;
  const near = NEAR_EFFECTS.has(`${effectA}|${effectB}`) || NEAR_EFFECTS.has(`${effectB}|${effectA}`);
  return { rule: 'distinct-actions', cap: near ? 'MEDIUM' : 'LOW' };
}

function isOppositePair(a: readonly string[], b: readonly string[]): boolean {
  const onlyA = a.filter((t) => !b.includes(t));
  const onlyB = b.filter((t) => !a.includes(t));
  if (onlyA.length !== 1 || onlyB.length !== 1) return false;
  const [x, y] = [onlyA[0], onlyB[0]];
  if (OPPOSITES.has(`${x}|${y}`)) return true;
  return [x, y].some((w, i) => {
    const other = i === 0 ? y : x;
    return ['un', 'de', 'dis'].some((prefix) => w === `${prefix}${other}` && other.length >= 3);
  });
}

/** The router told the pair apart on (nearly) every probe: similarity alone is at most MEDIUM. */
export function routingCap(findings: readonly Finding[]): CapResult | undefined {
  const routing = findings.find((f) => f.stage === 'routing');
  if (!routing || routing.score >= ROUTING_THRESHOLDS.low) return undefined;
  return { rule: 'router-separates', cap: 'MEDIUM' };
}

/** Applies a cap to the similarity findings, in place, recording it in their evidence. */
export function applyCap(findings: Finding[], result: CapResult | undefined): void {
  if (!result) return;
  for (const finding of findings) {
    if (!SIMILARITY_STAGES.has(finding.stage) || severityRank(finding.severity) <= severityRank(result.cap)) continue;
    finding.evidence = { ...finding.evidence, cappedBy: { rule: result.rule, from: finding.severity } };
    finding.severity = result.cap;
  }
}
