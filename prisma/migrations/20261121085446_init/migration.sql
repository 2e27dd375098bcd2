-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('VIEWER', 'DEVELOPER', 'REVIEWER', 'ADMIN', 'CI_AGENT');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "Stage" AS ENUM ('LEXICAL', 'SCHEMA', 'SEMANTIC', 'ROUTING');

-- CreateEnum
CREATE TYPE "McpTransport" AS ENUM ('STDIO', 'SSE', 'STREAMABLE_HTTP');

-- CreateEnum
CREATE TYPE "ToolStatus" AS ENUM ('PENDING_ANALYSIS', 'ACTIVE', 'BLOCKED', 'REJECTED', 'REMOVED');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "AnalysisTrigger" AS ENUM ('MANUAL', 'SYNC', 'REGISTRATION', 'SCHEDULE', 'POLICY_CHANGE');

-- CreateEnum
CREATE TYPE "SyncTrigger" AS ENUM ('MANUAL', 'SCHEDULE', 'REGISTRATION');

-- CreateEnum
CREATE TYPE "ConflictStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'SUPPRESSED');

-- CreateEnum
CREATE TYPE "RecommendationKind" AS ENUM ('RENAME', 'DESCRIPTION', 'SCHEMA', 'SCOPE');

-- CreateEnum
CREATE TYPE "RecommendationSource" AS ENUM ('RULES', 'LLM');

-- CreateEnum
CREATE TYPE "ApprovalStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('USER', 'API_KEY', 'SYSTEM');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('SUCCESS', 'FAILURE', 'DENIED');

