-- AlterTable
ALTER TABLE "NotificationChannel" ADD COLUMN     "secretFields" TEXT[] DEFAULT ARRAY[]::TEXT[];

