import { Module } from '@nestjs/common';
import { AnalysisRunRepository } from '@toolgate/db';
import { EnvironmentsModule } from '../environments/environments.module';
import { AnalysisRunsController } from './analysis-runs.controller';
import { AnalysisRunsService } from './analysis-runs.service';

@Module({
  imports: [EnvironmentsModule],
  controllers: [AnalysisRunsController],
  providers: [AnalysisRunRepository, AnalysisRunsService],
})
export class AnalysisRunsModule {}
