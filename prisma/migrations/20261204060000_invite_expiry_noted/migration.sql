-- AlterTable
-- When the app noticed that a Slack Connect invitation nobody accepted had expired (Slack sends no
-- event): set once, by the replica that claims it, which then shows it expired on its inviter's
-- App Home without their opening it (src/invites/reminders.ts).
ALTER TABLE "invites" ADD COLUMN "expired_at" TIMESTAMPTZ(3);
