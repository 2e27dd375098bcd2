import { typo } from './planting';
import { createRng } from './prng';

describe('typo', () => {
  it('makes a one-edit variant that differs from the original', () => {
    const rng = createRng('typo');
    for (let i = 0; i < 200; i++) {
      const name = rng.pick(['create_task', 'list_directory', 'read_file', 'get_forecast']);
      const variant = typo(rng, name);
      expect(variant).not.toBe(name);
      expect(Math.abs(variant.length - name.length)).toBeLessThanOrEqual(1);
    }
  });
});
