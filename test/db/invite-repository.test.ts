// The invite repository against real PostgreSQL: stored instants and leases by the database's
// clock, and fencing (a write naming a lease version that recovery moved on from changes nothing).
// The database's TimeZone is Asia/Tokyo and this process runs in America/Los_Angeles, so that no
// result can come from either zone.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createPrismaClient } from '../../src/db/database.js';
import { createInviteRepository } from '../../src/db/invite-repository.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { LeaseLostError, type LeaseHold } from '../../src/invites/lease.js';
import type { InviteRepository, NewPrivateChannelInvite, NewSlackConnectInvite } from '../../src/invites/ports.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { useProcessTimeZone } from '../helpers/time-zones.js';

const LEASE_MS = 60_000;

const slackConnect = (key = randomUUID()): NewSlackConnectInvite => ({
  teamId: 'T1',
  requesterUserId: 'U1',
  channelId: 'C1',
  channelName: 'partners',
  inviteeEmail: 'someone@partner.example',
  externalLimited: true,
  idempotencyKey: key,
  viewId: 'V1',
});

const privateChannel = (key = randomUUID(), userIds: readonly string[] = ['U2', 'U3', 'U4']): NewPrivateChannelInvite => ({
  teamId: 'T1',
  requesterUserId: 'U1',
  channelId: 'G1',
  channelName: 'secret',
  idempotencyKey: key,
  method: 'conversations.invite',
  userIds,
});

const hold = (invite: { id: string; leaseVersion: number }): LeaseHold => ({ id: invite.id, leaseVersion: invite.leaseVersion });

