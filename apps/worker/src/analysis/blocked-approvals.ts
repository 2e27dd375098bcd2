import { Injectable, Logger } from '@nestjs/common';
import { type AnalysisRunRecord, ApprovalRepository, type EnvironmentRecord, type SeverityLevel } from '@toolgate/db';

// Ascending, as the policy reads: blockingSeverity and everything above it blocks.
const ASCENDING: SeverityLevel[] = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/**
 * Opens an approval request for every version an analysis left BLOCKED, as synchronous registration does
 * in the API (ApprovalsService.openForBlocked), on behalf of whoever requested the run. Opening is idempotent
 * (a pending request for the version is reused), so a retried job opens nothing twice.
 */
@Injectable()
export class BlockedApprovals {
  private readonly logger = new Logger(BlockedApprovals.name);

  constructor(private readonly approvals: ApprovalRepository) {}

  async open(environment: EnvironmentRecord, run: AnalysisRunRecord, statuses: ReadonlyArray<{ versionId: string; status: string }>): Promise<number> {
    const blocking = ASCENDING.slice(ASCENDING.indexOf(environment.policy.blockingSeverity));
    let opened = 0;
    for (const s of statuses) {
      if (s.status !== 'BLOCKED') continue;
      const { created } = await this.approvals.open({
        organisationId: environment.organisationId,
        environmentId: environment.id,
        toolVersionId: s.versionId,
        requester: run.requestedBy,
        ttlSeconds: environment.policy.approvalTtlSeconds,
        blockingSeverities: blocking,
      });
      if (created) opened++;
    }
    if (opened > 0) this.logger.log({ runId: run.id, opened }, 'Approval requests opened for blocked versions');
    return opened;
  }
}
