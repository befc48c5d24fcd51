// 20261203000000_timestamptz_fenced_leases converts every timestamp column to timestamptz by the
// writer that filled it: JavaScript values (UTC wall-clock, as @prisma/adapter-pg formats a Date)
// as UTC, SQL now() values as the database's own TimeZone. Here rows are written exactly as the app
// wrote them before the migration, on databases east of, west of and at UTC, and every converted
// column must be the instant it was really written at.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { pino } from 'pino';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, readMigrations } from '../../src/db/migrator.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const silent = pino({ level: 'silent' });
const CONVERSION = '20261203000000_timestamptz_fenced_leases';
const INVITE_TIMESTAMPS = [
  'date_invalid',
  'accepted_at',
  'approved_at',
  'declined_at',
  'created_at',
  'updated_at',
  'sent_at',
  'completed_at',
  'lease_expires_at',
];

/** What @prisma/adapter-pg sent for a JavaScript Date: UTC wall-clock time, no offset. */
const asAdapterSent = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** The instants a write happened between, by this process's clock. */
interface Span {
  from: number;
  to: number;
}

/** Runs `write` and returns the real instants around it. */
async function timed(write: () => Promise<unknown>): Promise<Span> {
  const from = Date.now();
  await write();
  return { from, to: Date.now() };
}

