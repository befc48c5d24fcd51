-- AlterTable
-- An invitation sent again in another form (a full-access one Slack refused, sent as limited)
-- points to the one it replaces, so the history shows the two as one story.
ALTER TABLE "invites" ADD COLUMN "resend_of_id" UUID;

-- AddForeignKey
ALTER TABLE "invites" ADD CONSTRAINT "invites_resend_of_id_fkey" FOREIGN KEY ("resend_of_id") REFERENCES "invites"("id") ON DELETE SET NULL ON UPDATE CASCADE;
