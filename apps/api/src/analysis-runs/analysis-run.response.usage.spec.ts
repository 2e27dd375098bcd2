import type { AnalysisRunRecord } from '@toolgate/db';
import { AnalysisRunResponseSchema, toAnalysisRunResponse } from './analysis-run.response';

describe('analysis run response: provider usage', () => {
  it('shows the run\'s calls, tokens and estimated cost per model, and matches the documented schema', () => {
    const byModel = [{ model: 'gpt-4o-mini', kind: 'chat' as const, calls: 12, inputTokens: 5120, outputTokens: 168, costUsd: 0.000869, priced: true }];
    const run: AnalysisRunRecord = {
      id: '0192f3a0-0000-7000-8000-000000000001',
      environmentId: '0192f3a0-0000-7000-8000-000000000002',
      trigger: 'REGISTRATION',
      status: 'COMPLETED',
      stages: ['LEXICAL', 'ROUTING'],
      stageTimings: { pairs: 1.5 },
      toolCount: 2,
      pairCount: 1,
      conflictCount: 1,
      error: null,
      requestedBy: { type: 'SYSTEM', id: null },
      usage: { calls: 12, promptTokens: 5120, completionTokens: 168, embeddingTokens: 0, costUsd: 0.000869, byModel },
      createdAt: new Date('2026-11-21T10:00:00Z'),
      startedAt: new Date('2026-11-21T10:00:01Z'),
      finishedAt: new Date('2026-11-21T10:00:02Z'),
    };
    const body = toAnalysisRunResponse(run);
    expect(AnalysisRunResponseSchema.parse(body)).toEqual(body);
    expect(body.usage).toEqual({ calls: 12, promptTokens: 5120, completionTokens: 168, embeddingTokens: 0, costUsd: 0.000869, byModel });
  });
});
