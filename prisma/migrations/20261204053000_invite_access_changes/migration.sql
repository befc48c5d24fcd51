-- AlterTable
-- After acceptance, the accepting team's access can be changed between limited and full
-- (conversations.externalInvitePermissions.set, src/invites/access/): external_limited holds the
-- access now, these who changed it last and when. Written only after Slack said ok.
ALTER TABLE "invites" ADD COLUMN "access_changed_by_user_id" TEXT,
ADD COLUMN "access_changed_at" TIMESTAMPTZ(3);

-- CreateTable
-- Every such change Slack confirmed, for the history: who gave full access (or limited it) when.
CREATE TABLE "invite_access_changes" (
    "id" BIGSERIAL NOT NULL,
    "invite_id" UUID NOT NULL,
    "team_id" TEXT NOT NULL,
    "external_limited" BOOLEAN NOT NULL,
    "target_team_id" TEXT NOT NULL,
    "changed_by_user_id" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invite_access_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "invite_access_changes_invite_id_changed_at_idx" ON "invite_access_changes"("invite_id", "changed_at");

-- AddForeignKey
ALTER TABLE "invite_access_changes" ADD CONSTRAINT "invite_access_changes_invite_id_fkey" FOREIGN KEY ("invite_id") REFERENCES "invites"("id") ON DELETE CASCADE ON UPDATE CASCADE;
