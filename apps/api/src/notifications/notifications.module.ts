import { Global, Module } from '@nestjs/common';
import { NotificationChannelRepository, NotificationDeliveryRepository } from '@toolgate/db';
import { EnvironmentsModule } from '../environments/environments.module';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationDeliveriesService } from './notification-deliveries.service';
import { NotificationQueueService } from './notification-queue.service';
import { NotificationsController } from './notifications.controller';

/**
 * Notification channels and delivery history. Global so request paths (approvals, registration, conflicts)
 * can emit events through NotificationQueueService after their change committed.
 */
@Global()
@Module({
  imports: [EnvironmentsModule],
  controllers: [NotificationsController],
  providers: [NotificationChannelRepository, NotificationDeliveryRepository, NotificationChannelsService, NotificationDeliveriesService, NotificationQueueService],
  exports: [NotificationQueueService],
})
export class NotificationsModule {}
