-- Scale: App Home's counters read from invite_counts (kept by triggers in the same transaction as
-- every change to invites, so they never drift), and indexes that serve each hot query.

-- When an invitation nobody acted on expires: Slack's date_invalid, else 14 days (336 hours: a
-- fixed length of time, so neither the session's TimeZone nor a DST change moves it; hence truly
-- IMMUTABLE, and usable in an index) after it was recorded. Same as expiresAt() in status.ts.
CREATE FUNCTION invite_expires_at(date_invalid timestamptz, created_at timestamptz) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT COALESCE(date_invalid, created_at + interval '336 hours') $$;

-- The counter a status counts in (counterOf(displayStatus) in status.ts), before expiry: a
-- waiting one counts as expired from its expiry on, which the reader works out from expiry_day.
CREATE FUNCTION invite_counter(status "InviteStatus") RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE status
    WHEN 'AWAITING_ACCEPTANCE' THEN 'awaiting_acceptance'
    WHEN 'AWAITING_APPROVAL' THEN 'awaiting_approval'
    WHEN 'ACCEPTED' THEN 'accepted'
    WHEN 'DECLINED' THEN 'declined'
    WHEN 'COMPLETED' THEN 'added'
    WHEN 'FAILED' THEN 'failed'
    WHEN 'PARTIALLY_COMPLETED' THEN 'failed'
    ELSE 'sending' END $$;

-- Waiting invitations are counted by the UTC day (days since 1970-01-01) they expire on; 0 for the others.
CREATE FUNCTION invite_expiry_day(status "InviteStatus", date_invalid timestamptz, created_at timestamptz) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN status IN ('AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL')
    THEN floor(extract(epoch FROM invite_expires_at(date_invalid, created_at)) / 86400)::integer ELSE 0 END $$;

-- CreateTable
CREATE TABLE "invite_counts" (
    "team_id" TEXT NOT NULL,
    "requester_user_id" TEXT NOT NULL,
    "counter" TEXT NOT NULL,
    "expiry_day" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "invite_counts_pkey" PRIMARY KEY ("team_id","requester_user_id","counter","expiry_day")
);

-- Adds each (team, person, counter, day) group's change to the person's row and the workspace's
-- ('' as the person), in that order always, so concurrent writers lock rows in one order.
CREATE FUNCTION invite_counts_add(changes jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO invite_counts (team_id, requester_user_id, counter, expiry_day, n)
  SELECT c.team_id, who.requester_user_id, c.counter, c.expiry_day, sum(c.n)::integer
  FROM jsonb_to_recordset(changes) AS c(team_id text, requester_user_id text, counter text, expiry_day integer, n integer)
  CROSS JOIN LATERAL (VALUES (c.requester_user_id), ('')) AS who(requester_user_id)
  GROUP BY 1, 2, 3, 4
  HAVING sum(c.n) <> 0
  ORDER BY 1, 2 DESC, 3, 4
  ON CONFLICT (team_id, requester_user_id, counter, expiry_day) DO UPDATE SET n = invite_counts.n + EXCLUDED.n
$$;

-- Inserts and deletes, per statement (a bulk load is one aggregate, not one upsert per row).
CREATE FUNCTION invite_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM invite_counts_add((
    SELECT jsonb_agg(g) FROM (
      SELECT team_id, requester_user_id, invite_counter(status) AS counter, invite_expiry_day(status, date_invalid, created_at) AS expiry_day, count(*) AS n
      FROM new_rows GROUP BY 1, 2, 3, 4) g));
  RETURN NULL;
END $$;

CREATE FUNCTION invite_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM invite_counts_add((
    SELECT jsonb_agg(g) FROM (
      SELECT team_id, requester_user_id, invite_counter(status) AS counter, invite_expiry_day(status, date_invalid, created_at) AS expiry_day, -count(*) AS n
      FROM old_rows GROUP BY 1, 2, 3, 4) g));
  RETURN NULL;
END $$;

-- Updates, per row and only when the row's counter or expiry day changes (the WHEN below skips
-- lease renewals and the like without calling anything).
CREATE FUNCTION invite_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_counter text := invite_counter(OLD.status);
  new_counter text := invite_counter(NEW.status);
  old_day integer := invite_expiry_day(OLD.status, OLD.date_invalid, OLD.created_at);
  new_day integer := invite_expiry_day(NEW.status, NEW.date_invalid, NEW.created_at);
