-- AlterTable
ALTER TABLE "AnalysisRun" ADD COLUMN     "providerUsage" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "RouterDecisionCache" (
    "model" TEXT NOT NULL,
    "toolSetHash" VARCHAR(64) NOT NULL,
    "probeHash" VARCHAR(64) NOT NULL,
    "trial" INTEGER NOT NULL,
    "decision" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RouterDecisionCache_pkey" PRIMARY KEY ("model","toolSetHash","probeHash","trial")
);

-- CreateTable
CREATE TABLE "ProbeCache" (
    "model" TEXT NOT NULL,
    "pairHash" VARCHAR(64) NOT NULL,
    "probes" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProbeCache_pkey" PRIMARY KEY ("model","pairHash")
);

