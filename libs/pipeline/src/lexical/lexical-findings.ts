import type { Finding } from '../model';
import { COPIED_DESCRIPTION_MIN_LENGTH } from './thresholds';
import { splitIdentifier, stem } from '../text';
import { confusableChars } from './confusables';
import type { LexicalTool } from './lexical-tool';
import { nameFeatures, type NameFeatures } from './name-features';
import { nearNameFinding } from './near-name';
import { tokenOverlapFinding } from './token-overlap';

/**
 * Stage 1 (lexical) on one pair of tools. Same collision key → an exact or homoglyph collision (and nothing
 * else: it already says everything); otherwise near-name (typo-like) and token-overlap checks.
 */
export function lexicalFindings(a: LexicalTool, b: LexicalTool): Finding[] {
  const [na, nb] = [a.name, b.name];
  if (na.collisionKey === nb.collisionKey) return [collisionFinding(a, b)];
  const out: Finding[] = [];
  const near = nearNameFinding(na, nb);
  if (near && near.severity === 'HIGH' && sameDescription(a, b)) {
    // A typo twin that copies the original's description is a squat: the agent has nothing left to tell them apart.
    out.push({ ...near, severity: 'CRITICAL', score: 1, evidence: { ...near.evidence, sameDescription: true } });
  } else if (near) out.push(near);
  // Stripping a namespace only removes words, so names without a shared significant word never overlap.
  if (!na.significantTokens.some((t) => nb.significantTokens.includes(t))) return out;
  const [fa, fb] = [withoutNamespace(a), withoutNamespace(b)];
  let overlap = tokenOverlapFinding(fa, fb);
  if (overlap && (fa !== na || fb !== nb) && fa.stems.join(' ') === fb.stems.join(' ')) {
    // `puppeteer_click` vs `playwright_click`: the same name behind vendor prefixes, as interchangeable as a synonym.
    overlap = { ...overlap, severity: 'HIGH', score: 0.9, evidence: { ...overlap.evidence, kind: 'namespace-prefix' } };
  }
  if (overlap) out.push(overlap);
  return out;
}

/**
 * Descriptions equal after whitespace normalisation, or one is the other's opening (a squat often copies
 * the first sentence): at least {@link COPIED_DESCRIPTION_MIN_LENGTH} characters, so `Adds.` never counts.
 */
function sameDescription(a: LexicalTool, b: LexicalTool): boolean {
  const da = a.tool.definition.description.trim().replace(/\s+/g, ' ');
  const db = b.tool.definition.description.trim().replace(/\s+/g, ' ');
  const [short, long] = da.length <= db.length ? [da, db] : [db, da];
  return short.length >= COPIED_DESCRIPTION_MIN_LENGTH && long.startsWith(short);
}

const UNPREFIXED = new WeakMap<NameFeatures, NameFeatures>();

/**
 * `github_create_issue` in server `github` is `create_issue` with the vendor's namespace in front: token
 * overlap compares the names without a leading word that repeats the server's name. Cached per features.
 */
function withoutNamespace(t: LexicalTool): NameFeatures {
  const f = t.name;
  if (f.stems.length < 2) return f;
  const cached = UNPREFIXED.get(f);
  if (cached) return cached;
  const result = serverWords(t.tool.server).includes(f.stems[0]) ? { ...nameFeatures(f.words.slice(1).join('_')), raw: f.raw } : f;
  UNPREFIXED.set(f, result);
  return result;
}

const SERVER_WORDS = new Map<string, string[]>();

function serverWords(server: string): string[] {
  let words = SERVER_WORDS.get(server);
  if (!words) {
    words = splitIdentifier(server).map(stem);
    // Bounded: server names are few, but a long-lived API process must not grow without limit.
    if (SERVER_WORDS.size > 10_000) SERVER_WORDS.clear();
    SERVER_WORDS.set(server, words);
  }
  return words;
}

function collisionFinding(a: LexicalTool, b: LexicalTool): Finding {
  const [na, nb] = [a.name, b.name];
  const sameServer = a.tool.server === b.tool.server;
  if (na.asciiKey === nb.asciiKey) {
    return {
      stage: 'lexical',
      type: 'exact-name-collision',
      // Across servers an agent loading both cannot tell them apart (and clients that strip separators or
      // case may shadow one): CRITICAL. Two spellings inside one server are the server's own mess: HIGH.
      severity: sameServer ? 'HIGH' : 'CRITICAL',
      score: 1,
      evidence: { a: na.raw, b: nb.raw, normalised: na.collisionKey, sameServer },
    };
  }
  return {
    stage: 'lexical',
    type: 'homoglyph-collision',
    // Names that render alike but differ in code points are the signature of impersonation.
    severity: 'CRITICAL',
    score: 1,
    evidence: {
      a: na.raw,
      b: nb.raw,
      normalised: na.collisionKey,
      confusablesA: confusableChars(na.raw),
      confusablesB: confusableChars(nb.raw),
    },
  };
}
