-- CreateTable
-- What waits for a workspace admin's decision about Slack Connect, and the decision
-- (src/db/approval-repository.ts, src/invites/approvals/types.ts): one row per workspace, kind and
-- Slack invitation. A decision is claimed (PENDING -> DECIDING) before Slack is asked, so two
-- admins clicking at once make one call.
CREATE TABLE "approvals" (
    "id" UUID NOT NULL,
    "team_id" TEXT NOT NULL,
    "enterprise_id" TEXT,
    "kind" TEXT NOT NULL,
    "slack_invite_id" TEXT NOT NULL,
    "invite_id" UUID,
    "channel_id" TEXT,
    "channel_name" TEXT,
    "is_private" BOOLEAN,
    "inviting_user_id" TEXT,
    "inviting_team_id" TEXT,
    "inviting_team_name" TEXT,
    "inviting_team_domain" TEXT,
    "other_team_id" TEXT,
    "other_team_name" TEXT,
    "other_team_domain" TEXT,
    "target_team_id" TEXT,
    "recipient_email" TEXT,
    "recipient_user_id" TEXT,
    "external_limited" BOOLEAN,
    "expires_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decided_by_user_id" TEXT,
    "decided_by_rule" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "reason" TEXT,
    "slack_error" TEXT,
    "cards" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approvals_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "approvals_kind_known" CHECK ("kind" IN ('ACCEPTED_INVITE', 'INCOMING_INVITE', 'INVITE_REQUEST')),
    CONSTRAINT "approvals_status_known" CHECK ("status" IN ('PENDING', 'DECIDING', 'APPROVED', 'DECLINED', 'ACCEPTED', 'IGNORED', 'DECIDED_IN_SLACK')),
    CONSTRAINT "approvals_invite_id_fkey" FOREIGN KEY ("invite_id") REFERENCES "invites"("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "approvals_team_id_kind_slack_invite_id_key" ON "approvals"("team_id", "kind", "slack_invite_id");

-- CreateIndex
-- App Home's "Waiting for approval": a workspace's open ones, newest first.
CREATE INDEX "approvals_team_id_status_created_at_idx" ON "approvals"("team_id", "status", "created_at");

-- CreateTable
-- Partner organizations (T… or E…) whose invitations a workspace approves and accepts without a
-- person; with every change recorded in trusted_organization_changes.
CREATE TABLE "trusted_organizations" (
    "team_id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "org_name" TEXT,
    "org_domain" TEXT,
    "added_by_user_id" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trusted_organizations_pkey" PRIMARY KEY ("team_id", "org_id")
);

-- CreateTable
CREATE TABLE "trusted_organization_changes" (
    "id" BIGSERIAL NOT NULL,
    "team_id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "by_user_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trusted_organization_changes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "trusted_organization_changes_action_known" CHECK ("action" IN ('added', 'removed'))
);

-- CreateIndex
CREATE INDEX "trusted_organization_changes_team_id_at_idx" ON "trusted_organization_changes"("team_id", "at");

-- AlterTable
-- Where approval cards go (a channel the admins chose; none: each admin by DM), and when the
-- workspace's pending list was last read from Slack (listConnectInvites is Tier 1: at most once a minute).
ALTER TABLE "workspace_settings" ADD COLUMN "approver_channel_id" TEXT;
CREATE TABLE "approval_syncs" (
    "team_id" TEXT NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "approval_syncs_pkey" PRIMARY KEY ("team_id")
);
