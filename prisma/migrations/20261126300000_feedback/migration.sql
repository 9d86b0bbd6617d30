-- CreateTable
CREATE TABLE "feedback" (
    "id" SERIAL NOT NULL,
    "locale" "Locale" NOT NULL,
    "message" TEXT NOT NULL,
    "page_url" TEXT,
    "name" TEXT,
    "email" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "feedback_created_at_idx" ON "feedback"("created_at");
