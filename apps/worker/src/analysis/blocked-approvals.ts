import { Injectable, Logger } from '@nestjs/common';
import { type AnalysisRunRecord, ApprovalRepository, type EnvironmentRecord, type SeverityLevel } from '@toolgate/db';
import { NotificationQueue } from '../notifications/notification-queue';

// Ascending, as the policy reads: blockingSeverity and everything above it blocks.
const ASCENDING: SeverityLevel[] = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

type Transaction = Parameters<ApprovalRepository['openIn']>[0];

/** What a run's completion does about the versions it blocked: open requests in its transaction, announce them after. */
export interface BlockedApprovalsStep {
  /** Passed to `AnalysisRunRepository.complete`: opens the requests in the run's own transaction. */
  inTransaction: (tx: Transaction, run: AnalysisRunRecord) => Promise<void>;
  /** After the commit: queues `approval.requested` for each request this run created. */
  announce: (runId: string) => Promise<void>;
}

/**
 * Opens an approval request for every version an analysis left BLOCKED, as synchronous registration does
 * in the API (ApprovalsService.openForBlocked), on behalf of whoever requested the run. The requests are
 * opened in the transaction that completes the run, so a client that sees the run COMPLETED (a registration
 * with `Prefer: wait`) also sees its requests. Opening is idempotent (a pending request for the version is
 * reused), so a retried job opens nothing twice.
 */
@Injectable()
export class BlockedApprovals {
  private readonly logger = new Logger(BlockedApprovals.name);

  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly notifications: NotificationQueue,
  ) {}

  step(environment: EnvironmentRecord, statuses: ReadonlyArray<{ versionId: string; status: string }>): BlockedApprovalsStep {
    const blocking = ASCENDING.slice(ASCENDING.indexOf(environment.policy.blockingSeverity));
    const created: string[] = [];
    return {
      inTransaction: async (tx, run) => {
        created.length = 0;
        for (const s of statuses) {
          if (s.status !== 'BLOCKED') continue;
          const opened = await this.approvals.openIn(tx, {
            organisationId: environment.organisationId,
            environmentId: environment.id,
            toolVersionId: s.versionId,
            requester: run.requestedBy,
            ttlSeconds: environment.policy.approvalTtlSeconds,
            blockingSeverities: blocking,
          });
          if (opened.created) created.push(opened.id);
        }
      },
      announce: async (runId) => {
        for (const approvalId of created) await this.notifications.emit({ type: 'approval.requested', approvalId });
        if (created.length > 0) this.logger.log({ runId, opened: created.length }, 'Approval requests opened for blocked versions');
      },
    };
  }
}
