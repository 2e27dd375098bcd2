-- CreateTable
CREATE TABLE "RecommendationDraftCache" (
    "model" TEXT NOT NULL,
    "requestHash" VARCHAR(64) NOT NULL,
    "drafts" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationDraftCache_pkey" PRIMARY KEY ("model","requestHash")
);

