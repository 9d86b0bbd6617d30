-- CreateTable
CREATE TABLE "cache_revalidation" (
    "tag" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "revalidated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cache_revalidation_pkey" PRIMARY KEY ("tag")
);

-- CreateTable
CREATE TABLE "database_identity" (
    "id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "database_identity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "cache_revalidation_seq_idx" ON "cache_revalidation"("seq");

-- Every database gets a name of its own when it is made, so that a cache written for one is never served for another.
INSERT INTO "database_identity" ("id") VALUES (gen_random_uuid()::text);