/** Copies the migrations before the conversion into a directory of their own. */
function migrationsBeforeConversion(): { dir: string; names: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'connect-invites-old-migrations-'));
  const names = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name < CONVERSION)
    .map((e) => e.name)
    .sort();
  for (const name of names) cpSync(path.join(DEFAULT_MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  return { dir, names };
}

const INSERT_COLUMNS = `id, kind, status, team_id, requester_user_id, channel_id, method, idempotency_key`;

for (const zone of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
  describe(`the timestamptz migration on a database whose TimeZone is ${zone}`, () => {
    let db: TestDatabase;
    let old: pg.Client;
    let oldMigrations: { dir: string; names: string[] };

    /** Real instants: spans for now() writes, exact Dates for JavaScript writes. */
    const expected = new Map<string, Map<string, Span | Date>>();
    const expect = (row: string, column: string, at: Span | Date) => {
      const columns = expected.get(row) ?? new Map<string, Span | Date>();
      columns.set(column, at);
      expected.set(row, columns);
    };
    const ids = {
      sent: '00000000-0000-4000-8000-000000000001',
      accepted: '00000000-0000-4000-8000-000000000002',
      privateDone: '00000000-0000-4000-8000-000000000003',
      privateSending: '00000000-0000-4000-8000-000000000004',
    };

    before(async () => {
      db = await createTestDatabase({ migrate: false, timeZone: zone });
      oldMigrations = migrationsBeforeConversion();
      const result = await applyMigrations(db.url, silent, oldMigrations.dir);
      assert.deepEqual(result.applied, oldMigrations.names);
      // The old app's connection: no SET TIME ZONE, so the database's default zone.
      old = new pg.Client({ connectionString: db.url });
      await old.connect();
    });
    after(async () => {
      await old?.end();
      await db?.drop();
      if (oldMigrations) rmSync(oldMigrations.dir, { recursive: true, force: true });
    });

    it('starts from the old schema: timestamp without time zone, no lease_version, sessions in the database’s zone', async () => {
      const [{ zone: session }] = (await old.query<{ zone: string }>(`SELECT current_setting('TimeZone') AS zone`)).rows as [{ zone: string }];
      assert.equal(session, zone);
      const types = await db.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'invites'`,
      );
      const byName = new Map(types.map((t) => [t.column_name, t.data_type]));
      for (const column of INVITE_TIMESTAMPS) assert.equal(byName.get(column), 'timestamp without time zone', column);
      assert.equal(byName.has('lease_version'), false);
    });

    it('writes rows as the app did before the migration', async () => {
      const q = (sql: string, params: unknown[] = []) => old.query(sql, params);

      // A Slack Connect invite, recorded, sent and answered by raw SQL with now(); its lease, expiry
      // date and acceptance time are JavaScript Dates.
      const lease = new Date(Date.now() + 60_000);
      expect('sent', 'created_at', await timed(() => q(
        `INSERT INTO invites (${INSERT_COLUMNS}, lease_owner, lease_expires_at, created_at, updated_at)
         VALUES ($1, 'SLACK_CONNECT', 'RECORDED', 'T1', 'U1', 'C1', 'conversations.inviteShared', 'k-sent', 'old-app', $2, now(), now())`,
        [ids.sent, asAdapterSent(lease)],
      )));
      expect('sent', 'sent_at', await timed(() => q(
        `UPDATE invites SET status = 'SENDING', attempts = attempts + 1, sent_at = now(), updated_at = now(), lease_expires_at = $2 WHERE id = $1`,
        [ids.sent, asAdapterSent(lease)],
      )));
      expect('sent', 'lease_expires_at', lease);
      const dateInvalid = new Date(Date.now() + 14 * 24 * 3600_000);
      const acceptedAt = new Date(Date.now() - 5_000);
      const answered = await timed(() => q(
        `UPDATE invites SET status = 'AWAITING_ACCEPTANCE', slack_invite_id = 'I1', date_invalid = $2, accepted_at = $3,
           completed_at = now(), updated_at = now() WHERE id = $1`,
        [ids.sent, asAdapterSent(dateInvalid), asAdapterSent(acceptedAt)],
      ));
      expect('sent', 'completed_at', answered);
      expect('sent', 'updated_at', answered);
      expect('sent', 'date_invalid', dateInvalid);
      expect('sent', 'accepted_at', acceptedAt);

      // A Slack Connect invite whose last write was a lifecycle event (the ORM): updated_at is a
      // JavaScript value, different from every now() column in the row.
      expect('accepted', 'created_at', await timed(() => q(
        `INSERT INTO invites (${INSERT_COLUMNS}, created_at, updated_at)
         VALUES ($1, 'SLACK_CONNECT', 'RECORDED', 'T1', 'U1', 'C1', 'conversations.inviteShared', 'k-accepted', now(), now())`,
        [ids.accepted],
      )));
      expect('accepted', 'sent_at', await timed(() => q(`UPDATE invites SET status = 'SENDING', sent_at = now(), updated_at = now() WHERE id = $1`, [ids.accepted])));
      expect('accepted', 'completed_at', await timed(() => q(
        `UPDATE invites SET status = 'AWAITING_ACCEPTANCE', slack_invite_id = 'I2', completed_at = now(), updated_at = now() WHERE id = $1`,
        [ids.accepted],
      )));
      await new Promise((r) => setTimeout(r, 20));
      const lifecycleAt = new Date();
      const approvedAt = new Date(lifecycleAt.getTime() - 1_000);
      await q(`UPDATE invites SET status = 'ACCEPTED', accepted_at = $2, approved_at = $3, updated_at = $4 WHERE id = $1`, [
        ids.accepted,
        asAdapterSent(approvedAt),
        asAdapterSent(approvedAt),
        asAdapterSent(lifecycleAt),
      ]);
      expect('accepted', 'accepted_at', approvedAt);
      expect('accepted', 'approved_at', approvedAt);
      expect('accepted', 'updated_at', lifecycleAt);

      // A private-channel invite: created and answered by the ORM (JavaScript), sent by raw SQL (now()).
      const createdAt = new Date();
      await q(
        `INSERT INTO invites (${INSERT_COLUMNS}, lease_owner, lease_expires_at, created_at, updated_at)
         VALUES ($1, 'PRIVATE_CHANNEL', 'RECORDED', 'T1', 'U1', 'G1', 'conversations.invite', 'k-private', 'old-app', $2, $3, $3)`,
        [ids.privateDone, asAdapterSent(lease), asAdapterSent(createdAt)],
      );
      await q(`INSERT INTO invite_recipients (invite_id, user_id) VALUES ($1, 'U2'), ($1, 'U3')`, [ids.privateDone]);
      expect('privateDone', 'created_at', createdAt);
      expect('privateDone', 'sent_at', await timed(() => q(
        `UPDATE invites SET status = 'SENDING', attempts = attempts + 1, sent_at = now(), updated_at = now() WHERE id = $1`,
        [ids.privateDone],
      )));
      await new Promise((r) => setTimeout(r, 20));
      const completedAt = new Date();
      const updatedAt = new Date(completedAt.getTime() + 1);
      await q(
        `UPDATE invites SET status = 'COMPLETED', lease_owner = NULL, lease_expires_at = NULL, completed_at = $2, updated_at = $3 WHERE id = $1`,
        [ids.privateDone, asAdapterSent(completedAt), asAdapterSent(updatedAt)],
      );
      expect('privateDone', 'completed_at', completedAt);
      expect('privateDone', 'updated_at', updatedAt);

      // A private-channel invite still being sent: its updated_at is the now() of markSending.
      const createdAt2 = new Date();
      const lease2 = new Date(createdAt2.getTime() + 60_000);
      await q(
        `INSERT INTO invites (${INSERT_COLUMNS}, lease_owner, lease_expires_at, created_at, updated_at)
         VALUES ($1, 'PRIVATE_CHANNEL', 'RECORDED', 'T1', 'U1', 'G1', 'conversations.invite', 'k-private-2', 'old-app', $2, $3, $3)`,
        [ids.privateSending, asAdapterSent(lease2), asAdapterSent(createdAt2)],
      );
      expect('privateSending', 'created_at', createdAt2);
      expect('privateSending', 'lease_expires_at', lease2);
      const marked = await timed(() => q(`UPDATE invites SET status = 'SENDING', sent_at = now(), updated_at = now() WHERE id = $1`, [ids.privateSending]));
      expect('privateSending', 'sent_at', marked);
      expect('privateSending', 'updated_at', marked);

      // A handled event, recorded by the ORM.
      const receivedAt = new Date();
      await q(`INSERT INTO processed_events (event_id, team_id, type, received_at) VALUES ('Ev1', 'T1', 'shared_channel_invite_accepted', $1)`, [
        asAdapterSent(receivedAt),
      ]);
      expect('event', 'received_at', receivedAt);

      // Had the rows been read back as UTC, every now() column would be off by the zone's offset.
      if (zone !== 'UTC') {
        const [row] = await db.query<{ off: string }>(`SELECT extract(epoch FROM created_at AT TIME ZONE 'UTC') * 1000 AS off FROM invites WHERE id = $1`, [ids.sent]);
        const span = expected.get('sent')!.get('created_at') as Span;
        assert.ok(Math.abs(Number(row!.off) - span.from) > 3600_000, 'the old now() values are wall-clock times in the database’s zone');
      }
    });

    it('converts every column to the instant it was written at, and adds lease_version = 0', async () => {
      const result = await applyMigrations(db.url, silent, DEFAULT_MIGRATIONS_DIR);
      assert.deepEqual(result.alreadyApplied, oldMigrations.names, 'the earlier migrations are recognised as applied');
      assert.ok(result.applied.includes(CONVERSION));
      assert.deepEqual(
        [...result.alreadyApplied, ...result.applied],
        (await readMigrations()).map((m) => m.name),
      );

      const invites = await db.query<Record<string, string | null>>(
        `SELECT id, lease_version, ${INVITE_TIMESTAMPS.map((c) => `extract(epoch FROM ${c}) * 1000 AS ${c}`).join(', ')} FROM invites`,
      );
      const events = await db.query<Record<string, string | null>>(
        `SELECT event_id, extract(epoch FROM received_at) * 1000 AS received_at FROM processed_events`,
      );
      const rows = new Map<string, Record<string, string | null>>([
        ...invites.map((r) => [Object.entries(ids).find(([, id]) => id === r.id)![0], r] as const),
        ['event', events[0]!],
      ]);
      assert.equal(invites.length, 4);

      let checked = 0;
      for (const [name, columns] of expected) {
        const row = rows.get(name);
        assert.ok(row, name);
        for (const [column, at] of columns) {
          const value: string | null | undefined = row[column];
          assert.ok(value !== null && value !== undefined, `${name}.${column} is set`);
          const ms: number = Number(value);
          if (at instanceof Date) {
            assert.equal(new Date(ms).toISOString(), at.toISOString(), `${name}.${column} (written by JavaScript)`);
          } else {
            assert.ok(
              ms >= at.from - 1000 && ms <= at.to + 1000,
              `${name}.${column} (written by now()) is ${new Date(ms).toISOString()}, not within a second of ${new Date(at.from).toISOString()} – ${new Date(at.to).toISOString()}`,
            );
          }
          checked++;
        }
      }
      assert.equal(checked, 22);
      // Columns nobody wrote stay empty.
      assert.equal(rows.get('sent')!.declined_at, null);
      assert.equal(rows.get('privateDone')!.lease_expires_at, null);
      for (const row of invites) assert.equal(row.lease_version, 0);
      const recipients = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM invite_recipients WHERE invite_id = $1`, [ids.privateDone]);
      assert.equal(recipients[0]!.n, '2');
    });

    it('leaves every timestamp column timestamptz(3) and lease_version integer NOT NULL DEFAULT 0, as the catalogue says', async () => {
      const columns = await db.query<{ table_name: string; column_name: string; type: string; not_null: boolean; default_value: string | null }>(
        `SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
                a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default_value
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE c.relname IN ('invites', 'processed_events', 'invite_recipients') AND a.attnum > 0 AND NOT a.attisdropped`,
      );
      const type = (table: string, column: string) => columns.find((c) => c.table_name === table && c.column_name === column);
      for (const column of INVITE_TIMESTAMPS) assert.equal(type('invites', column)?.type, 'timestamp(3) with time zone', column);
      assert.equal(type('processed_events', 'received_at')?.type, 'timestamp(3) with time zone');
      const anyTimestamp = columns.filter((c) => c.type.startsWith('timestamp') && !c.type.includes('with time zone'));
      assert.deepEqual(anyTimestamp, [], 'no timestamp without time zone is left');
      const version = type('invites', 'lease_version');
      assert.deepEqual({ type: version?.type, notNull: version?.not_null, default: version?.default_value }, { type: 'integer', notNull: true, default: '0' });
    });
  });
}
