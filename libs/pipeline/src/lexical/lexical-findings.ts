import type { Finding } from '../model';
import { confusableChars } from './confusables';
import type { LexicalTool } from './lexical-tool';
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
  if (near) out.push(near);
  const overlap = tokenOverlapFinding(na, nb);
  if (overlap) out.push(overlap);
  return out;
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
