import { paramConcept } from './concepts';
import { schemaFeatures, typesCompatible, typesOf } from './schema-features';

describe('schema features: parameter concepts', () => {
  it.each(['user_id', 'userId', 'uid', 'user', 'UserID', 'user_ids'])('%s → user', (name) => {
    expect(paramConcept(name)).toBe('user');
  });

  it.each([
    ['repo', 'repository'],
    ['repo_id', 'repository'],
    ['max_results', 'limit'],
    ['per_page', 'limit'],
    ['q', 'query'],
    ['search_term', 'query'],
    ['file_path', 'path'],
    ['id', 'id'],
  ])('%s → %s', (name, concept) => {
    expect(paramConcept(name)).toBe(concept);
  });

  it('flattens top-level and one nested level, with required flags and description tokens', () => {
    const features = schemaFeatures({
      name: 't',
      description: '',
      inputSchema: {
        type: 'object',
        required: ['owner', 'filter'],
        properties: {
          owner: { type: 'string', description: 'Repository owner' },
          state: { type: 'string', enum: ['open', 'closed'] },
          filter: { type: 'object', required: ['user_id'], properties: { user_id: { type: ['integer', 'null'] } } },
        },
      },
    });
    expect(features.params.map((p) => [p.path, p.concept, p.types, p.required])).toEqual([
      ['owner', 'owner', ['string'], true],
      ['state', 'state', ['string'], false],
      ['filter', 'filter', ['object'], true],
      ['filter.user_id', 'user', ['integer'], true],
    ]);
    expect(features.params[0].descriptionTokens).toEqual(['repository', 'owner']);
    expect(features.params[1].enum).toEqual(['open', 'closed']);
    expect(features.requiredConcepts).toEqual(['filter', 'owner']);
  });

  it('tolerates malformed schemas', () => {
    expect(schemaFeatures({ name: 't', description: '', inputSchema: { properties: 'nope' } }).params).toEqual([]);
    expect(schemaFeatures({ name: 't', description: '', inputSchema: { properties: { x: 5 } } }).params[0].types).toEqual([]);
  });

  it('infers types from anyOf and enums, and treats integer as a number', () => {
    expect(typesOf({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toEqual(['string']);
    expect(typesOf({ enum: [1, 2] })).toEqual(['integer']);
    expect(typesCompatible(['integer'], ['number'])).toBe(true);
    expect(typesCompatible(['string'], ['integer'])).toBe(false);
    expect(typesCompatible([], ['integer'])).toBe(true);
  });
});
