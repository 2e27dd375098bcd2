-- AlterTable
ALTER TABLE "ToolVersion" ADD COLUMN     "findings" JSONB NOT NULL DEFAULT '[]';

