import { Module } from '@nestjs/common';
import { ServerRepository } from '@toolgate/db';
import { EnvironmentsModule } from '../environments/environments.module';
import { SyncRunsModule } from '../sync-runs/sync-runs.module';
import { ServersController } from './servers.controller';
import { ServersService } from './servers.service';

@Module({
  imports: [EnvironmentsModule, SyncRunsModule],
  controllers: [ServersController],
  providers: [ServerRepository, ServersService],
  exports: [ServersService],
})
export class ServersModule {}
