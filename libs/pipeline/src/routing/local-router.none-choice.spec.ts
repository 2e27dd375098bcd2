import type { RouterCandidate } from '../model';
import { LocalRouter } from './local-router';

const geometry: RouterCandidate[] = [
  { id: 'triangle', name: 'triangle_properties.get', description: 'Retrieve the dimensions, such as area and perimeter, of a triangle if lengths of three sides are given.' },
  { id: 'circle', name: 'circle_properties.get', description: 'Retrieve the dimensions, such as area and circumference, of a circle if radius is given.' },
];

describe('LocalRouter: "none of these"', () => {
  const router = new LocalRouter();

  it('answers none when no candidate fits the request', () => {
    const decision = router.routeSync("What's the weather going to be like in Lisbon tomorrow?", geometry);
    expect(decision.choice).toBeNull();
    expect(decision.ranking).toHaveLength(2);
    expect(decision.reason).toMatch(/none fits/);
  });

  it('still chooses when a candidate fits', () => {
    expect(router.routeSync('What is the area of a circle with radius 3?', geometry).choice).toBe('circle');
  });

  it('answers none for an empty candidate list', () => {
    expect(router.routeSync('anything', [])).toEqual({ choice: null, ranking: [], reason: 'no candidates' });
  });

  it('moves the none boundary with its threshold', () => {
    const query = 'What is the area of a circle with radius 3?';
    const strict = new LocalRouter({ noneThreshold: 0.99 });
    expect(strict.routeSync(query, geometry).choice).toBeNull();
  });
});
