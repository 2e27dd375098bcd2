import { Module } from '@nestjs/common';
import { ApprovalRepository, SyncRunRepository, ToolRegistrationRepository } from '@toolgate/db';
import { SyncQueueService } from './sync-queue.service';
import { SyncRunsController } from './sync-runs.controller';

/** Sync runs (`GET /v1/sync-runs/:id`) and the `sync` queue producer the servers module uses. */
@Module({
  controllers: [SyncRunsController],
  providers: [SyncRunRepository, ToolRegistrationRepository, ApprovalRepository, SyncQueueService],
  exports: [SyncRunRepository, SyncQueueService],
})
export class SyncRunsModule {}
