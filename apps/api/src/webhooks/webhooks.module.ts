import { Module } from '@nestjs/common';
import { EnvironmentsModule } from '../environments/environments.module';
import { ToolsModule } from '../tools/tools.module';
import { CiCheckController } from './ci-check.controller';
import { CiCheckService } from './ci-check.service';
import { CiRoutingResultService } from './ci-routing-result.service';
import { IdempotencyStore } from './idempotency.store';

/** Inbound webhooks: the CI gate. */
@Module({
  imports: [EnvironmentsModule, ToolsModule],
  controllers: [CiCheckController],
  providers: [CiCheckService, CiRoutingResultService, IdempotencyStore],
})
export class WebhooksModule {}
