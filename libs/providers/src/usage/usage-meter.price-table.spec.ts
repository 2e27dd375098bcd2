import { UsageMeter } from './usage-meter';

describe('UsageMeter', () => {
  it('sums tokens per model and prices dated model names by their family', () => {
    const meter = new UsageMeter();
    meter.record('gpt-4o-mini-2024-07-18', 1_000_000, 100_000);
    meter.record('gpt-4o-mini-2024-07-18', 1_000_000, 0);
    meter.record('gpt-4o', 1000, 1000);
    meter.record('llama3:8b', 500, 10);
    const lines = new Map(meter.byModel().map((l) => [l.model, l]));
    // gpt-4o-mini, not gpt-4o: the longest matching prefix wins.
    expect(lines.get('gpt-4o-mini-2024-07-18')).toMatchObject({ calls: 2, inputTokens: 2_000_000, outputTokens: 100_000, priced: true });
    expect(lines.get('gpt-4o-mini-2024-07-18')?.costUsd).toBeCloseTo(2 * 0.15 + 0.1 * 0.6, 10);
    expect(lines.get('gpt-4o')?.costUsd).toBeCloseTo((1000 * 2.5 + 1000 * 10) / 1e6, 10);
    expect(lines.get('llama3:8b')).toMatchObject({ priced: false, costUsd: 0 });
    expect(meter.total()).toMatchObject({ calls: 4, inputTokens: 2_001_500, outputTokens: 101_010 });
  });
});
