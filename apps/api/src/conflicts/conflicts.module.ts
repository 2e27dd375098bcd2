import { Module } from '@nestjs/common';
import { ConflictRepository, ToolRepository } from '@toolgate/db';
import { EnvironmentsModule } from '../environments/environments.module';
import { ConflictsController } from './conflicts.controller';
import { ConflictsService } from './conflicts.service';

@Module({
  imports: [EnvironmentsModule],
  controllers: [ConflictsController],
  providers: [ConflictRepository, ToolRepository, ConflictsService],
})
export class ConflictsModule {}