describe('invite repository on PostgreSQL (database in Asia/Tokyo, process in America/Los_Angeles)', () => {
  let db: TestDatabase;
  let prismaA: PrismaClient;
  let prismaB: PrismaClient;
  /** Two replicas, each with its own pool. */
  let A: InviteRepository;
  let B: InviteRepository;
  let restoreZone = () => {};

  before(async () => {
    restoreZone = useProcessTimeZone('America/Los_Angeles');
    db = await createTestDatabase({ timeZone: 'Asia/Tokyo' });
    prismaA = createPrismaClient(db.url, 4);
    prismaB = createPrismaClient(db.url, 4);
    A = createInviteRepository(prismaA, { owner: 'A', leaseMs: LEASE_MS });
    B = createInviteRepository(prismaB, { owner: 'B', leaseMs: LEASE_MS });
  });
  after(async () => {
    await prismaA?.$disconnect();
    await prismaB?.$disconnect();
    await db?.drop();
    restoreZone();
  });
  beforeEach(async () => {
    await db.query('DELETE FROM invites');
  });

  /** The whole row and its people, as the database has them (epoch milliseconds for instants). */
  async function snapshot(id: string) {
    const [row] = await db.query(
      `SELECT *, extract(epoch FROM updated_at) * 1000 AS updated_ms, extract(epoch FROM lease_expires_at) * 1000 AS lease_ms,
              extract(epoch FROM sent_at) * 1000 AS sent_ms, extract(epoch FROM completed_at) * 1000 AS completed_ms
       FROM invites WHERE id = $1`,
      [id],
    );
    const recipients = await db.query(`SELECT user_id, outcome, error_code FROM invite_recipients WHERE invite_id = $1 ORDER BY id`, [id]);
    return { row, recipients };
  }

  /** As if the holder had died: its lease ran out a while ago by the database's clock. */
  const expire = (...ids: string[]) => db.query(`UPDATE invites SET lease_expires_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`, [ids]);

  const dbNowMs = async () => Number((await db.query<{ ms: string }>('SELECT extract(epoch FROM clock_timestamp()) * 1000 AS ms'))[0]!.ms);

  it('runs where the zones disagree: the process in Los Angeles, the database’s sessions in Tokyo, the app’s in UTC', async () => {
    assert.equal(new Date(Date.UTC(2026, 0, 1)).getHours(), 16, 'this process is in America/Los_Angeles');
    const [zone] = await db.query<{ tz: string }>(`SELECT current_setting('TimeZone') AS tz`);
    assert.equal(zone!.tz, 'Asia/Tokyo');
    const [app] = await prismaA.$queryRaw<Array<{ tz: string }>>`SELECT current_setting('TimeZone') AS tz`;
    assert.equal(app!.tz, 'UTC');
  });

  describe('recording', () => {
    it('createSlackConnect stores the real instant, a lease of leaseMs from the database’s clock, and returns the same instants', async () => {
      const from = Date.now();
      const { invite, created } = await A.createSlackConnect(slackConnect());
      const to = Date.now();
      assert.equal(created, true);
      const [row] = await db.query<{ created_ms: string; updated_ms: string; lease_ms: string; lease_len_ms: string; lease_owner: string; lease_version: number; status: string }>(
        `SELECT extract(epoch FROM created_at) * 1000 AS created_ms, extract(epoch FROM updated_at) * 1000 AS updated_ms,
                extract(epoch FROM lease_expires_at) * 1000 AS lease_ms, extract(epoch FROM lease_expires_at - created_at) * 1000 AS lease_len_ms,
                lease_owner, lease_version, status
         FROM invites WHERE id = $1`,
        [invite.id],
      );
      assert.ok(row);
      const createdMs = Number(row.created_ms);
      assert.ok(createdMs >= from - 1000 && createdMs <= to + 1000, `created_at ${new Date(createdMs).toISOString()} is the real instant`);
      assert.equal(Number(row.updated_ms), createdMs);
      assert.equal(Number(row.lease_len_ms), LEASE_MS, 'lease_expires_at = the database’s now() + leaseMs');
      assert.deepEqual([row.status, row.lease_owner, row.lease_version], ['RECORDED', 'A', 0]);
      // The record handed back reads the same instants (a UTC session, whatever the process's TZ).
      assert.equal(invite.createdAt.getTime(), createdMs);
      assert.equal(invite.updatedAt.getTime(), createdMs);
      assert.equal(invite.leaseExpiresAt?.getTime(), Number(row.lease_ms));
      assert.equal(invite.leaseVersion, 0);
      assert.equal(invite.leaseOwner, 'A');
    });

    it('createSlackConnect a second time with the same idempotency key returns the first invite, unchanged', async () => {
      const request = slackConnect();
      const first = await A.createSlackConnect(request);
      const again = await B.createSlackConnect({ ...request, inviteeEmail: 'other@partner.example' });
      assert.equal(again.created, false);
      assert.equal(again.invite.id, first.invite.id);
      assert.equal(again.invite.inviteeEmail, 'someone@partner.example');
      assert.equal(again.invite.leaseOwner, 'A');
      assert.equal(again.invite.createdAt.getTime(), first.invite.createdAt.getTime());
      assert.equal((await db.query('SELECT id FROM invites')).length, 1);
    });

    it('createPrivateChannel stores the real instant and a DB-clock lease, with one PENDING row per person in order', async () => {
      const from = Date.now();
      const { invite, created } = await A.createPrivateChannel(privateChannel());
      const to = Date.now();
      assert.equal(created, true);
      const [row] = await db.query<{ created_ms: string; lease_len_ms: string }>(
        `SELECT extract(epoch FROM created_at) * 1000 AS created_ms, extract(epoch FROM lease_expires_at - created_at) * 1000 AS lease_len_ms FROM invites WHERE id = $1`,
        [invite.id],
      );
      const createdMs = Number(row!.created_ms);
      assert.ok(createdMs >= from - 1000 && createdMs <= to + 1000, `created_at ${new Date(createdMs).toISOString()} is the real instant`);
      assert.equal(Number(row!.lease_len_ms), LEASE_MS);
      assert.equal(invite.createdAt.getTime(), createdMs);
      assert.equal(invite.leaseExpiresAt!.getTime() - invite.createdAt.getTime(), LEASE_MS);
      assert.deepEqual(
        invite.recipients.map((r) => [r.userId, r.outcome, r.errorCode]),
        [['U2', 'PENDING', null], ['U3', 'PENDING', null], ['U4', 'PENDING', null]],
      );
    });

    it('createPrivateChannel repeated (in turn, and at the same moment) returns the first invite and records its people once', async () => {
      const request = privateChannel();
      const first = await A.createPrivateChannel(request);
      const again = await B.createPrivateChannel({ ...request, userIds: ['U9'] });
      assert.equal(again.created, false);
      assert.equal(again.invite.id, first.invite.id);
      assert.deepEqual(again.invite.recipients.map((r) => r.userId), ['U2', 'U3', 'U4']);

      const concurrent = privateChannel(undefined, ['U5', 'U6']);
      const results = await Promise.all([A.createPrivateChannel(concurrent), B.createPrivateChannel(concurrent), A.createPrivateChannel(concurrent)]);
      assert.deepEqual(results.map((r) => r.created).sort(), [false, false, true]);
      assert.equal(new Set(results.map((r) => r.invite.id)).size, 1);
      for (const r of results) assert.deepEqual(r.invite.recipients.map((p) => p.userId), ['U5', 'U6']);

      const counts = await db.query<{ idempotency_key: string; n: string }>(
        `SELECT i.idempotency_key, count(r.id)::text AS n FROM invites i LEFT JOIN invite_recipients r ON r.invite_id = i.id GROUP BY i.idempotency_key`,
      );
      assert.deepEqual(
        counts.map((c) => [c.idempotency_key, c.n]).sort(),
        [[request.idempotencyKey, '3'], [concurrent.idempotencyKey, '2']].sort(),
      );
    });
  });

  describe('fencing after a takeover', () => {
    it('a Slack Connect invite taken over by B: every write of A’s is refused and changes nothing; B’s succeed', async () => {
      const { invite } = await A.createSlackConnect(slackConnect());
      assert.deepEqual(await A.markSending(hold(invite)), { attempts: 1 });
      assert.deepEqual(await B.claimAbandoned(10), [], 'nothing to take over while A’s lease runs');
      await expire(invite.id);

      const [claimed, ...others] = await B.claimAbandoned(10);
      assert.equal(others.length, 0);
      assert.equal(claimed!.id, invite.id);
      assert.equal(claimed!.leaseVersion, 1);
      assert.equal(claimed!.leaseOwner, 'B');
      assert.ok(claimed!.leaseExpiresAt!.getTime() > (await dbNowMs()) + LEASE_MS / 2, 'B’s lease runs from the database’s now');

      const before = await snapshot(invite.id);
      const stale = hold(invite);
      await assert.rejects(A.markSending(stale), LeaseLostError);
      await assert.rejects(A.recordSlackConnectOutcome(stale, { ok: true, inviteId: 'I-A', isLegacySharedChannel: false }), LeaseLostError);
      await assert.rejects(A.recordSlackConnectOutcome(stale, { ok: false, errorCode: 'not_allowed' }), LeaseLostError);
      await assert.rejects(A.recordUnresolved(stale, 'timeout'), LeaseLostError);
      assert.equal(await A.renewLease(stale), false);
      assert.deepEqual(await snapshot(invite.id), before, 'A changed nothing');

      const current = hold(claimed!);
      assert.equal(await B.renewLease(current), true);
      assert.deepEqual(await B.markSending(current), { attempts: 2 });
      const done = await B.recordSlackConnectOutcome(current, { ok: true, inviteId: 'I-B', isLegacySharedChannel: false, url: 'https://join' });
      assert.deepEqual([done.status, done.slackInviteId, done.joinUrl, done.leaseOwner, done.leaseExpiresAt, done.leaseVersion], ['AWAITING_ACCEPTANCE', 'I-B', 'https://join', null, null, 1]);
      const after = await snapshot(invite.id);
      assert.equal(after.row!.status, 'AWAITING_ACCEPTANCE');
      assert.equal(after.row!.slack_invite_id, 'I-B');
    });

    it('a private-channel invite taken over by B: A records no one’s result; B’s outcome is recorded', async () => {
      const { invite } = await A.createPrivateChannel(privateChannel());
      await expire(invite.id);
      const claimed = await B.claimAbandoned(10);
      assert.deepEqual(claimed.map((c) => [c.id, c.leaseVersion, c.leaseOwner]), [[invite.id, 1, 'B']]);
      assert.deepEqual(claimed[0]!.recipients.map((r) => r.userId), ['U2', 'U3', 'U4']);

      const before = await snapshot(invite.id);
      const stale = hold(invite);
      await assert.rejects(A.markSending(stale), LeaseLostError);
      await assert.rejects(
        A.recordPrivateChannelOutcome(stale, {
          status: 'PARTIALLY_COMPLETED',
          errorCode: 'cant_invite',
          recipients: [
            { userId: 'U2', outcome: 'INVITED' },
            { userId: 'U3', outcome: 'ALREADY_MEMBER' },
            { userId: 'U4', outcome: 'FAILED', errorCode: 'cant_invite' },
          ],
        }),
        LeaseLostError,
      );
      await assert.rejects(A.recordUnresolved(stale, 'timeout'), LeaseLostError);
      assert.equal(await A.renewLease(stale), false);
      assert.deepEqual(await snapshot(invite.id), before, 'A changed neither the invite nor anyone’s result');
      assert.deepEqual(before.recipients.map((r) => r.outcome), ['PENDING', 'PENDING', 'PENDING']);

      const current = hold(claimed[0]!);
      await B.markSending(current);
      const unresolved = await B.recordUnresolved(current, 'timeout');
      assert.deepEqual([unresolved.status, unresolved.errorCode, unresolved.leaseOwner], ['SENDING', 'timeout', 'B']);
      const done = await B.recordPrivateChannelOutcome(current, {
        status: 'COMPLETED',
        recipients: [
          { userId: 'U2', outcome: 'INVITED' },
          { userId: 'U3', outcome: 'INVITED' },
          { userId: 'U4', outcome: 'ALREADY_MEMBER' },
        ],
      });
      assert.equal(done.status, 'COMPLETED');
      assert.equal(done.errorCode, null);
      assert.deepEqual(done.recipients.map((r) => [r.userId, r.outcome]), [['U2', 'INVITED'], ['U3', 'INVITED'], ['U4', 'ALREADY_MEMBER']]);
      assert.deepEqual((await snapshot(invite.id)).recipients.map((r) => r.outcome), ['INVITED', 'INVITED', 'ALREADY_MEMBER']);
    });

    it('a lease that runs out by itself (a 300 ms lease) is taken over, and the old holder is fenced off', async () => {
      const shortA = createInviteRepository(prismaA, { owner: 'A', leaseMs: 300 });
      const { invite } = await shortA.createSlackConnect(slackConnect());
      // Waits for the database's clock to pass the expiry; asserts nothing about how long that took.
      let claimed: Awaited<ReturnType<InviteRepository['claimAbandoned']>> = [];
      for (let i = 0; i < 200 && claimed.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        claimed = await B.claimAbandoned(10);
      }
      assert.deepEqual(claimed.map((c) => [c.id, c.leaseVersion, c.leaseOwner]), [[invite.id, 1, 'B']]);
      await assert.rejects(shortA.markSending(hold(invite)), LeaseLostError);
      assert.equal(await shortA.renewLease(hold(invite)), false);
    });

    it('a lease that expired but was not taken over is still the holder’s: its writes succeed', async () => {
      const { invite } = await A.createSlackConnect(slackConnect());
      await expire(invite.id);
      const dbBefore = await dbNowMs();
      assert.deepEqual(await A.markSending(hold(invite)), { attempts: 1 });
      const row = (await snapshot(invite.id)).row!;
      assert.equal(row.status, 'SENDING');
      assert.equal(row.lease_version, 0);
      assert.ok(Number(row.lease_ms) >= dbBefore + LEASE_MS - 1, 'markSending gave it a fresh lease');
      assert.deepEqual(await B.claimAbandoned(10), [], 'no longer abandoned');
      const done = await A.recordSlackConnectOutcome(hold(invite), { ok: false, errorCode: 'ratelimited', retryAfterSeconds: 30 });
      assert.deepEqual([done.status, done.errorCode, done.retryAfterSeconds, done.leaseVersion], ['FAILED', 'ratelimited', 30, 0]);
    });

    it('markSending and the outcome record the real instants', async () => {
      const { invite } = await A.createSlackConnect(slackConnect());
      const from = Date.now();
      await A.markSending(hold(invite));
      const done = await A.recordSlackConnectOutcome(hold(invite), { ok: true, inviteId: 'I-T', isLegacySharedChannel: false });
      const to = Date.now();
      const row = (await snapshot(invite.id)).row!;
      for (const column of ['sent_ms', 'completed_ms', 'updated_ms'] as const) {
        const ms = Number(row[column]);
        assert.ok(ms >= from - 1000 && ms <= to + 1000, `${column} ${new Date(ms).toISOString()} is the real instant`);
      }
      assert.equal(done.completedAt!.getTime(), Number(row.completed_ms));
      assert.equal(done.sentAt!.getTime(), Number(row.sent_ms));
    });
  });

  describe('concurrent sweeps', () => {
    it('two replicas claiming at the same moment never take the same invite', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) ids.push((await A.createSlackConnect(slackConnect())).invite.id);
      for (let round = 1; round <= 10; round++) {
        await expire(...ids);
        const [a, b] = await Promise.all([A.claimAbandoned(20), B.claimAbandoned(20)]);
        const fromA = a.map((i) => i.id);
        const fromB = b.map((i) => i.id);
        assert.deepEqual(fromA.filter((id) => fromB.includes(id)), [], `round ${round}: no invite claimed by both`);
        assert.deepEqual([...fromA, ...fromB].sort(), [...ids].sort(), `round ${round}: every expired invite claimed`);
        assert.ok(fromA.length <= 20 && fromB.length <= 20);
        for (const i of a) assert.deepEqual([i.leaseOwner, i.leaseVersion], ['A', round]);
        for (const i of b) assert.deepEqual([i.leaseOwner, i.leaseVersion], ['B', round]);
        // Each claim increments the version once: a double claim would show as round + 1.
        const versions = await db.query<{ v: number; n: string }>('SELECT lease_version AS v, count(*)::text AS n FROM invites GROUP BY lease_version');
        assert.deepEqual(versions.map((v) => [v.v, v.n]), [[round, '30']]);
      }
    });
  });

  describe('renewing', () => {
    it('renewLease extends the lease to the database’s now + leaseMs', async () => {
      const { invite } = await A.createSlackConnect(slackConnect());
      await A.markSending(hold(invite));
      await db.query(`UPDATE invites SET lease_expires_at = now() + interval '1 second' WHERE id = $1`, [invite.id]);
      const from = await dbNowMs();
      assert.equal(await A.renewLease(hold(invite)), true);
      const to = await dbNowMs();
      const row = (await snapshot(invite.id)).row!;
      const lease = Number(row.lease_ms);
      assert.ok(lease >= from + LEASE_MS - 1 && lease <= to + LEASE_MS + 1, `lease ends ${lease - from} ms after the database’s now before renewing`);
      assert.equal(row.lease_owner, 'A');
      assert.equal(row.lease_version, 0);
      assert.equal(row.status, 'SENDING');
    });

    it('renewLease returns false once the invite is final, and leaves it released', async () => {
      const connect = (await A.createSlackConnect(slackConnect())).invite;
      await A.markSending(hold(connect));
      await A.recordSlackConnectOutcome(hold(connect), { ok: true, inviteId: 'I-F', isLegacySharedChannel: false });
      const before = await snapshot(connect.id);
      assert.equal(await A.renewLease(hold(connect)), false);
      assert.deepEqual(await snapshot(connect.id), before);
      assert.equal(before.row!.lease_owner, null);
      assert.equal(before.row!.lease_expires_at, null);

      const failed = (await A.createSlackConnect(slackConnect())).invite;
      await A.recordSlackConnectOutcome(hold(failed), { ok: false, errorCode: 'not_allowed' });
      assert.equal(await A.renewLease(hold(failed)), false);

      const priv = (await A.createPrivateChannel(privateChannel())).invite;
      await A.markSending(hold(priv));
      await A.recordPrivateChannelOutcome(hold(priv), { status: 'FAILED', errorCode: 'channel_not_found', recipients: priv.recipients.map((r) => ({ userId: r.userId, outcome: 'FAILED' as const, errorCode: 'channel_not_found' })) });
      assert.equal(await A.renewLease(hold(priv)), false);
      assert.deepEqual(await B.claimAbandoned(10), [], 'final invites are never claimed');
    });
  });
});
