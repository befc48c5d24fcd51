// Leases that hold however long a send takes and whatever the zones, and that are fenced: a
// process whose lease was taken over can neither call Slack again nor overwrite the new owner's
// result. Two replicas share one database; the second sweeps for abandoned invitations throughout.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { useE2E, WORLD } from '../helpers/e2e.js';
import { manifestBotScopes } from '../helpers/fake-slack.js';
import { shareChannelValues } from '../helpers/slack-payloads.js';
import { assertStoredBetween, useProcessTimeZone, ZONE_CASES, zoneLabel } from '../helpers/time-zones.js';
import { until } from '../helpers/until.js';

const { alice } = WORLD.users;
/** A 4 s lease, renewed every second, and 1 s calls: a 5 s rate-limit wait outlasts the lease. */
const FAST = { SLACK_INVITE_TIMEOUT_MS: '1000', RECOVERY_LEASE_SECONDS: '4' };

interface Row {
  id: string;
  status: string;
  slack_invite_id: string | null;
  lease_version: number;
  send_ms: string;
}

const rowOf = async (e2e: ReturnType<typeof useE2E>, key: string) =>
  (await e2e.db.query<Row>(
    `SELECT id, status, slack_invite_id, lease_version, extract(epoch FROM completed_at - sent_at) * 1000 AS send_ms FROM invites WHERE idempotency_key = $1`,
    [key],
  ))[0];

const allLogs = (apps: TestApp[]) => apps.flatMap((a) => a.logs);

for (const zones of ZONE_CASES) {
  describe(`a send longer than its lease (${zoneLabel(zones)})`, () => {
    const e2e = useE2E(FAST, { databaseTimeZone: zones.database });
    let replica: TestApp | undefined;
    let restoreZone = () => {};
    before(async () => {
      restoreZone = useProcessTimeZone(zones.app);
      replica = await startTestApp({ fake: e2e.fake, databaseUrl: e2e.db.url, env: FAST });
    });
    after(async () => {
      await replica?.stop();
      restoreZone();
    });

    it('keeps its lease while it waits out Slack’s rate limit: the sweeping replica never takes it over, and Slack gets one invitation', async () => {
      e2e.fake.rateLimitNext('conversations.inviteShared', 5); // the longest the person is kept waiting
      const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
      const startedAt = Date.now();
      const ack = await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email: 'slow@partner.example' }), alice);
      assert.equal(ack.json?.response_action, 'update');

      const row = await until('the invitation is final', async () => {
        const r = await rowOf(e2e, opened.id);
        return r && r.status !== 'RECORDED' && r.status !== 'SENDING' ? r : undefined;
      });
      assert.equal(row.status, 'AWAITING_ACCEPTANCE');
      assert.ok(Number(row.send_ms) > 4000, `the send outlasted the 4 s lease (${row.send_ms} ms)`);
      assert.equal(row.lease_version, 0, 'never taken over');
      const atSlack = e2e.fake.connectInvites.filter((i) => i.email === 'slow@partner.example');
      assert.equal(atSlack.length, 1, 'one invitation at Slack');
      assert.equal(row.slack_invite_id, atSlack[0]!.id);
      const calls = e2e.fake.callsTo('conversations.inviteShared').filter((c) => (c.args.emails as string[])[0] === 'slow@partner.example');
      assert.deepEqual(calls.map((c) => c.httpStatus), [429, 200], 'the rate-limited call, then the one that sent it');
      const logs = allLogs([e2e.app, replica!]);
      assert.ok(!logs.some((l) => l.msg === 'taking over an invitation left unfinished'), 'no takeover');
      assert.ok(!logs.some((l) => String(l.msg).startsWith('lease taken over')), 'no lease lost');
      await assertStoredBetween(e2e.db, row.id, ['created_at', 'sent_at', 'completed_at', 'updated_at'], startedAt, Date.now());
    });
  });
}

describe('a takeover while the first owner still waits on Slack', () => {
  // Calls of up to 8 s inside a 16 s lease: the held answer comes back well within the call's time.
  const env = { SLACK_INVITE_TIMEOUT_MS: '8000', RECOVERY_LEASE_SECONDS: '16' };
  // The new owner looks the invitation up with conversations.listConnectInvites: an installation
  // that granted the optional conversations.connect:manage (recovery.test.ts covers one that did not).
  const e2e = useE2E(env, { databaseTimeZone: 'Asia/Tokyo', fake: { scopes: [...manifestBotScopes(), 'conversations.connect:manage'] } });
  let replica: TestApp | undefined;
  after(async () => {
    await replica?.stop();
  });

  it('ends with one send at Slack and the new owner’s result; the first owner records nothing and says so', async () => {
    const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
    const held = e2e.fake.holdAnswerNext('conversations.inviteShared');
    const ack = await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email: 'paused@partner.example' }), alice);
    assert.equal(ack.json?.response_action, 'update');
    await held.arrived; // Slack has sent the invitation; its answer to the first owner waits

    // As if the first owner had stalled past its lease: its lease keeps expiring until a replica
    // takes the invitation over (the first owner's heartbeat would otherwise renew it).
    const { id } = (await rowOf(e2e, opened.id))!;
    const expire = () => e2e.db.query(`UPDATE invites SET lease_expires_at = now() - interval '1 second' WHERE id = $1 AND lease_version = 0`, [id]);
    await expire();
    const forcing = setInterval(() => void expire().catch(() => undefined), 20);
    try {
      replica = await startTestApp({ fake: e2e.fake, databaseUrl: e2e.db.url, env });
      await until('the replica took it over', async () => ((await rowOf(e2e, opened.id))!.lease_version >= 1 ? true : undefined));
    } finally {
      clearInterval(forcing);
    }
    const recovered = await until('the new owner recorded Slack’s invitation', async () => {
      const r = await rowOf(e2e, opened.id);
      return r?.status === 'AWAITING_ACCEPTANCE' ? r : undefined;
    });
    const [before] = await e2e.db.query<{ updated_at: Date }>('SELECT updated_at FROM invites WHERE id = $1', [id]);

    held.release(); // the first owner now hears Slack's answer
    await until('the first owner noticed', async () =>
      e2e.app.logs.some((l) => l.msg === "lease taken over by another process while sending; this process's result was not recorded") ? true : undefined,
    );

    const atSlack = e2e.fake.connectInvites.filter((i) => i.email === 'paused@partner.example');
    assert.equal(atSlack.length, 1, 'one invitation at Slack');
    const sends = e2e.fake.callsTo('conversations.inviteShared').filter((c) => (c.args.emails as string[])[0] === 'paused@partner.example');
    assert.equal(sends.length, 1, 'one send: the new owner found it at Slack instead of sending again');
    const final = (await rowOf(e2e, opened.id))!;
    assert.equal(final.status, 'AWAITING_ACCEPTANCE');
    assert.equal(final.slack_invite_id, atSlack[0]!.id);
    assert.equal(final.lease_version, recovered.lease_version);
    const [afterwards] = await e2e.db.query<{ updated_at: Date }>('SELECT updated_at FROM invites WHERE id = $1', [id]);
    assert.equal(afterwards!.updated_at.getTime(), before!.updated_at.getTime(), 'the first owner wrote nothing');
    // The new owner is whichever sweep took it over: usually the replica, sometimes the first app's own sweep.
    assert.ok([replica!, e2e.app].some((a) => a.logs.some((l) => l.msg === 'recovered: Slack had received the invitation')));
  });
});
