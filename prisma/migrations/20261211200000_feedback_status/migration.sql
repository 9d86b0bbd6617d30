-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('NEW', 'IN_PROGRESS', 'ANSWERED');

-- AlterTable
ALTER TABLE "feedback" ADD COLUMN "status" "FeedbackStatus" NOT NULL DEFAULT 'NEW',
ADD COLUMN "status_changed_at" TIMESTAMPTZ(3),
ADD COLUMN "status_changed_by" TEXT;
