import { Injectable } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { NotificationSubjectsRepository } from '@toolgate/db';
import { NotificationQueue } from './notification-queue';

/** Expired requests looked at for their expiry notice (the sweep runs every APPROVAL_EXPIRY_INTERVAL_MS). */
const EXPIRED_LOOKBACK_MS = 86_400_000;

/**
 * Run by the maintenance tick after the expiry sweep: queues `approval.expiring` for PENDING requests that
 * expire within NOTIFY_APPROVAL_EXPIRING_LEAD_MS and were not warned about yet (once per request: the query,
 * a fixed job id, and the fan-out's dedup without a window), and `approval.expired` for expired requests that
 * were announced and not yet closed.
 */
@Injectable()
export class ApprovalNoticesUseCase {
  constructor(
    private readonly config: AppConfig,
    private readonly subjects: NotificationSubjectsRepository,
    private readonly queue: NotificationQueue,
  ) {}

  async run(now: Date): Promise<{ expiring: number; expired: number }> {
    const lead = this.config.values.NOTIFY_APPROVAL_EXPIRING_LEAD_MS;
    const expiring = lead > 0 ? await this.subjects.approvalsExpiringBy(now, new Date(now.getTime() + lead)) : [];
    for (const approvalId of expiring) await this.queue.emit({ type: 'approval.expiring', approvalId });
    const expired = await this.subjects.expiredToAnnounce(new Date(now.getTime() - EXPIRED_LOOKBACK_MS));
    for (const approvalId of expired) await this.queue.emit({ type: 'approval.expired', approvalId });
    return { expiring: expiring.length, expired: expired.length };
  }
}
