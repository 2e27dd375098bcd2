export { QUEUES, type QueueName } from './queues';
export { workerConnectionOptions, producerConnectionOptions, defaultJobOptions } from './connection-options';
export { watchRedisOutages, type OutageLogger } from './redis-outages';
export {
  HEARTBEAT_MISSED_BEATS,
  workerHeartbeatKey,
  heartbeatTtlMs,
  workerId,
  heartbeatStatus,
  type HeartbeatStatus,
} from './heartbeat';
export {
  ANALYSIS_JOBS,
  EnvironmentScanPayloadSchema,
  type EnvironmentScanPayload,
  environmentScanJobId,
  EnvironmentScanShardPayloadSchema,
  type EnvironmentScanShardPayload,
  environmentScanFlowJobIds,
  RegistrationAnalysisPayloadSchema,
  type RegistrationAnalysisPayload,
  registrationAnalysisJobId,
} from './analysis.jobs';
export {
  SIMULATION_JOBS,
  CiCheckRoutingPayloadSchema,
  type CiCheckRoutingPayload,
  CiCheckRoutingInputSchema,
  type CiCheckRoutingInput,
  ciCheckKey,
  CI_CHECK_TTL_SECONDS,
  ciCheckRoutingJobId,
} from './simulation.jobs';
export { MAINTENANCE_JOBS, APPROVAL_EXPIRY_SCHEDULER_ID, PROVIDER_CACHE_EVICTION_SCHEDULER_ID } from './maintenance.jobs';
export {
  NOTIFICATION_JOBS,
  NOTIFICATION_EVENT_NAMES,
  NotificationEventPayloadSchema,
  type NotificationEventPayload,
  type NotificationEventName,
  NotificationDeliverPayloadSchema,
  type NotificationDeliverPayload,
  NotificationDigestPayloadSchema,
  type NotificationDigestPayload,
  notificationDeliverJobId,
  notificationDigestJobId,
  notificationEventJobId,
  type NotificationEventQueue,
  enqueueNotificationEvent,
} from './notification.jobs';
export {
  SYNC_JOBS,
  ServerSyncPayloadSchema,
  type ServerSyncPayload,
  ScheduledSyncPayloadSchema,
  type ScheduledSyncPayload,
  serverSyncJobId,
  syncSchedulerId,
  serverIdOfScheduler,
  MIN_SYNC_INTERVAL_SECONDS,
  syncBreakersKey,
  SyncBreakerStateSchema,
  type SyncBreakerState,
} from './sync.jobs';
