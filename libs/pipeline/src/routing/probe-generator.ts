import type { PairProbes, ProbeGenerator, Tool } from '../model';
import { isKnownVerb, splitIdentifier, stem } from '../text';
import { parameterPhrases } from '../semantic/fingerprint';

/** Default probes per tool: enough to see a pattern, few enough to keep routing cheap. */
export const DEFAULT_PROBE_COUNT = 4;
const MAX_SENTENCE_WORDS = 24;

/**
 * Natural user requests meant for `tool`, from templates over its name words, the first
 * sentences of its description and its parameters. Deterministic: the same tool always gets
 * the same probes, so routing results are reproducible and cacheable.
 */
export function generateProbes(tool: Tool, count = DEFAULT_PROBE_COUNT): string[] {
  const d = tool.definition;
  const nameWords = splitIdentifier(d.name);
  const verbAt = nameWords.findIndex((w) => isKnownVerb(stem(w)));
  const sentences = firstSentences(d.description ?? '', 2).map(imperative);
  const verb = verbAt >= 0 ? nameWords[verbAt] : (sentences[0]?.split(' ')[0]?.toLowerCase() ?? 'use');
  const object = (verbAt >= 0 ? nameWords.filter((_, i) => i !== verbAt) : nameWords).join(' ') || d.name;
  const params = parameterPhrases(d.inputSchema)
    .slice(0, 2)
    .map((p) => p.replace(/ \(.*$/, ''));
  const lead = sentences[0] ?? `${verb} the ${object}`;

  const candidates = [
    lead,
    `Can you ${verb} the ${object} for me?`,
    params.length > 0 ? `${capitalise(verb)} the ${object} using ${params.join(' and ')}` : undefined,
    `I need to ${lowerFirst(lead)}`,
    sentences[1],
    `How do I ${lowerFirst(lead)}?`,
    `Please ${verb} ${object}`,
  ];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const probe of candidates) {
    if (!probe) continue;
    const key = probe.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(probe);
    if (out.length === count) break;
  }
  return out;
}

function firstSentences(text: string, max: number): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+|\n/)
    .map((s) => s.trim().replace(/[.!?:;]+$/, ''))
    .filter((s) => s.split(' ').length >= 2)
    .slice(0, max)
    .map((s) => s.split(' ').slice(0, MAX_SENTENCE_WORDS).join(' '));
}

/** "Creates a new issue" → "Create a new issue": descriptions are third person, requests imperative. */
function imperative(sentence: string): string {
  const [first, ...rest] = sentence.split(' ');
  const lower = first.toLowerCase();
  const base = stem(lower);
  // Only a plain -s/-es word with a verb-like base; nouns like "Status" are left alone by stem().
  const verb = /^[a-z]+s$/.test(lower) && base !== lower ? base : lower;
  return capitalise([verb, ...rest].join(' '));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** The default ProbeGenerator: generateProbes' templates for each side, no model involved. */
export class LocalProbeGenerator implements ProbeGenerator {
  readonly model = 'local';

  async probesFor(pair: { a: Tool; b: Tool }, count: number): Promise<PairProbes> {
    return { a: generateProbes(pair.a, count), b: generateProbes(pair.b, count), source: 'local' };
  }
}

/**
 * `generator` with some tools standing in for others: verifying a patch routes the patched tool with
 * the probes written for the original, so the score before and after is measured on the same requests.
 */
export function withProbesOf(generator: ProbeGenerator, originals: ReadonlyMap<string, Tool>): ProbeGenerator {
  return {
    model: generator.model,
    probesFor: ({ a, b }, count) => generator.probesFor({ a: originals.get(a.key) ?? a, b: originals.get(b.key) ?? b }, count),
  };
}
