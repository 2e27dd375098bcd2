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
