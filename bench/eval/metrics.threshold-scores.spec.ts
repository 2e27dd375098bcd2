import { accuracy, confusion, exactScores, thresholdScores, type Outcome } from './metrics';

const outcomes: Outcome[] = [
  { expected: 'CRITICAL', predicted: 'CRITICAL' },
  { expected: 'CRITICAL', predicted: 'HIGH' },
  { expected: 'HIGH', predicted: 'MEDIUM' },
  { expected: 'MEDIUM', predicted: 'MEDIUM' },
  { expected: 'NONE', predicted: 'HIGH' },
  { expected: 'NONE', predicted: 'NONE' },
];

describe('metrics', () => {
  it('scores exact levels', () => {
    const critical = exactScores(outcomes).find((s) => s.label === 'CRITICAL')!;
    expect(critical).toMatchObject({ support: 2, predicted: 1, truePositives: 1, precision: 1, recall: 0.5 });
    const low = exactScores(outcomes).find((s) => s.label === 'LOW')!;
    expect(low.precision).toBeNull();
    expect(low.recall).toBeNull();
  });

  it('binarises both sides at a threshold', () => {
    const high = thresholdScores(outcomes).find((s) => s.label === '≥HIGH')!;
    // expected ≥HIGH: 3 pairs; predicted ≥HIGH: CRITICAL, HIGH, and the NONE→HIGH false positive.
    expect(high).toMatchObject({ support: 3, predicted: 3, truePositives: 2 });
    expect(high.precision).toBeCloseTo(2 / 3);
    const low = thresholdScores(outcomes).find((s) => s.label === '≥LOW')!;
    expect(low).toMatchObject({ support: 4, predicted: 5, truePositives: 4, recall: 1 });
  });

  it('counts the confusion matrix and tolerant accuracy', () => {
    expect(confusion(outcomes).NONE.HIGH).toBe(1);
    expect(accuracy(outcomes)).toBeCloseTo(3 / 6);
    expect(accuracy(outcomes, 1)).toBeCloseTo(5 / 6);
  });
});
