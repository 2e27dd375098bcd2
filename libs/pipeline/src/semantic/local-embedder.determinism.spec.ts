import { makeTool } from '../model';
import { fingerprintText } from './fingerprint';
import { cosine, LocalEmbedder } from './local-embedder';

const tool = (name: string, description: string) => makeTool('srv', { name, description, inputSchema: { type: 'object', properties: {} } });

describe('LocalEmbedder: deterministic, normalised, concept-aware', () => {
  const embedder = new LocalEmbedder();

  it('gives the same vector for the same text, across instances', () => {
    const text = fingerprintText(tool('create_issue', 'Create a new issue in a GitHub repository.'));
    const [a] = embedder.embedSync([text]);
    const [b] = new LocalEmbedder().embedSync([text]);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a).toHaveLength(embedder.dimensions);
  });

  it('returns unit vectors, and a zero vector only for text without content', async () => {
    const [v, empty] = await embedder.embed(['Search the web for recent news', 'the of and']);
    expect(Math.sqrt(v.reduce((s, x) => s + x * x, 0))).toBeCloseTo(1, 5);
    expect(empty.every((x) => x === 0)).toBe(true);
  });

  it('puts "create a ticket" closer to "open a new issue" than to "delete a file"', () => {
    const [ticket, issue, file] = embedder.embedSync(['create a ticket', 'open a new issue', 'delete a file']);
    expect(cosine(ticket, issue)).toBeGreaterThan(0.3);
    expect(cosine(ticket, issue)).toBeGreaterThan(cosine(ticket, file) + 0.2);
  });

  it('changes its model id when fitted with corpus IDF, so cached vectors never mix', () => {
    const fitted = new LocalEmbedder().fit(['read a file', 'write a file', 'send an email']);
    expect(fitted.model).not.toBe(embedder.model);
    expect(fitted.model).toMatch(/^local-hash-v1-512\+idf-/);
    const [a] = fitted.embedSync(['read a file']);
    const [b] = embedder.embedSync(['read a file']);
    expect(cosine(a, b)).toBeLessThan(0.9999);
  });
});
