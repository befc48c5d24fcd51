// One sequence, every zone: record, send, crash and recover leave the same rows and the same
// calls at Slack whatever the database's TimeZone and the app's TZ (including zones at half and
// quarter hours), with every stored time the real instant. A process "dies" by simply stopping:
// its repository recorded and marked invitations and, for some, Slack had already acted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { createPrismaClient } from '../../src/db/database.js';
import { createInviteRepository } from '../../src/db/invite-repository.js';
import { startTestApp } from '../helpers/app-harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack, manifestBotScopes, WORLD } from '../helpers/fake-slack.js';
import { useProcessTimeZone, type ZoneCase } from '../helpers/time-zones.js';
import { until } from '../helpers/until.js';

const { alice, bob, carol } = WORLD.users;
const FAST = { SLACK_INVITE_TIMEOUT_MS: '1000', RECOVERY_LEASE_SECONDS: '2' };
const ZONES: ZoneCase[] = [
  { database: 'UTC', app: 'UTC' },
  { database: 'Asia/Tokyo', app: 'America/Los_Angeles' },
  { database: 'America/Los_Angeles', app: 'Asia/Tokyo' },
  { database: 'Asia/Kolkata', app: 'Pacific/Chatham' },
  { database: 'Pacific/Chatham', app: 'America/St_Johns' },
  { database: 'America/St_Johns', app: 'Asia/Kolkata' },
];
const TIMES = ['created_at', 'updated_at', 'sent_at', 'completed_at'] as const;

const connect = (email: string, key: string) => ({
  teamId: WORLD.teamId,
  requesterUserId: alice,
  channelId: WORLD.channels.public,
  channelName: 'project-x',
  idempotencyKey: key,
  inviteeEmail: email,
  externalLimited: true,
});

