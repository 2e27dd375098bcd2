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
export { ServerRepository, type NewServer } from './repositories/server.repository';
export { ToolRepository, REGISTRY_STATUSES, type ToolFilter } from './repositories/tool.repository';
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
export { ApprovalRepository } from './repositories/approval.repository';
export { EmbeddingCacheRepository } from './repositories/embedding-cache.repository';
export type { ApprovalActorRef, ApprovalFilter, ApprovalOpen, ApprovalRecord, ApprovalStatusValue, DecisionResult } from './repositories/approval.types';
export { type PendingRegistrationWrite } from './repositories/tool-registration.repository';
export { dummyPasswordHash, hashPassword, verifyPassword } from './users/password-hash';
export { blockedSubjects, conflictWrites } from './repositories/report-writes';
