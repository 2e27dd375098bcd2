import { Module } from '@nestjs/common';
import { AnalysisRunRepository, ConflictRepository, ToolRegistrationRepository, ToolRepository } from '@toolgate/db';
import { ApprovalsModule } from '../approvals/approvals.module';
import { EnvironmentsModule } from '../environments/environments.module';
import { ServersModule } from '../servers/servers.module';
import { EnvironmentToolsController } from './environment-tools.controller';
import { RegistryAnalyzer } from './registry-analyzer';
import { RegistryIndex } from './registry-index';
import { ToolAsyncRegistrationService } from './tool-async-registration.service';
import { ToolCheckService } from './tool-check.service';
import { ToolReanalysisService } from './tool-reanalysis.service';
import { ToolRegistrationService } from './tool-registration.service';
import { ToolsController } from './tools.controller';
import { ToolsService } from './tools.service';

@Module({
  // ApprovalsModule: registration opens an approval request for every version it leaves BLOCKED.
  imports: [EnvironmentsModule, ServersModule, ApprovalsModule],
  controllers: [EnvironmentToolsController, ToolsController],
  providers: [ToolRepository, ToolRegistrationRepository, ConflictRepository, RegistryAnalyzer, RegistryIndex, ToolRegistrationService, ToolReanalysisService, ToolsService, ToolCheckService, ToolAsyncRegistrationService, AnalysisRunRepository],
  // The CI gate (webhooks/) analyses and registers through the registry's own path.
  exports: [ToolRepository, RegistryAnalyzer, RegistryIndex, ToolRegistrationService],
})
export class ToolsModule {}
