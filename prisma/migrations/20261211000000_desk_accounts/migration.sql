-- CreateEnum
CREATE TYPE "DeskRole" AS ENUM ('author', 'editor', 'admin');

-- CreateTable
CREATE TABLE "desk_account" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "DeskRole" NOT NULL,
    "password_hash" TEXT NOT NULL,
    "must_change_password" BOOLEAN NOT NULL DEFAULT true,
    "locale" "Locale" NOT NULL DEFAULT 'de',
    "disabled_at" TIMESTAMPTZ(3),
    "last_sign_in_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "desk_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "desk_session" (
    "token_hash" TEXT NOT NULL,
    "account_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "desk_session_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE UNIQUE INDEX "desk_account_email_key" ON "desk_account"("email");

-- CreateIndex
CREATE INDEX "desk_session_account_id_idx" ON "desk_session"("account_id");

-- CreateIndex
CREATE INDEX "desk_session_expires_at_idx" ON "desk_session"("expires_at");

-- AddForeignKey
ALTER TABLE "desk_session" ADD CONSTRAINT "desk_session_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "desk_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
