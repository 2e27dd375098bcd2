export { QUEUES, type QueueName } from './queues';
export { workerConnectionOptions, producerConnectionOptions, defaultJobOptions } from './connection-options';
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
export { MAINTENANCE_JOBS, APPROVAL_EXPIRY_SCHEDULER_ID } from './maintenance.jobs';
