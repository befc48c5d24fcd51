// Nothing acknowledged is lost: when the process dies between the acknowledgement and the end of
// the work, recovery (at the next start, or on another replica) brings each invite to a final
// state, never sending one twice, and tells the person.
import assert from 'node:assert/strict';
import { mkdtempSync, chmodSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { postSigned, startTestApp, type TestApp } from '../helpers/app-harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack, manifestBotScopes, WORLD, type PendingInviteRule } from '../helpers/fake-slack.js';
import { spawnApp } from '../helpers/process.js';
import { until } from '../helpers/until.js';
import { newSigningSecret } from '../helpers/signing.js';
import { slashCommand, viewSubmission, shareChannelValues } from '../helpers/slack-payloads.js';
import { assertStoredBetween, useProcessTimeZone, ZONE_CASES, zoneLabel } from '../helpers/time-zones.js';

const { alice, bob, carol } = WORLD.users;
const FAST = { SLACK_INVITE_TIMEOUT_MS: '1000', RECOVERY_LEASE_SECONDS: '2' };
/**
 * An installation that granted the optional conversations.connect:manage (an owner or admin
 * installed it): recovery can then look an invitation up with conversations.listConnectInvites.
 * The manifest does not ask for it; recovery without it is the last describe below.
 */
const WITH_MANAGE = { scopes: [...manifestBotScopes(), 'conversations.connect:manage'] };

for (const zones of ZONE_CASES) describe(`recovery of unfinished invitations (${zoneLabel(zones)})`, () => {
  let fake: FakeSlack;
  let db: TestDatabase;
  let dir: string;
  before(async () => {
    fake = await FakeSlack.start(WITH_MANAGE);
    fake.seedDefaultWorld();
    db = await createTestDatabase({ timeZone: zones.database });
    dir = mkdtempSync(path.join(tmpdir(), 'connect-invites-recovery-'));
    chmodSync(dir, 0o755);
  });
  after(async () => {
    await fake.stop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes an invitation whose process was killed while Slack’s answer was held back, without sending it twice', async () => {
    const secret = newSigningSecret();
    const env = { SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.url, PORT: '0', DATABASE_URL: db.url, TZ: zones.app, ...FAST };
    const startedAt = Date.now();
    const first = spawnApp(env, dir);
    after(() => first.stop('SIGKILL'));
    const baseUrl = `http://127.0.0.1:${await first.running}`;
    const opensBefore = fake.callsTo('views.open').length;
    await postSigned(baseUrl, secret, slashCommand({ command: '/share-channel', userId: alice, teamId: WORLD.teamId, channelId: WORLD.channels.public }));
    const open = await fake.waitForCall('views.open', () => fake.callsTo('views.open').length > opensBefore);
    const opened = fake.view((open.response as { view: { id: string } }).view.id)!;

    const held = fake.holdNext('conversations.inviteShared');
    const ack = await postSigned(
      baseUrl,
      secret,
      viewSubmission(
        opened,
        shareChannelValues({ channel: WORLD.channels.public, email: 'crash@partner.example' }),
        { id: alice, teamId: WORLD.teamId },
      ),
    );
    assert.equal(ack.json?.response_action, 'update', 'acknowledged');
    await held.arrived;
    const [recorded] = await db.query<{ id: string; status: string; lease_left_ms: string }>(
      `SELECT id, status, extract(epoch FROM lease_expires_at - statement_timestamp()) * 1000 AS lease_left_ms FROM invites WHERE idempotency_key = $1`,
      [opened.id],
    );
    assert.equal(recorded!.status, 'SENDING', 'recorded before the acknowledgement, sending when killed');
    const sentBy = Date.now();
    await assertStoredBetween(db, recorded!.id, ['created_at', 'sent_at', 'updated_at'], startedAt, sentBy);
    // The lease runs on the database's clock: at most 2 s ahead of it, whatever the zones.
    const leaseLeft = Number(recorded!.lease_left_ms);
    assert.ok(leaseLeft > 0 && leaseLeft <= 2000, `a 2 s lease, not ${leaseLeft} ms left`);

    first.child.kill('SIGKILL');
    await first.exited;
    held.release(); // Slack acts on the request; its answer goes nowhere

    const second = spawnApp(env, dir);
    try {
      await second.running;
      const row = await until('recovery', async () => {
        const [r] = await db.query<{ status: string; slack_invite_id: string | null }>('SELECT status, slack_invite_id FROM invites WHERE idempotency_key = $1', [opened.id]);
        return r && r.status !== 'SENDING' ? r : undefined;
      });
      const inSlack = fake.connectInvites.filter((i) => i.email === 'crash@partner.example');
      assert.equal(inSlack.length, 1, 'one invitation in Slack');
      assert.equal(row.status, 'AWAITING_ACCEPTANCE');
      assert.equal(row.slack_invite_id, inSlack[0]!.id, 'recorded with the invitation Slack holds');
      await assertStoredBetween(db, recorded!.id, ['created_at', 'sent_at'], startedAt, sentBy);
      await assertStoredBetween(db, recorded!.id, ['completed_at', 'updated_at'], sentBy, Date.now());
      assert.equal(fake.callsTo('conversations.inviteShared').filter((c) => (c.args.emails as string[])[0] === 'crash@partner.example').length, 1, 'never sent twice');
      assert.ok(fake.callsTo('conversations.listConnectInvites').length >= 1, 'checked with Slack');
      // The person is told in the modal if it is still open (as the fake keeps it), else by DM.
      const told = await fake.waitForCall('views.update', (c) => c.args.view_id === opened.id && (c.args.view as { title: { text: string } }).title.text === 'Invitation sent');
      assert.match(JSON.stringify(told.args.view), /crash@partner\.example/);
      assert.ok(second.lines.some((l) => l.msg === 'recovered: Slack had received the invitation'));
      assert.equal(await second.stop(), 0);
    } finally {
      await second.stop('SIGKILL');
    }
  });

  describe('with replicas', () => {
    const N = 12;
    let apps: TestApp[] = [];
    let privateId: string;
    let restoreZone = () => {};
    // Two replicas start on a database holding N never-sent invitations and one half-done private
    // one; the tests below look at what they did.
    before(async () => {
      restoreZone = useProcessTimeZone(zones.app);
      // Twelve outcomes for one person: at Slack's one direct message a second per channel, with
      // the replicas taking each other's leases over meanwhile (the todo below), longer than this
      // waits. Five a second still rate-limits them, as the todo needs.
      fake.setRateLimits({ multiplier: 1, methods: { 'chat.postMessage': 5 } });
      await db.query(
        `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, channel_name, method, invitee_email, external_limited, idempotency_key, view_id, created_at, updated_at, lease_owner, lease_expires_at)
         SELECT gen_random_uuid(), 'SLACK_CONNECT', 'RECORDED', $1, $2, $3, 'project-x', 'conversations.inviteShared', 'orphan' || i || '@partner.example', true, 'orphan-' || i, NULL, now(), now(), 'dead-process', now() - interval '1 minute'
         FROM generate_series(1, ${N}) AS i`,
        [WORLD.teamId, alice, WORLD.channels.public],
      );
      [{ id: privateId }] = (await db.query<{ id: string }>(
        `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, channel_name, method, idempotency_key, created_at, updated_at, attempts, sent_at, lease_owner, lease_expires_at)
         VALUES (gen_random_uuid(), 'PRIVATE_CHANNEL', 'SENDING', $1, $2, $3, 'secret-plans', 'conversations.invite', 'orphan-private', now(), now(), 1, now(), 'dead-process', now() - interval '1 minute') RETURNING id`,
        [WORLD.teamId, alice, WORLD.channels.private],
      )) as [{ id: string }];
      await db.query(`INSERT INTO invite_recipients (invite_id, user_id) VALUES ($1, $2), ($1, $3)`, [privateId, bob, carol]);
      // bob was added before the crash; carol was not.
      fake.channel(WORLD.channels.private)!.members.push(bob);

      apps = await Promise.all([0, 1].map(() => startTestApp({ fake, databaseUrl: db.url, env: FAST })));
      await until('every orphan final', async () => {
        const rows = await db.query("SELECT 1 FROM invites WHERE status IN ('RECORDED', 'SENDING') AND idempotency_key LIKE 'orphan%'");
        return rows.length === 0 ? true : undefined;
      });
    });
    after(async () => {
      await Promise.all(apps.map((a) => a.stop()));
      fake.setRateLimits({ multiplier: 1 });
      restoreZone();
    });

    it('sends unsent invitations of both kinds once, across two replicas sweeping together', async () => {
      const sent = fake.callsTo('conversations.inviteShared').map((c) => (c.args.emails as string[])[0]).filter((e) => e?.startsWith('orphan'));
      assert.equal(sent.length, N, 'each sent once, by one replica or the other');
      assert.equal(new Set(sent).size, N);
      const leaders = new Set(apps.flatMap((a, i) => (a.logs.some((l) => l.msg === 'unfinished invitation brought to a final state') ? [i] : [])));
      assert.ok(leaders.size >= 1);

      const [privateRow] = await db.query<{ status: string }>('SELECT status FROM invites WHERE id = $1', [privateId]);
      assert.equal(privateRow!.status, 'COMPLETED');
      const people = await db.query<{ user_id: string; outcome: string }>('SELECT user_id, outcome FROM invite_recipients WHERE invite_id = $1 ORDER BY user_id', [privateId]);
      assert.deepEqual(people.map((p) => [p.user_id, p.outcome]), [[bob, 'ALREADY_MEMBER'], [carol, 'INVITED']]);
      assert.ok(fake.channel(WORLD.channels.private)!.members.includes(carol));
    });

    const toldOf = () => {
      const dms = fake.messages.filter((m) => m.channel === alice && /orphan/.test(JSON.stringify(m.blocks)));
      const counts = new Map<string, number>();
      for (const m of dms) for (const email of new Set(JSON.stringify(m.blocks).match(/orphan\d+@partner\.example/g))) counts.set(email, (counts.get(email) ?? 0) + 1);
      return counts;
    };

    // With the direct messages rate limited, a replica's claimed batch outlived its leases and both
    // replicas told the person (before 7b6d035): never twice.
    it('tells no one twice, even when Slack rate-limits the direct messages', () => {
      const twice = [...toldOf()].filter(([, n]) => n > 1);
      assert.deepEqual(twice, []);
    });

    // Slack takes about one message a second per channel (five here): telling one person twelve
    // outcomes at once, most are refused at first; each waits out Slack's Retry-After (src/slack/direct-message.ts).
    it('tells each person, even when Slack rate-limits the direct messages', async () => {
      await until('each person told', async () => (toldOf().size === N ? true : undefined), 30_000);
      assert.equal(toldOf().size, N, 'each person told');
      assert.deepEqual([...toldOf()].filter(([, n]) => n > 1), [], 'and none twice');
    });
  });
});

describe('recovery on the embedded PostgreSQL, started under TZ=Asia/Tokyo', () => {
  let fake: FakeSlack;
  let dir: string;
  before(async () => {
    fake = await FakeSlack.start(WITH_MANAGE);
    fake.seedDefaultWorld();
    dir = mkdtempSync(path.join(tmpdir(), 'connect-invites-embedded-tz-'));
    chmodSync(dir, 0o755);
  });
  after(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes an invitation whose machine died mid-send, once, with the times right, although the server runs in Tokyo time', async () => {
    const secret = newSigningSecret();
    const dataDir = path.join(dir, 'pgdata');
    const env = { SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.url, PORT: '0', EMBEDDED_DATABASE_DIR: dataDir, TZ: 'Asia/Tokyo', ...FAST };
    const startedAt = Date.now();
    const first = spawnApp(env, dir);
    after(() => first.stop('SIGKILL'));
    const baseUrl = `http://127.0.0.1:${await first.running}`;
    const embedded = first.lines.find((l) => l.msg === 'embedded PostgreSQL started')!;
    const url = `postgresql://postgres:postgres@127.0.0.1:${embedded.port}/connect_invites`;
    const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<T>(sql, params)).rows;
      } finally {
        await client.end();
      }
    };
    const [zone] = await query<{ TimeZone: string }>('SHOW TimeZone');
    assert.equal(zone!.TimeZone, 'Asia/Tokyo', 'the embedded server took the zone it was started in');

    const opensBefore = fake.callsTo('views.open').length;
    await postSigned(baseUrl, secret, slashCommand({ command: '/share-channel', userId: alice, teamId: WORLD.teamId, channelId: WORLD.channels.public }));
    const open = await fake.waitForCall('views.open', () => fake.callsTo('views.open').length > opensBefore);
    const opened = fake.view((open.response as { view: { id: string } }).view.id)!;
    const held = fake.holdNext('conversations.inviteShared');
    await postSigned(baseUrl, secret, viewSubmission(opened, shareChannelValues({ channel: WORLD.channels.public, email: 'tokyo@partner.example' }), { id: alice, teamId: WORLD.teamId }));
    await held.arrived;

    // The machine dies: the app and its database server with it.
    const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    first.child.kill('SIGKILL');
    await first.exited;
    process.kill(postmaster, 'SIGKILL');
    await until('the database server is gone', async () => (isAlive(postmaster) ? undefined : true));
    held.release();
    const sentBy = Date.now();

    const second = spawnApp(env, dir);
    try {
      await second.running;
      const restarted = second.lines.find((l) => l.msg === 'embedded PostgreSQL started')!;
      const url2 = `postgresql://postgres:postgres@127.0.0.1:${restarted.port}/connect_invites`;
      const rows = async () => {
        const client = new pg.Client({ connectionString: url2 });
        await client.connect();
        try {
          return (
            await client.query<{ status: string; slack_invite_id: string | null; created: string; sent: string; completed: string | null }>(
              `SELECT status, slack_invite_id, extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM sent_at) * 1000 AS sent,
                 extract(epoch FROM completed_at) * 1000 AS completed FROM invites WHERE idempotency_key = $1`,
              [opened.id],
            )
          ).rows;
        } finally {
          await client.end();
        }
      };
      const row = await until('recovery', async () => {
        const [r] = await rows();
        return r && r.status !== 'SENDING' ? r : undefined;
      });
      assert.equal(row.status, 'AWAITING_ACCEPTANCE');
      const inSlack = fake.connectInvites.filter((i) => i.email === 'tokyo@partner.example');
      assert.equal(inSlack.length, 1, 'one invitation in Slack');
      assert.equal(row.slack_invite_id, inSlack[0]!.id);
      assert.equal(fake.callsTo('conversations.inviteShared').filter((c) => (c.args.emails as string[])[0] === 'tokyo@partner.example').length, 1, 'never sent twice');
      for (const [name, at, from, to] of [['created_at', row.created, startedAt, sentBy], ['sent_at', row.sent, startedAt, sentBy], ['completed_at', row.completed, sentBy, Date.now()]] as const) {
        assert.ok(Number(at) >= from - 1000 && Number(at) <= to + 1000, `${name} is the real instant (${new Date(Number(at)).toISOString()})`);
      }
      assert.equal(await second.stop(), 0);
    } finally {
      await second.stop('SIGKILL');
    }
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Without conversations.connect:manage (the manifest's default), recovery cannot list Slack's
// pending invitations to learn whether a send that was cut short arrived. It must still never
// send such an invitation twice, under either reading of connection_limit_exceeded_pending, and
// must stop after a bounded number of attempts: it settles from the shared_channel_invite_*
// events or asks the person, and it does not call a method it knows (from auth.test's
// x-oauth-scopes) it lacks the scope for.
for (const rule of ['per-invitee', 'per-channel'] as const satisfies readonly PendingInviteRule[]) {
  describe(`recovery without conversations.connect:manage (pending rule ${rule})`, () => {
    let fake: FakeSlack;
    let db: TestDatabase;
    let app: TestApp | undefined;
    before(async () => {
      fake = await FakeSlack.start({ pendingInviteRule: rule });
      fake.seedDefaultWorld();
      db = await createTestDatabase();
    });
    after(async () => {
      await app?.stop();
      await fake.stop();
      await db.drop();
    });

    it(
      'never sends again an invitation whose send was cut short, asks Slack nothing it may not, and settles it within a few sweeps',
      async () => {
        assert.ok(!fake.botScopes.includes('conversations.connect:manage'));
        // A dead process left it "sending"; Slack had received it.
        await db.query(
          `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, channel_name, method, invitee_email, external_limited,
             idempotency_key, created_at, updated_at, attempts, sent_at, lease_owner, lease_expires_at)
           VALUES (gen_random_uuid(), 'SLACK_CONNECT', 'SENDING', $1, $2, $3, 'project-x', 'conversations.inviteShared', 'cut@partner.example', true,
             'cut-short', now() - interval '2 minutes', now() - interval '1 minute', 1, now() - interval '1 minute', 'dead-process', now() - interval '30 seconds')`,
          [WORLD.teamId, alice, WORLD.channels.public],
        );
        const now = Math.floor(Date.now() / 1000) - 60;
        fake.connectInvites.push({ id: 'I0CUTSHORT', channel: WORLD.channels.public, email: 'cut@partner.example', externalLimited: true, dateCreated: now, dateInvalid: now + 14 * 86_400, invitingUserId: alice });

        app = await startTestApp({ fake, databaseUrl: db.url, env: FAST });
        // Settled: no longer left to be claimed again (a final status, or one that waits for the person or an event).
        const row = await until(
          'the invitation is settled',
          async () => {
            const [r] = await db.query<{ status: string }>("SELECT status FROM invites WHERE idempotency_key = 'cut-short'");
            return r && r.status !== 'SENDING' && r.status !== 'RECORDED' ? r : undefined;
          },
          10_000,
        );
        assert.ok(row.status);
        assert.equal(fake.callsTo('conversations.inviteShared').length, 0, 'not sent again');
        assert.equal(fake.callsTo('conversations.listConnectInvites').length, 0, 'no call it lacks the scope for');
        const takeovers = app.logs.filter((l) => l.msg === 'taking over an invitation left unfinished').length;
        assert.ok(takeovers <= 3, `a bounded number of attempts (${takeovers})`);
      },
    );
  });
}

// With conversations.connect:manage granted, under either reading: an invitation Slack holds is
// found in the listing and recorded, one it does not hold is sent once, and a second invitee of
// the same channel is either sent (per invitee) or refused by Slack and recorded so (per channel).
for (const rule of ['per-invitee', 'per-channel'] as const satisfies readonly PendingInviteRule[]) {
  describe(`recovery with conversations.connect:manage (pending rule ${rule})`, () => {
    let fake: FakeSlack;
    let db: TestDatabase;
    let app: TestApp | undefined;
    before(async () => {
      fake = await FakeSlack.start({ ...WITH_MANAGE, pendingInviteRule: rule });
      fake.seedDefaultWorld();
      db = await createTestDatabase();
    });
    after(async () => {
      await app?.stop();
      await fake.stop();
      await db.drop();
    });

    it('records what Slack holds, sends what it does not, and never sends one twice', async () => {
      await db.query(
        `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, channel_name, method, invitee_email, external_limited,
           idempotency_key, created_at, updated_at, attempts, sent_at, lease_owner, lease_expires_at)
         SELECT gen_random_uuid(), 'SLACK_CONNECT', 'SENDING', $1, $2, $3, 'project-x', 'conversations.inviteShared', e, true,
           e, now() - interval '2 minutes' + make_interval(secs => o), now() - interval '1 minute', 1, now() - interval '1 minute', 'dead-process', now() - interval '30 seconds'
         FROM unnest($4::text[]) WITH ORDINALITY AS t(e, o)`,
        [WORLD.teamId, alice, WORLD.channels.public, ['held@partner.example', 'second@partner.example']],
      );
      const now = Math.floor(Date.now() / 1000) - 60;
      fake.connectInvites.push({ id: 'I0HELD', channel: WORLD.channels.public, email: 'held@partner.example', externalLimited: true, dateCreated: now, dateInvalid: now + 14 * 86_400, invitingUserId: alice });

      app = await startTestApp({ fake, databaseUrl: db.url, env: FAST });
      const rows = await until('both final', async () => {
        const r = await db.query<{ idempotency_key: string; status: string; slack_invite_id: string | null; error_code: string | null }>(
          "SELECT idempotency_key, status, slack_invite_id, error_code FROM invites ORDER BY created_at",
        );
        return r.every((x) => x.status !== 'SENDING' && x.status !== 'RECORDED') ? r : undefined;
      });
      assert.deepEqual(rows[0], { idempotency_key: 'held@partner.example', status: 'AWAITING_ACCEPTANCE', slack_invite_id: 'I0HELD', error_code: null });
      const sends = fake.callsTo('conversations.inviteShared');
      assert.equal(sends.filter((c) => (c.args.emails as string[])[0] === 'held@partner.example').length, 0, 'the one Slack holds is not sent again');
      assert.equal(sends.filter((c) => (c.args.emails as string[])[0] === 'second@partner.example').length, 1, 'the other is sent once');
      if (rule === 'per-invitee') {
        assert.equal(rows[1]!.status, 'AWAITING_ACCEPTANCE');
      } else {
        assert.deepEqual([rows[1]!.status, rows[1]!.error_code], ['FAILED', 'connection_limit_exceeded_pending'], 'Slack allows one pending invitation per channel');
      }
      assert.equal(fake.connectInvites.filter((i) => i.email === 'held@partner.example').length, 1);
    });
  });
}
