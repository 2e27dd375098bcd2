import { makeTool } from '../model';
import { lexicalFindings } from './lexical-findings';
import { type LexicalTool } from './lexical-tool';
import { nameFeatures } from './name-features';

const lt = (server: string, name: string): LexicalTool => ({ tool: makeTool(server, { name, description: '', inputSchema: {} }), name: nameFeatures(name) });

describe('lexical stage: short names are whole words, not typos', () => {
  it.each([
    ['ls', 'rm'],
    ['get', 'set'],
    ['add', 'sub'],
    ['put', 'cut'],
    ['cat', 'cd'],
  ])('%s vs %s: no finding', (x, y) => {
    expect(lexicalFindings(lt('a', x), lt('b', y))).toEqual([]);
  });

  it('get vs fetch share only a generic verb: no finding', () => {
    expect(lexicalFindings(lt('a', 'get'), lt('b', 'fetch'))).toEqual([]);
  });

  it('but a short exact duplicate is still a collision', () => {
    expect(lexicalFindings(lt('compute', 'add'), lt('malicious', 'add'))[0]).toMatchObject({ type: 'exact-name-collision', severity: 'CRITICAL' });
  });
});
