-- CreateEnum
CREATE TYPE "NotificationChannelKind" AS ENUM ('SLACK', 'EMAIL', 'PAGERDUTY', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "NotificationDigestMode" AS ENUM ('IMMEDIATE', 'DIGEST');

-- CreateEnum
CREATE TYPE "NotificationDeliveryStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED', 'SUPPRESSED');

-- CreateTable
CREATE TABLE "NotificationChannel" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "NotificationChannelKind" NOT NULL,
    "minSeverity" "Severity" NOT NULL DEFAULT 'HIGH',
    "events" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "digestMode" "NotificationDigestMode" NOT NULL DEFAULT 'IMMEDIATE',
    "digestIntervalSeconds" INTEGER NOT NULL DEFAULT 3600,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "secretsEncrypted" BYTEA,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "id" UUID NOT NULL,
    "channelId" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "eventType" TEXT NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "severity" "Severity",
    "status" "NotificationDeliveryStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "httpStatus" INTEGER,
    "event" JSONB NOT NULL DEFAULT '{}',
    "digestKey" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NotificationChannel_environmentId_createdAt_id_idx" ON "NotificationChannel"("environmentId", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationChannel_environmentId_name_key" ON "NotificationChannel"("environmentId", "name");

-- CreateIndex
CREATE INDEX "NotificationDelivery_channelId_eventType_dedupKey_createdAt_idx" ON "NotificationDelivery"("channelId", "eventType", "dedupKey", "createdAt");

-- CreateIndex
CREATE INDEX "NotificationDelivery_channelId_digestKey_idx" ON "NotificationDelivery"("channelId", "digestKey");

-- CreateIndex
CREATE INDEX "NotificationDelivery_environmentId_createdAt_id_idx" ON "NotificationDelivery"("environmentId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "NotificationDelivery_createdAt_id_idx" ON "NotificationDelivery"("createdAt", "id");

-- AddForeignKey
ALTER TABLE "NotificationChannel" ADD CONSTRAINT "NotificationChannel_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationDelivery" ADD CONSTRAINT "NotificationDelivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "NotificationChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationDelivery" ADD CONSTRAINT "NotificationDelivery_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

