-- CreateTable
CREATE TABLE "media_original" (
    "media_id" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "media_original_pkey" PRIMARY KEY ("media_id")
);

-- AddForeignKey
ALTER TABLE "media_original" ADD CONSTRAINT "media_original_media_id_fkey" FOREIGN KEY ("media_id") REFERENCES "media"("id") ON DELETE CASCADE ON UPDATE CASCADE;
