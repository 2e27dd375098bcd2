import { UsageMeter } from './usage-meter';

describe('UsageMeter.measure: a run\'s own usage on a shared meter', () => {
  it('keeps concurrent runs apart while the shared meter counts them all', async () => {
    const shared = new UsageMeter();
    const call = async (model: string, input: number, output: number) => {
      await new Promise((r) => setTimeout(r, 5));
      shared.record(model, input, output, output > 0 ? 'chat' : 'embedding');
    };
    const [one, two] = await Promise.all([
      shared.measure(async () => {
        await call('gpt-4o-mini', 1000, 100);
        await call('text-embedding-3-small', 500, 0);
        return 'one';
      }),
      shared.measure(async () => {
        await call('gpt-4o-mini', 10, 1);
        return 'two';
      }),
    ]);
    expect(one.result).toBe('one');
    expect(one.usage.byModel()).toEqual([
      { model: 'gpt-4o-mini', kind: 'chat', calls: 1, inputTokens: 1000, outputTokens: 100, costUsd: (1000 * 0.15 + 100 * 0.6) / 1e6, priced: true },
      { model: 'text-embedding-3-small', kind: 'embedding', calls: 1, inputTokens: 500, outputTokens: 0, costUsd: (500 * 0.02) / 1e6, priced: true },
    ]);
    expect(two.usage.total()).toMatchObject({ calls: 1, inputTokens: 10, outputTokens: 1 });
    expect(shared.total()).toMatchObject({ calls: 3, inputTokens: 1510, outputTokens: 101 });
  });
});
