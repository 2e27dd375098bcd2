import { Module } from '@nestjs/common';
import { ApprovalRepository, ToolRepository } from '@toolgate/db';
import { EnvironmentsModule } from '../environments/environments.module';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';

/** Approval requests; ApprovalsService is exported for the registration path, which opens requests for blocked versions. */
@Module({
  imports: [EnvironmentsModule],
  controllers: [ApprovalsController],
  providers: [ApprovalRepository, ToolRepository, ApprovalsService],
  exports: [ApprovalsService],
})
export class ApprovalsModule {}
