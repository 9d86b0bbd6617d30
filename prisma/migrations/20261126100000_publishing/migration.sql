-- AlterTable
ALTER TABLE "article" ADD COLUMN     "announced_at" TIMESTAMPTZ(3);

-- Articles that are already visible count as announced.
UPDATE "article" SET "announced_at" = "published_at" WHERE "status" = 'PUBLISHED' AND "published_at" <= CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "article_translation" ADD COLUMN     "body_markdown" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "article_revision" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "article_revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "editor_token" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "editor_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "article_revision_article_id_created_at_idx" ON "article_revision"("article_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "editor_token_name_key" ON "editor_token"("name");

-- CreateIndex
CREATE UNIQUE INDEX "editor_token_token_hash_key" ON "editor_token"("token_hash");

-- AddForeignKey
ALTER TABLE "article_revision" ADD CONSTRAINT "article_revision_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
