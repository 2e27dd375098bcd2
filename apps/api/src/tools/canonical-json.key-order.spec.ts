import { canonicalJson, contentHash } from './canonical-json';

describe('canonicalJson / contentHash', () => {
  it('serialises nested objects with sorted keys and no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same hash for the same definition written in another key order', () => {
    const one = { name: 'search', description: 'Find', inputSchema: { type: 'object', properties: { q: { type: 'string' } } } };
    const two = { inputSchema: { properties: { q: { type: 'string' } }, type: 'object' }, description: 'Find', name: 'search' };
    expect(contentHash(one)).toBe(contentHash(two));
    expect(contentHash(one)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores undefined members but not array order or values', () => {
    expect(contentHash({ a: 1, title: undefined })).toBe(contentHash({ a: 1 }));
    expect(contentHash({ a: [1, 2] })).not.toBe(contentHash({ a: [2, 1] }));
    expect(contentHash({ description: 'Find' })).not.toBe(contentHash({ description: 'Find ' }));
  });
});