BEGIN
  IF (OLD.team_id, OLD.requester_user_id, old_counter, old_day) IS NOT DISTINCT FROM (NEW.team_id, NEW.requester_user_id, new_counter, new_day) THEN
    RETURN NULL;
  END IF;
  PERFORM invite_counts_add(jsonb_build_array(
    jsonb_build_object('team_id', OLD.team_id, 'requester_user_id', OLD.requester_user_id, 'counter', old_counter, 'expiry_day', old_day, 'n', -1),
    jsonb_build_object('team_id', NEW.team_id, 'requester_user_id', NEW.requester_user_id, 'counter', new_counter, 'expiry_day', new_day, 'n', 1)));
  RETURN NULL;
END $$;

CREATE FUNCTION invite_counts_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM invite_counts;
  RETURN NULL;
END $$;

-- No invitation may change between the backfill and the triggers.
LOCK TABLE "invites" IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO invite_counts (team_id, requester_user_id, counter, expiry_day, n)
SELECT team_id, who, counter, expiry_day, sum(n)::integer FROM (
  SELECT team_id, requester_user_id, invite_counter(status) AS counter, invite_expiry_day(status, date_invalid, created_at) AS expiry_day, count(*) AS n
  FROM invites GROUP BY 1, 2, 3, 4) g
CROSS JOIN LATERAL (VALUES (g.requester_user_id), ('')) AS w(who)
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER invite_counts_insert AFTER INSERT ON invites REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION invite_counts_on_insert();
CREATE TRIGGER invite_counts_delete AFTER DELETE ON invites REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION invite_counts_on_delete();
CREATE TRIGGER invite_counts_update AFTER UPDATE OF status, date_invalid, created_at, team_id, requester_user_id ON invites
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.date_invalid IS DISTINCT FROM NEW.date_invalid OR OLD.created_at IS DISTINCT FROM NEW.created_at
    OR OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.requester_user_id IS DISTINCT FROM NEW.requester_user_id)
  EXECUTE FUNCTION invite_counts_on_update();
CREATE TRIGGER invite_counts_truncate AFTER TRUNCATE ON invites
  FOR EACH STATEMENT EXECUTE FUNCTION invite_counts_on_truncate();

-- Indexes. App Home's pages, newest first, by person and by workspace, per status: a page is one
-- index range per status its filter shows, from the cursor (created_at, id: the id breaks ties),
-- merged (Merge Append), so a filter that matches few rows never walks everyone's. date_invalid is
-- included so that expiry is judged in the index alone (index-only scans).
DROP INDEX "invites_team_id_requester_user_id_created_at_idx";
DROP INDEX "invites_team_id_created_at_idx";
CREATE INDEX "invites_team_id_requester_user_id_status_created_at_id_idx" ON "invites"("team_id", "requester_user_id", "status", "created_at" DESC, "id" DESC) INCLUDE ("date_invalid");
CREATE INDEX "invites_team_id_status_created_at_id_idx" ON "invites"("team_id", "status", "created_at" DESC, "id" DESC) INCLUDE ("date_invalid");

-- No query reads invites by (status, updated_at); (status, lease_expires_at) held every finished
-- invitation too. Unfinished invitations are few: recovery's sweep and the unfinished gauge read
-- this small partial index only.
DROP INDEX "invites_status_updated_at_idx";
DROP INDEX "invites_status_lease_expires_at_idx";
CREATE INDEX "invites_unfinished_created_at_idx" ON "invites"("created_at") WHERE status IN ('RECORDED', 'SENDING');

-- Waiting invitations by expiry, per workspace: the counters' "expired today" edge and the expired filter.
CREATE INDEX "invites_waiting_team_id_expiry_idx" ON "invites"("team_id", invite_expires_at(date_invalid, created_at)) WHERE status IN ('AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL');
-- The expiry sweep: waiting ones not yet noticed expired (those still inside their 14 days, and any just past).
CREATE INDEX "invites_unnoticed_expiry_idx" ON "invites"(invite_expires_at(date_invalid, created_at)) WHERE status IN ('AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL') AND expired_at IS NULL;
-- The reminders: waiting for acceptance, not yet reminded.
CREATE INDEX "invites_unreminded_expiry_idx" ON "invites"(invite_expires_at(date_invalid, created_at)) WHERE status = 'AWAITING_ACCEPTANCE' AND reminder_sent_at IS NULL;
