import type { RouterCandidate } from '../model';
import { splitIdentifier } from '../text';
import { GENERIC_TERMS } from '../semantic/concepts';
import { conceptTokens } from '../semantic/features';
import { FINGERPRINT_FIELDS, parameterPhrases } from '../semantic/fingerprint';

/** What the router knows about one candidate: its terms per field and its fingerprint text. */
export interface CandidateProfile {
  /** Name words (concept-normalised), the strongest signal of intent. */
  name: Set<string>;
  /** Term frequencies in the description. */
  description: Map<string, number>;
  /** Parameter names and their descriptions. */
  parameters: Set<string>;
  /** Fingerprint-style text for the embedder. */
  text: string;
  /** Every term of the candidate, for prefix (fuzzy) matches. */
  vocabulary: string[];
  /** First four letters of every vocabulary term: a cheap gate before scanning `vocabulary`. */
  stems4: Set<string>;
}

/** Filler words of requests ("please", "can you help me"): no candidate is meant by them. */
export const QUERY_FILLER: ReadonlySet<string> = new Set(
  (
    'please want need help me my i we our us like would could know tell give let something thing ' +
    'there here now today currently im id ive am was were been have has had about'
  ).split(' '),
);

export function profileCandidate(candidate: RouterCandidate): CandidateProfile {
  const name = new Set(conceptTokens(splitIdentifier(candidate.name).join(' ')));
  const description = new Map<string, number>();
  for (const t of conceptTokens(candidate.description ?? '')) description.set(t, (description.get(t) ?? 0) + 1);
  const params = parameterPhrases(candidate.inputSchema);
  const parameters = new Set(conceptTokens(params.join(' ')));
  const lines = [FINGERPRINT_FIELDS.name + splitIdentifier(candidate.name).join(' ')];
  if (candidate.description) lines.push(FINGERPRINT_FIELDS.description + candidate.description.replace(/\s+/g, ' '));
  if (params.length > 0) lines.push(FINGERPRINT_FIELDS.parameters + params.join('; '));
  const vocabulary = [...new Set([...name, ...description.keys(), ...parameters])];
  const stems4 = new Set(vocabulary.filter((v) => v.length >= 4).map((v) => v.slice(0, 4)));
  return { name, description, parameters, text: lines.join('\n'), vocabulary, stems4 };
}

/** Unique content terms of a request, filler removed, generic terms kept but flagged by the caller. */
export function queryTerms(query: string): string[] {
  return [...new Set(conceptTokens(query).filter((t) => !QUERY_FILLER.has(t)))];
}

export function isGeneric(term: string): boolean {
  return GENERIC_TERMS.has(term);
}
