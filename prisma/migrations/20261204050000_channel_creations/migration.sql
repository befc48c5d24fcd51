-- CreateTable
-- A channel the app was asked to create for invitations: recorded before Slack is asked, so a
-- retried submission (same team and idempotency key) never creates a second one.
CREATE TABLE "channel_creations" (
    "id" UUID NOT NULL,
    "team_id" TEXT NOT NULL,
    "enterprise_id" TEXT,
    "idempotency_key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_private" BOOLEAN NOT NULL,
    "requester_user_id" TEXT NOT NULL,
    "channel_id" TEXT,
    "channel_name" TEXT,
    "status" TEXT NOT NULL DEFAULT 'CREATING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error_code" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_creations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "channel_creations_team_id_idempotency_key_key" ON "channel_creations"("team_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "channel_creations_team_id_channel_id_idx" ON "channel_creations"("team_id", "channel_id");
