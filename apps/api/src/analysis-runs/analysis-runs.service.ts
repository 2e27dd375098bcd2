import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@toolgate/config';
import { AnalysisRunRepository } from '@toolgate/db';
import { EnvironmentsService } from '../environments/environments.service';
import { AnalysisQueueService } from '../queues/analysis-queue.service';
import type { RequestContext } from '../registry/request-context';
import { type AnalysisRunAccepted, type AnalysisRunResponse, toAnalysisRunResponse } from './analysis-run.response';

/** Full re-scans: the API records the run (QUEUED) and enqueues it; apps/worker runs it. */
@Injectable()
export class AnalysisRunsService {
  constructor(
    private readonly environments: EnvironmentsService,
    private readonly runs: AnalysisRunRepository,
    private readonly queue: AnalysisQueueService,
  ) {}

  async start(ctx: RequestContext, envRef: string): Promise<AnalysisRunAccepted> {
    const env = await this.environments.resolve(ctx, envRef);
    // The policy's registration stages, routing included when it has it (run on flagged pairs ≥ MEDIUM, docs/tool-lifecycle.md).
    const run = await this.runs.create(env.id, 'MANUAL', env.policy.stagesOnRegistration, { type: ctx.actor.type, id: ctx.actor.id });
    try {
      await this.queue.enqueueScan({ runId: run.id });
    } catch (error) {
      // Not left QUEUED forever: the run says why it never started.
      await this.runs.fail(run.id, `not enqueued: ${(error as Error).message}`);
      throw error;
    }
    return { id: run.id, status: 'queued' };
  }

  async get(ctx: RequestContext, id: string): Promise<AnalysisRunResponse> {
    const run = await this.runs.findById(ctx.organisationId, id);
    if (!run) throw new NotFoundError('ANALYSIS_RUN.NOT_FOUND', `Analysis run ${id} not found`, { id });
    return toAnalysisRunResponse(run);
  }
}
