import { pairKey } from '../model';
import { realTool } from '../semantic/registry.fixtures';
import { LocalRouter } from './local-router';
import { simulateRouting } from './routing-stage';

const router = new LocalRouter();
const options = { router, trials: 1, probesPerTool: 6, context: () => [] };

describe('simulateRouting on real tools', () => {
  it('reports a HIGH confusion for two differently named tools whose probes route to each other', async () => {
    const a = realTool('livemcp-desktop-commander/move_file');
    const b = realTool('livemcp-filesystem/move_file');
    const pairs = [
      { a: realTool('livemcp-puppeteer/puppeteer_click'), b: realTool('livemcp-playwright/playwright_click') },
      { a, b },
    ];
    const findings = await simulateRouting(pairs, options);
    for (const { a: x, b: y } of pairs) {
      const finding = findings.get(pairKey(x.key, y.key));
      expect(finding).toMatchObject({ stage: 'routing', type: 'routing-confusion', severity: 'HIGH' });
      expect(finding?.evidence['aToB']).toBeGreaterThan(0);
      expect(finding?.evidence['bToA']).toBeGreaterThan(0);
      expect((finding?.evidence['astray'] as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it('does not confuse an unrelated pair, even with neighbours in the context', async () => {
    const a = realTool('livemcp-git/git_status');
    const b = realTool('livemcp-weather/get_weather');
    const context = () => [realTool('livemcp-git/git_log'), realTool('livemcp-calculator/calculate')];
    const findings = await simulateRouting([{ a, b }], { ...options, context });
    const finding = findings.get(pairKey(a.key, b.key));
    expect(finding).toMatchObject({ score: 0, severity: 'INFO' });
    expect(finding?.evidence).toMatchObject({ aToB: 0, bToA: 0, probes: 12 });
  });
});
