import { Global, Module } from '@nestjs/common';
import { AnalysisQueueService } from './analysis-queue.service';
import { SimulationQueueService } from './simulation-queue.service';

/** The API's queue producers (it never processes: only apps/worker registers processors). */
@Global()
@Module({ providers: [AnalysisQueueService, SimulationQueueService], exports: [AnalysisQueueService, SimulationQueueService] })
export class QueuesModule {}
