import { Injectable, Logger } from '@nestjs/common';
import { ServerRepository } from '@toolgate/db';
import { defaultJobOptions, serverIdOfScheduler, SYNC_JOBS, syncSchedulerId } from '@toolgate/jobs';
import type { Queue } from 'bullmq';

/**
 * Reconciles the `sync` queue's job schedulers with the server rows at worker start, so schedules survive a lost
 * or flushed Redis: every enabled server with an interval gets its scheduler (upsert: same id, so idempotent with
 * the API's upserts and other workers), and schedulers of deleted or disabled servers are removed.
 */
@Injectable()
export class SyncSchedules {
  private readonly logger = new Logger(SyncSchedules.name);

  constructor(private readonly servers: ServerRepository) {}

  async reconcile(queue: Queue): Promise<{ upserted: number; removed: number }> {
    const scheduled = await this.servers.listScheduled();
    const wanted = new Set(scheduled.map((s) => s.id));
    for (const server of scheduled) {
      await queue.upsertJobScheduler(
        syncSchedulerId(server.id),
        { every: server.syncIntervalSeconds! * 1000 },
        // One attempt per tick: the next tick is the retry, and a failure is recorded on its run.
        { name: SYNC_JOBS.scheduledSync, data: { serverId: server.id }, opts: { ...defaultJobOptions, attempts: 1 } },
      );
    }
    let removed = 0;
    for (const scheduler of await queue.getJobSchedulers(0, -1)) {
      const serverId = scheduler.key ? serverIdOfScheduler(scheduler.key) : undefined;
      if (serverId && !wanted.has(serverId)) {
        await queue.removeJobScheduler(scheduler.key);
        removed++;
      }
    }
    this.logger.log({ upserted: scheduled.length, removed }, 'Sync schedules reconciled');
    return { upserted: scheduled.length, removed };
  }
}
