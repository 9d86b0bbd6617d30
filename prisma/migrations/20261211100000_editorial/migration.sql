-- Editors' desk (issue 21): a reason readers see when an article is withdrawn,
-- and a correction note per translation with the time it was last set.

-- AlterTable
ALTER TABLE "article_translation" ADD COLUMN "withdrawn_reason" TEXT,
ADD COLUMN "correction" TEXT,
ADD COLUMN "corrected_at" TIMESTAMPTZ(3);
