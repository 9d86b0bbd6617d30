-- CreateTable
CREATE TABLE "rate_limit_hit" (
    "bucket" TEXT NOT NULL,
    "client" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "rate_limit_hit_pkey" PRIMARY KEY ("bucket","client")
);

-- CreateIndex
CREATE INDEX "rate_limit_hit_window_start_idx" ON "rate_limit_hit"("window_start");
