-- AlterTable
-- When the inviter was reminded that a Slack Connect invitation nobody accepted is about to expire
-- (src/invites/reminders.ts): set once, by the replica that claims it, before the message goes.
ALTER TABLE "invites" ADD COLUMN "reminder_sent_at" TIMESTAMPTZ(3);