/** The sequence, and what it left: the rows and Slack's calls, with ids replaced by what they identify. */
async function runSequence(zones: ZoneCase) {
  const restoreZone = useProcessTimeZone(zones.app);
  // "reached" is settled by looking it up with conversations.listConnectInvites: an installation
  // that granted the optional conversations.connect:manage (see recovery.test.ts for one without).
  const fake = await FakeSlack.start({ scopes: [...manifestBotScopes(), 'conversations.connect:manage'] });
  fake.seedDefaultWorld();
  let db: TestDatabase | undefined;
  try {
    db = await createTestDatabase({ timeZone: zones.database });
    const from = Date.now();
    const prisma = createPrismaClient(db.url, 2);
    const dying = createInviteRepository(prisma, { owner: 'dying-process', leaseMs: 300 });
    const slack = new WebClient(fake.botToken, { slackApiUrl: fake.url });

    // Finished before the crash.
    const done = (await dying.createSlackConnect(connect('done@partner.example', 'a-done'))).invite;
    await dying.markSending(done);
    const answer = await slack.conversations.inviteShared({ channel: WORLD.channels.public, emails: ['done@partner.example'], external_limited: true });
    await dying.recordSlackConnectOutcome(done, { ok: true, inviteId: String(answer.invite_id), isLegacySharedChannel: false });
    // Recorded, never sent.
    await dying.createSlackConnect(connect('recorded@partner.example', 'b-recorded'));
    // Marked sending; the process died before Slack heard of it.
    await dying.markSending((await dying.createSlackConnect(connect('unsent@partner.example', 'c-unsent'))).invite);
    // Marked sending; Slack acted, the answer never arrived.
    await dying.markSending((await dying.createSlackConnect(connect('reached@partner.example', 'd-reached'))).invite);
    await slack.conversations.inviteShared({ channel: WORLD.channels.public, emails: ['reached@partner.example'], external_limited: true });
    // A private-channel invite: bob was added before the crash, carol not.
    const privateInvite = (
      await dying.createPrivateChannel({ teamId: WORLD.teamId, requesterUserId: alice, channelId: WORLD.channels.private, channelName: 'secret-plans', idempotencyKey: 'e-private', method: 'conversations.invite', userIds: [bob, carol] })
    ).invite;
    await dying.markSending(privateInvite);
    fake.channel(WORLD.channels.private)!.members.push(bob);
    await prisma.$disconnect();

    await until('the dead process’s leases expired', async () =>
      (await db!.query("SELECT 1 FROM invites WHERE status IN ('RECORDED', 'SENDING') AND lease_expires_at > now()")).length === 0 ? true : undefined,
    );
    const app = await startTestApp({ fake, databaseUrl: db.url, env: FAST });
    try {
      await until('every invitation final', async () => ((await db!.query("SELECT 1 FROM invites WHERE status IN ('RECORDED', 'SENDING')")).length === 0 ? true : undefined));
    } finally {
      await app.stop();
    }
    const to = Date.now();

    const epochs = TIMES.map((c) => `extract(epoch FROM ${c}) * 1000 AS ${c}`).join(', ');
    const rows = await db.query<Record<string, unknown>>(
      `SELECT idempotency_key, kind, status, attempts, error_code, invitee_email, slack_invite_id, lease_owner, lease_expires_at, ${epochs},
         (SELECT json_agg(json_build_object('user', user_id, 'outcome', outcome) ORDER BY user_id) FROM invite_recipients r WHERE r.invite_id = invites.id) AS recipients
       FROM invites ORDER BY idempotency_key`,
    );
    const stored = rows.map((r) => {
      const times = Object.fromEntries(
        TIMES.map((c) => [c, r[c] === null ? 'unset' : Number(r[c]) >= from - 1000 && Number(r[c]) <= to + 1000 ? 'real instant' : `off: ${new Date(Number(r[c])).toISOString()}`]),
      );
      const atSlack = fake.connectInvites.filter((i) => i.email === r.invitee_email);
      return {
        key: r.idempotency_key,
        kind: r.kind,
        status: r.status,
        attempts: r.attempts,
        errorCode: r.error_code,
        slackInvite: r.slack_invite_id === null ? null : atSlack.length === 1 && atSlack[0]!.id === r.slack_invite_id ? 'the one Slack holds' : 'another',
        leaseReleased: r.lease_owner === null && r.lease_expires_at === null,
        recipients: r.recipients,
        times,
      };
    });
    const calls = fake.calls
      .filter((c) => ['conversations.inviteShared', 'conversations.invite', 'conversations.listConnectInvites'].includes(c.method))
      .map((c) => `${c.method} ${JSON.stringify(c.args.emails ?? c.args.users ?? '')} → ${c.httpStatus}`)
      .sort();
    const invitationsAtSlack = fake.connectInvites.map((i) => i.email).sort();
    return { stored, calls, invitationsAtSlack };
  } finally {
    await fake.stop();
    await db?.drop();
    restoreZone();
  }
}

describe('the same sequence in every zone', () => {
  it('leaves the same rows, the same Slack calls and real instants, whatever the database’s TimeZone and the app’s TZ', async () => {
    const results = [];
    for (const zones of ZONES) results.push({ zones, result: await runSequence(zones) });
    const [reference] = results;
    // The reference itself is right, so agreeing with it means something.
    for (const row of reference!.result.stored) {
      assert.ok(row.status !== 'RECORDED' && row.status !== 'SENDING', `${row.key} final`);
      assert.equal(row.leaseReleased, true, `${row.key} lease released`);
      for (const c of TIMES) assert.ok(row.times[c] === 'real instant' || row.times[c] === 'unset', `${row.key}.${c}: ${row.times[c]}`);
      if (row.slackInvite !== null) assert.equal(row.slackInvite, 'the one Slack holds', row.key as string);
    }
    assert.deepEqual(
      reference!.result.invitationsAtSlack,
      ['done@partner.example', 'reached@partner.example', 'recorded@partner.example', 'unsent@partner.example'],
      'one invitation each at Slack',
    );
    for (const { zones, result } of results.slice(1)) {
      assert.deepEqual(result, reference!.result, `database in ${zones.database}, app in ${zones.app}`);
    }
  });
});