-- CreateTable
CREATE TABLE "Organisation" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "Role" NOT NULL DEFAULT 'VIEWER',
    "passwordHash" TEXT,
    "disabledAt" TIMESTAMPTZ(3),
    "lastLoginAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "keyHash" VARCHAR(64) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "blockingSeverity" "Severity" NOT NULL DEFAULT 'HIGH',
    "stagesOnRegistration" "Stage"[] DEFAULT ARRAY['LEXICAL', 'SCHEMA', 'SEMANTIC']::"Stage"[],
    "approvalTtlSeconds" INTEGER NOT NULL DEFAULT 604800,
    "providerOverrides" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "McpServer" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "transport" "McpTransport" NOT NULL,
    "connection" JSONB NOT NULL DEFAULT '{}',
    "secretsEncrypted" BYTEA,
    "syncIntervalSeconds" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastSyncAt" TIMESTAMPTZ(3),
    "lastSyncStatus" "RunStatus",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "McpServer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tool" (
    "id" UUID NOT NULL,
    "serverId" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" "ToolStatus" NOT NULL DEFAULT 'PENDING_ANALYSIS',
    "currentVersionId" UUID,
    "approvedVersionId" UUID,
    "deletedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Tool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ToolVersion" (
    "id" UUID NOT NULL,
    "toolId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "contentHash" VARCHAR(64) NOT NULL,
    "definition" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ToolVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnalysisRun" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "trigger" "AnalysisTrigger" NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'QUEUED',
    "stages" "Stage"[],
    "stageTimings" JSONB NOT NULL DEFAULT '{}',
    "toolCount" INTEGER NOT NULL DEFAULT 0,
    "pairCount" INTEGER NOT NULL DEFAULT 0,
    "conflictCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "embeddingTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(12,6) NOT NULL DEFAULT 0,
    "requestedByType" "ActorType" NOT NULL DEFAULT 'SYSTEM',
    "requestedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AnalysisRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conflict" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "toolAId" UUID NOT NULL,
    "toolBId" UUID NOT NULL,
    "severity" "Severity" NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "status" "ConflictStatus" NOT NULL DEFAULT 'OPEN',
    "suppressionReason" TEXT,
    "findings" JSONB NOT NULL DEFAULT '[]',
    "firstSeenRunId" UUID,
    "lastSeenRunId" UUID,
    "resolvedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Conflict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recommendation" (
    "id" UUID NOT NULL,
    "conflictId" UUID NOT NULL,
    "analysisRunId" UUID,
    "kind" "RecommendationKind" NOT NULL,
    "targetToolId" UUID NOT NULL,
    "patch" JSONB NOT NULL,
    "rationale" TEXT NOT NULL,
    "source" "RecommendationSource" NOT NULL,
    "scoreBefore" DOUBLE PRECISION NOT NULL,
    "scoreAfter" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalRequest" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "toolVersionId" UUID NOT NULL,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'PENDING',
    "requesterType" "ActorType" NOT NULL,
    "requesterId" TEXT,
    "deciderType" "ActorType",
    "deciderId" TEXT,
    "reason" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ApprovalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalRequestConflict" (
    "approvalRequestId" UUID NOT NULL,
    "conflictId" UUID NOT NULL,

    CONSTRAINT "ApprovalRequestConflict_pkey" PRIMARY KEY ("approvalRequestId","conflictId")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT,
    "environmentId" UUID,
    "outcome" "AuditOutcome" NOT NULL,
    "sourceIp" INET,
    "requestId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "prevHash" VARCHAR(64),
    "hash" VARCHAR(64) NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" UUID NOT NULL,
    "serverId" UUID NOT NULL,
    "trigger" "SyncTrigger" NOT NULL DEFAULT 'MANUAL',
    "status" "RunStatus" NOT NULL DEFAULT 'QUEUED',
    "added" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "serverInfo" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmbeddingCache" (
    "model" TEXT NOT NULL,
    "textHash" VARCHAR(64) NOT NULL,
    "dims" INTEGER NOT NULL,
    "vector" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmbeddingCache_pkey" PRIMARY KEY ("model","textHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_organisationId_email_key" ON "User"("organisationId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "ApiKey_organisationId_createdAt_id_idx" ON "ApiKey"("organisationId", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_organisationId_name_key" ON "Environment"("organisationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "McpServer_environmentId_name_key" ON "McpServer"("environmentId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "McpServer_id_environmentId_key" ON "McpServer"("id", "environmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Tool_currentVersionId_key" ON "Tool"("currentVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "Tool_approvedVersionId_key" ON "Tool"("approvedVersionId");

-- CreateIndex
CREATE INDEX "Tool_environmentId_createdAt_id_idx" ON "Tool"("environmentId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Tool_environmentId_status_idx" ON "Tool"("environmentId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Tool_serverId_name_key" ON "Tool"("serverId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ToolVersion_toolId_contentHash_key" ON "ToolVersion"("toolId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "ToolVersion_toolId_version_key" ON "ToolVersion"("toolId", "version");

-- CreateIndex
CREATE INDEX "AnalysisRun_environmentId_createdAt_id_idx" ON "AnalysisRun"("environmentId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AnalysisRun_status_createdAt_idx" ON "AnalysisRun"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Conflict_toolBId_idx" ON "Conflict"("toolBId");

-- CreateIndex
CREATE INDEX "Conflict_environmentId_createdAt_id_idx" ON "Conflict"("environmentId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Conflict_environmentId_status_severity_idx" ON "Conflict"("environmentId", "status", "severity");

-- CreateIndex
CREATE UNIQUE INDEX "Conflict_toolAId_toolBId_key" ON "Conflict"("toolAId", "toolBId");

-- CreateIndex
CREATE INDEX "Recommendation_conflictId_idx" ON "Recommendation"("conflictId");

-- CreateIndex
CREATE INDEX "Recommendation_targetToolId_idx" ON "Recommendation"("targetToolId");

-- CreateIndex
CREATE INDEX "ApprovalRequest_environmentId_createdAt_id_idx" ON "ApprovalRequest"("environmentId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ApprovalRequest_environmentId_status_createdAt_idx" ON "ApprovalRequest"("environmentId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "ApprovalRequest_toolVersionId_status_idx" ON "ApprovalRequest"("toolVersionId", "status");

-- CreateIndex
CREATE INDEX "ApprovalRequest_status_expiresAt_idx" ON "ApprovalRequest"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "ApprovalRequestConflict_conflictId_idx" ON "ApprovalRequestConflict"("conflictId");

-- CreateIndex
CREATE INDEX "AuditEntry_organisationId_time_idx" ON "AuditEntry"("organisationId", "time");

-- CreateIndex
CREATE INDEX "AuditEntry_organisationId_environmentId_time_idx" ON "AuditEntry"("organisationId", "environmentId", "time");

-- CreateIndex
CREATE INDEX "AuditEntry_organisationId_resourceType_resourceId_idx" ON "AuditEntry"("organisationId", "resourceType", "resourceId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_organisationId_seq_key" ON "AuditEntry"("organisationId", "seq");

-- CreateIndex
CREATE INDEX "SyncRun_serverId_createdAt_id_idx" ON "SyncRun"("serverId", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "McpServer" ADD CONSTRAINT "McpServer_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tool" ADD CONSTRAINT "Tool_serverId_environmentId_fkey" FOREIGN KEY ("serverId", "environmentId") REFERENCES "McpServer"("id", "environmentId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tool" ADD CONSTRAINT "Tool_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tool" ADD CONSTRAINT "Tool_currentVersionId_fkey" FOREIGN KEY ("currentVersionId") REFERENCES "ToolVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tool" ADD CONSTRAINT "Tool_approvedVersionId_fkey" FOREIGN KEY ("approvedVersionId") REFERENCES "ToolVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ToolVersion" ADD CONSTRAINT "ToolVersion_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "Tool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalysisRun" ADD CONSTRAINT "AnalysisRun_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conflict" ADD CONSTRAINT "Conflict_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conflict" ADD CONSTRAINT "Conflict_toolAId_fkey" FOREIGN KEY ("toolAId") REFERENCES "Tool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conflict" ADD CONSTRAINT "Conflict_toolBId_fkey" FOREIGN KEY ("toolBId") REFERENCES "Tool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conflict" ADD CONSTRAINT "Conflict_firstSeenRunId_fkey" FOREIGN KEY ("firstSeenRunId") REFERENCES "AnalysisRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conflict" ADD CONSTRAINT "Conflict_lastSeenRunId_fkey" FOREIGN KEY ("lastSeenRunId") REFERENCES "AnalysisRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_conflictId_fkey" FOREIGN KEY ("conflictId") REFERENCES "Conflict"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_analysisRunId_fkey" FOREIGN KEY ("analysisRunId") REFERENCES "AnalysisRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_targetToolId_fkey" FOREIGN KEY ("targetToolId") REFERENCES "Tool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_toolVersionId_fkey" FOREIGN KEY ("toolVersionId") REFERENCES "ToolVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequestConflict" ADD CONSTRAINT "ApprovalRequestConflict_approvalRequestId_fkey" FOREIGN KEY ("approvalRequestId") REFERENCES "ApprovalRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequestConflict" ADD CONSTRAINT "ApprovalRequestConflict_conflictId_fkey" FOREIGN KEY ("conflictId") REFERENCES "Conflict"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "McpServer"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written (Prisma cannot express CHECK constraints; its diff ignores them): a conflict's unordered tool
-- pair is stored ordered, so the unique index on ("toolAId", "toolBId") deduplicates pairs. docs/adr/0003.
ALTER TABLE "Conflict" ADD CONSTRAINT "Conflict_toolAId_lt_toolBId_check" CHECK ("toolAId" < "toolBId");
