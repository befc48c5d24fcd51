-- Every timestamp becomes timestamptz: one instant whatever the server's, the database's or the
-- session's TimeZone. Until now the columns were timestamp (no zone) and two writers filled them
-- differently, so each column is converted by the writer that filled it.
--
-- ASSUMPTIONS (the rows were written by this app, before this migration):
--   * values written from JavaScript (Prisma's ORM and every Date parameter) are UTC wall-clock
--     times: @prisma/adapter-pg formats a Date in UTC without an offset;
--   * values written by SQL's now() are wall-clock times in the session's TimeZone, which the app
--     never set: the database's default, which this migration's session also has
--     (current_setting('TimeZone')). If the database's TimeZone was changed since those rows were
--     written, set it back to the old zone for this migration (ALTER DATABASE ... SET TimeZone).
-- Who wrote what (src/db/invite-repository.ts before this migration):
--   created_at    now() for Slack Connect invites (raw INSERT); JavaScript for private-channel ones (ORM)
--   sent_at       now() (markSending, both kinds)
--   completed_at  now() for Slack Connect (raw UPDATE); JavaScript for private-channel (ORM)
--   updated_at    now() in the statements above, which set it together with created_at, sent_at or
--                 completed_at (so it equals one of them in the same row); JavaScript (@updatedAt)
--                 everywhere else. The one now() write with no companion is a recovery claim
--                 not yet followed by another write; such a row's updated_at may stay off by the
--                 zone's offset, and nothing reads updated_at of an unfinished invite.
--   lease_expires_at, date_invalid, accepted_at, approved_at, declined_at, processed_events.received_at:
--                 JavaScript.
-- In one ALTER TABLE every USING expression reads the row's old values, so the comparisons below
-- compare the unconverted times.
ALTER TABLE "invites"
  ALTER COLUMN "created_at" TYPE TIMESTAMPTZ(3) USING CASE WHEN "kind" = 'SLACK_CONNECT'
      THEN "created_at" AT TIME ZONE current_setting('TimeZone') ELSE "created_at" AT TIME ZONE 'UTC' END,
  ALTER COLUMN "sent_at" TYPE TIMESTAMPTZ(3) USING "sent_at" AT TIME ZONE current_setting('TimeZone'),
  ALTER COLUMN "completed_at" TYPE TIMESTAMPTZ(3) USING CASE WHEN "kind" = 'SLACK_CONNECT'
      THEN "completed_at" AT TIME ZONE current_setting('TimeZone') ELSE "completed_at" AT TIME ZONE 'UTC' END,
  ALTER COLUMN "updated_at" TYPE TIMESTAMPTZ(3) USING CASE
      WHEN "updated_at" = "sent_at"
        OR ("kind" = 'SLACK_CONNECT' AND ("updated_at" = "created_at" OR "updated_at" = "completed_at"))
      THEN "updated_at" AT TIME ZONE current_setting('TimeZone') ELSE "updated_at" AT TIME ZONE 'UTC' END,
  ALTER COLUMN "lease_expires_at" TYPE TIMESTAMPTZ(3) USING "lease_expires_at" AT TIME ZONE 'UTC',
  ALTER COLUMN "date_invalid" TYPE TIMESTAMPTZ(3) USING "date_invalid" AT TIME ZONE 'UTC',
  ALTER COLUMN "accepted_at" TYPE TIMESTAMPTZ(3) USING "accepted_at" AT TIME ZONE 'UTC',
  ALTER COLUMN "approved_at" TYPE TIMESTAMPTZ(3) USING "approved_at" AT TIME ZONE 'UTC',
  ALTER COLUMN "declined_at" TYPE TIMESTAMPTZ(3) USING "declined_at" AT TIME ZONE 'UTC',
  -- Fencing token: every claim of an unfinished invite increments it, and every write to a leased
  -- invite names the version it holds, so a process whose lease was taken over writes nothing.
  ADD COLUMN "lease_version" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "processed_events"
  ALTER COLUMN "received_at" TYPE TIMESTAMPTZ(3) USING "received_at" AT TIME ZONE 'UTC';
