export { PrismaService, type PrismaPoolOptions } from './prisma.service';
export { runMigrations, type MigrateOptions, type MigrateResult } from './migrations/migration-runner';
export { MigrationFailedError, MigrationModifiedError } from './migrations/migration.errors';
export { matchesChecksum, migrationChecksum } from './migrations/migration-files';
export { createTempDatabase, type TempDatabase } from './admin/temp-database';
export type {
  ConflictDetail,
  ConflictRecord,
  ConflictStatusValue,
  EnvironmentPolicy,
  EnvironmentRecord,
  Page,
  PageRequest,
  RecommendationRecord,
  ServerRecord,
  SeverityLevel,
  StageLevel,
  ToolRecord,
  ToolRef,
  ToolStatusValue,
  ToolVersionRecord,
  TransportValue,
} from './repositories/registry.types';
export { OrganisationRepository } from './repositories/organisation.repository';
export { EnvironmentRepository } from './repositories/environment.repository';
export { ServerRepository, isSyncableServer, type NewServer, type ServerPatch, type ServerForSync } from './repositories/server.repository';
export { SyncRunRepository, type SyncRunRecord, type SyncApply, type SyncTriggerValue, type SyncStatusValue, type SyncRegistryTool } from './repositories/sync-run.repository';
export { ToolRepository, REGISTRY_STATUSES, type ToolFilter } from './repositories/tool.repository';
export { pipelineTool, registrySource, versionedTool } from './repositories/registry-source';
export {
  ToolRegistrationRepository,
  pendingToolId,
  type RegisteredTool,
  type RegistrationResult,
  type RegistrationWrite,
  type RemovalResult,
  type ToolVersionWrite,
} from './repositories/tool-registration.repository';
export { ConflictRepository, type ConflictCounts, type ConflictFilter, type ConflictStatusChange } from './repositories/conflict.repository';
export { UNRESOLVED_STATUSES, type ConflictWrite, type RecommendationWrite } from './repositories/conflict-sync';
export { UserRepository, type LoginOrigin, type NewUser, type RoleValue, type UserRecord } from './repositories/user.repository';
export { ApiKeyRepository, type ApiKeyRecord, type NewApiKey } from './repositories/api-key.repository';
export { AuditLog } from './repositories/audit-log';
export { AuditRepository, type AuditExport, type AuditExportOptions, type AuditFilter, type AuditPage } from './repositories/audit.repository';
export type { AuditScope, AuditSource } from './repositories/audit-context';
export {
  AnalysisRunRepository,
  type AnalysisRunRecord,
  type AnalysisTriggerValue,
  type RunStatusValue,
  type ScanWrite,
} from './repositories/analysis-run.repository';
export type { ProviderUsageLine, RunUsage } from './repositories/run-usage';
export { ApprovalRepository } from './repositories/approval.repository';
export { EmbeddingCacheRepository } from './repositories/embedding-cache.repository';
export { RouterDecisionCacheRepository, type RouterDecisionKey, type CachedRouteDecision } from './repositories/router-decision-cache.repository';
export { ProviderCacheRetentionRepository, type ProviderCacheEviction } from './repositories/provider-cache-retention.repository';
export { ProbeCacheRepository, type CachedProbes } from './repositories/probe-cache.repository';
export { RecommendationDraftCacheRepository, type CachedRecommendationDraft } from './repositories/recommendation-draft-cache.repository';
export type { ApprovalActorRef, ApprovalFilter, ApprovalKindValue, ApprovalOpen, ApprovalRecord, ApprovalStatusValue, DecisionResult, DefinitionChange } from './repositories/approval.types';
export { type PendingRegistrationWrite } from './repositories/tool-registration.repository';
export { dummyPasswordHash, hashPassword, verifyPassword } from './users/password-hash';
export { blockedSubjects, conflictWrite, conflictWrites } from './repositories/report-writes';
// Notifications (issue 7): keep these lines when editing this file.
export { NotificationChannelRepository } from './repositories/notification-channel.repository';
export { NotificationDeliveryRepository, type QueueOutcome } from './repositories/notification-delivery.repository';
export {
  channelSecretsContext,
  type ChannelKindValue,
  type DeliveryAttempt,
  type DeliveryStatusValue,
  type DigestModeValue,
  type NotificationChannelRecord,
  type NotificationChannelWrite,
  type NotificationDeliveryFilter,
  type NotificationDeliveryRecord,
  type NotificationDeliveryWrite,
  type SecretsSealer,
} from './repositories/notification.types';
export {
  NotificationSubjectsRepository,
  type ApprovalSubject,
  type ConflictSubject,
  type FailedRunSubject,
  type SubjectEnvironment,
  type SubjectTool,
  type ToolChangeSubject,
} from './repositories/notification-subjects.repository';
