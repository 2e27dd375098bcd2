-- CreateEnum
CREATE TYPE "ApprovalKind" AS ENUM ('CONFLICTS', 'DEFINITION_CHANGE');

-- AlterTable
ALTER TABLE "ApprovalRequest" ADD COLUMN     "definitionChange" JSONB,
ADD COLUMN     "kind" "ApprovalKind" NOT NULL DEFAULT 'CONFLICTS';

-- AlterTable
ALTER TABLE "McpServer" ADD COLUMN     "lastSyncError" TEXT;

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "analysisRunId" UUID,
ADD COLUMN     "requestedById" TEXT,
ADD COLUMN     "requestedByType" "ActorType" NOT NULL DEFAULT 'SYSTEM';

