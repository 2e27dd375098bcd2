import { Module } from '@nestjs/common';
import { EnvironmentRepository } from '@toolgate/db';
import { EnvironmentsController } from './environments.controller';
import { EnvironmentsService } from './environments.service';

@Module({
  controllers: [EnvironmentsController],
  providers: [EnvironmentRepository, EnvironmentsService],
  exports: [EnvironmentsService],
})
export class EnvironmentsModule {}
