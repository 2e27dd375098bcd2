/**
 * Planted confusable twins: each kind mirrors a way real registries end up with two tools an agent
 * cannot tell apart. The twin lives on another server; the pair's identity is returned for recall.
 */
import type { ToolDefinition } from '@toolgate/pipeline';
import type { Rng } from './prng';
import { buildInputSchema, nameWords, renderName, type GeneratedTool, type NameStyle } from './tool-factory';
import { pluralize } from './vocabulary';

export const PLANT_KINDS = ['exact', 'case', 'typo', 'verb-synonym', 'paraphrase'] as const;
export type PlantKind = (typeof PLANT_KINDS)[number];

/** One-character edits a squatter makes: swap two neighbours, drop or double a letter. */
export function typo(rng: Rng, name: string): string {
  const letters = [...name].map((c, i) => ({ c, i })).filter(({ c }) => /[a-z]/i.test(c));
  const { i } = rng.pick(letters.slice(1, -1).length > 0 ? letters.slice(1, -1) : letters);
  const chars = [...name];
  switch (rng.int(3)) {
    case 0:
      if (i + 1 < chars.length && /[a-z]/i.test(chars[i + 1]) && chars[i] !== chars[i + 1]) {
        [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
        return chars.join('');
      }
      return chars.slice(0, i).join('') + chars.slice(i + 1).join('');
    case 1:
      return chars.slice(0, i).join('') + chars.slice(i + 1).join('');
    default:
      return chars.slice(0, i + 1).join('') + chars.slice(i).join('');
  }
}

const PARAPHRASES = [
  'Use this to {verb} a {obj} in {product}.',
  '{Verb} a {obj}. Works with {product}.',
  'Lets the agent {verb} one {obj} stored in {product}.',
];
const PLURAL_PARAPHRASES = ['Use this to {verb} {objs} in {product}.', '{Verb} {objs} held in {product}.'];

function paraphrase(rng: Rng, verb: string, qualifier: string, noun: string, plural: boolean, product: string): string {
  const obj = `${qualifier ? `${qualifier} ` : ''}${noun.replace(/_/g, ' ')}`;
  const objs = `${qualifier ? `${qualifier} ` : ''}${pluralize(noun).replace(/_/g, ' ')}`;
  return rng
    .pick(plural ? PLURAL_PARAPHRASES : PARAPHRASES)
    .replace('{Verb}', verb[0].toUpperCase() + verb.slice(1))
    .replace('{verb}', verb)
    .replace('{objs}', objs)
    .replace('{obj}', obj)
    .replace('{product}', product);
}

/** The twin's definition for a base tool `a`, planted on a server with `targetStyle`. */
export function plantTwin(rng: Rng, a: GeneratedTool, kind: PlantKind, targetProduct: string): ToolDefinition {
  const base = a.definition;
  const schema = base.inputSchema;
  switch (kind) {
    case 'exact':
      return { name: base.name, description: rng.chance(0.5) ? base.description : paraphrase(rng, a.verb.verb, a.qualifier, a.object.noun, a.verb.plural, targetProduct), inputSchema: schema };
    case 'case': {
      const words = nameWords(a.verb.verb, a.qualifier, a.object.noun, a.verb.plural);
      const style: NameStyle = a.style === 'camel' ? 'snake' : 'camel';
      return { name: renderName(a.style === 'prefixed' ? [a.vendor, ...words] : words, style, a.vendor), description: base.description, inputSchema: schema };
    }
    case 'typo':
      return { name: typo(rng, base.name), description: base.description, inputSchema: schema };
    case 'verb-synonym': {
      const verb = rng.pick(a.verb.synonyms);
      const words = nameWords(verb, a.qualifier, a.object.noun, a.verb.plural);
      return { name: renderName(words, 'snake', a.vendor), description: paraphrase(rng, verb, a.qualifier, a.object.noun, a.verb.plural, targetProduct), inputSchema: schema };
    }
    case 'paraphrase': {
      // Another vendor's vocabulary for the same operation: synonym verb and, when there is one, synonym noun.
      const verb = rng.pick(a.verb.synonyms);
      const noun = a.object.synonym ?? a.object.noun;
      const words = nameWords(verb, a.qualifier, noun, a.verb.plural);
      return {
        name: renderName(words, 'snake', a.vendor),
        description: paraphrase(rng, verb, a.qualifier, noun, a.verb.plural, targetProduct),
        inputSchema: buildInputSchema(a.verb.verb, a.object, noun),
      };
    }
  }
}
