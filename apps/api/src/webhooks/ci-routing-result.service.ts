import { Injectable } from '@nestjs/common';
import { DomainError, NotFoundError } from '@toolgate/config';
import { EnvironmentsService } from '../environments/environments.service';
import { SimulationQueueService } from '../queues/simulation-queue.service';
import type { RequestContext } from '../registry/request-context';

/** Reads a queued CI routing simulation back, scoped to the caller's organisation. */
@Injectable()
export class CiRoutingResultService {
  constructor(
    private readonly simulations: SimulationQueueService,
    private readonly environments: EnvironmentsService,
  ) {}

  async get(ctx: RequestContext, checkId: string): Promise<unknown> {
    const stored = await this.simulations.ciRouting(checkId);
    const notFound = () => new NotFoundError('CI_CHECK.NOT_FOUND', `No queued routing simulation for check ${checkId}`, { checkId });
    if (!stored) throw notFound();
    try {
      // Another tenant's check is "not found", exactly like an unknown one.
      await this.environments.resolve(ctx, stored.input.environmentId);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not_found') throw notFound();
      throw error;
    }
    return stored.result ? { checkId, status: 'completed', ...(stored.result as Record<string, unknown>) } : { checkId, status: 'pending' };
  }
}
