import { Injectable, Logger } from '@nestjs/common';
import { ApprovalRepository } from '@toolgate/db';

// Requests expired per job; a larger backlog is drained over the following ticks.
const BATCH = 500;

/**
 * Marks PENDING approval requests past `expiresAt` as EXPIRED, each with its `approval.expired` audit
 * entry. Exactly once per request even if two sweeps overlap: the repository's update is conditional
 * on `status = 'PENDING'`, so only one transaction changes a row and writes its entry.
 */
@Injectable()
export class ApprovalExpiryUseCase {
  private readonly logger = new Logger(ApprovalExpiryUseCase.name);

  constructor(private readonly approvals: ApprovalRepository) {}

  async run(now: Date): Promise<number> {
    const expired = await this.approvals.expireDue(now, BATCH);
    if (expired > 0) this.logger.log(`Expired ${expired} approval request(s)`);
    return expired;
  }
}
