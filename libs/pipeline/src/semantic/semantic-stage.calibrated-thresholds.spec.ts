import { fingerprintText } from './fingerprint';
import { cosine, LocalEmbedder } from './local-embedder';
import { realTool } from './registry.fixtures';
import { semanticFindings } from './semantic-stage';

const embedder = new LocalEmbedder();
const cosineOf = (a: string, b: string): number => {
  const [x, y] = embedder.embedSync([fingerprintText(realTool(a)), fingerprintText(realTool(b))]);
  return cosine(x, y);
};

describe('semanticFindings on real tools', () => {
  it.each([
    ['livemcp-desktop-commander/move_file', 'livemcp-filesystem/move_file'],
    ['livemcp-puppeteer/puppeteer_click', 'livemcp-playwright/playwright_click'],
    ['github-mcp-server/create_branch', 'livemcp-git/git_create_branch'],
  ])('flags interchangeable %s and %s at MEDIUM or above, with shared terms', (a, b) => {
    const [finding] = semanticFindings(realTool(a), realTool(b), cosineOf(a, b));
    expect(finding).toMatchObject({ stage: 'semantic', type: 'description-similarity' });
    expect(['MEDIUM', 'HIGH', 'CRITICAL']).toContain(finding.severity);
    expect((finding.evidence['sharedTerms'] as string[]).length).toBeGreaterThan(0);
  });

  it('names the shared intent words first', () => {
    const a = 'livemcp-desktop-commander/move_file';
    const b = 'livemcp-filesystem/move_file';
    const [finding] = semanticFindings(realTool(a), realTool(b), cosineOf(a, b));
    expect((finding.evidence['sharedTerms'] as string[]).slice(0, 2).sort()).toEqual(['file', 'move']);
  });

  it.each([
    ['livemcp-git/git_status', 'livemcp-weather/get_weather'],
    ['github-mcp-server/create_issue', 'livemcp-calculator/calculate'],
  ])('reports nothing for unrelated %s and %s', (a, b) => {
    expect(semanticFindings(realTool(a), realTool(b), cosineOf(a, b))).toEqual([]);
  });
});
