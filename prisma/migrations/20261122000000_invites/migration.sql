-- CreateEnum
CREATE TYPE "InviteKind" AS ENUM ('SLACK_CONNECT', 'PRIVATE_CHANNEL');

-- CreateEnum
CREATE TYPE "InviteStatus" AS ENUM ('RECORDED', 'SENDING', 'AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'PARTIALLY_COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "RecipientOutcome" AS ENUM ('PENDING', 'INVITED', 'ALREADY_MEMBER', 'FAILED');

-- CreateTable
CREATE TABLE "invites" (
    "id" UUID NOT NULL,
    "kind" "InviteKind" NOT NULL,
    "status" "InviteStatus" NOT NULL DEFAULT 'RECORDED',
    "team_id" TEXT NOT NULL,
    "enterprise_id" TEXT,
    "requester_user_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "channel_name" TEXT,
    "method" TEXT NOT NULL,
    "invitee_email" TEXT,
    "invitee_user_id" TEXT,
    "external_limited" BOOLEAN,
    "idempotency_key" TEXT NOT NULL,
    "view_id" TEXT,
    "slack_invite_id" TEXT,
    "is_legacy_shared_channel" BOOLEAN,
    "join_url" TEXT,
    "conf_code" TEXT,
    "error_code" TEXT,
    "error_detail" TEXT,
    "retry_after_seconds" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "date_invalid" TIMESTAMP(3),
    "approval_required" BOOLEAN,
    "accepted_at" TIMESTAMP(3),
    "accepted_by_user_id" TEXT,
    "accepted_by_team_id" TEXT,
    "approved_at" TIMESTAMP(3),
    "approved_by_user_id" TEXT,
    "approved_by_team_id" TEXT,
    "declined_at" TIMESTAMP(3),
    "declined_by_user_id" TEXT,
    "declined_by_team_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "sent_at" TIMESTAMP(3),
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "invites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invite_recipients" (
    "id" BIGSERIAL NOT NULL,
    "invite_id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "outcome" "RecipientOutcome" NOT NULL DEFAULT 'PENDING',
    "error_code" TEXT,

    CONSTRAINT "invite_recipients_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "invites_team_id_requester_user_id_created_at_idx" ON "invites"("team_id", "requester_user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "invites_team_id_created_at_idx" ON "invites"("team_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "invites_status_updated_at_idx" ON "invites"("status", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "invites_team_id_idempotency_key_key" ON "invites"("team_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "invites_team_id_slack_invite_id_key" ON "invites"("team_id", "slack_invite_id");

-- CreateIndex
CREATE UNIQUE INDEX "invite_recipients_invite_id_user_id_key" ON "invite_recipients"("invite_id", "user_id");

-- AddForeignKey
ALTER TABLE "invite_recipients" ADD CONSTRAINT "invite_recipients_invite_id_fkey" FOREIGN KEY ("invite_id") REFERENCES "invites"("id") ON DELETE CASCADE ON UPDATE CASCADE;
