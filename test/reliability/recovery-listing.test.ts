// Recovery within Slack's Tier 1: conversations.listConnectInvites allows about one call a minute,
// so a sweep lists a workspace's pending invitations once and matches all of that workspace's
// unfinished invitations against that one listing; a rate-limited listing is waited out on a
// later sweep, and an invitation left "sending" is never sent again while Slack cannot be asked.
//
// The listing needs conversations.connect:manage, an optional capability: the manifest does not
// ask for it (only owners and admins could install the app), so these tests are an installation
// that granted it. The fake holds the listing to Slack's own Tier 1 (one a minute). It lets the
// direct messages through faster than Slack would: telling one person 50 outcomes, at about one a
// second per channel, would alone take longer than these tests wait, and is not what they are about.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack, manifestBotScopes, WORLD } from '../helpers/fake-slack.js';
import { until } from '../helpers/until.js';

const { alice } = WORLD.users;
const FAST = { SLACK_INVITE_TIMEOUT_MS: '1000', RECOVERY_LEASE_SECONDS: '2' };
const DAY = 24 * 60 * 60;

describe('recovery of many unfinished Slack Connect invitations of one workspace', () => {
  let fake: FakeSlack;
  let db: TestDatabase;
  let app: TestApp | undefined;
  before(async () => {
    fake = await FakeSlack.start({ scopes: [...manifestBotScopes(), 'conversations.connect:manage'], rateLimits: { multiplier: 1, methods: { 'chat.postMessage': 60 } } });
    fake.seedDefaultWorld();
    db = await createTestDatabase({ timeZone: 'Asia/Tokyo' });
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    fake.reset();
    await db.query('DELETE FROM invites');
  });
  after(async () => {
    await fake.stop();
    await db.drop();
  });

  /** `count` invitations a dead process left "sending", invitees <prefix><i>@partner.example. */
  async function crashedInvites(prefix: string, count: number): Promise<string[]> {
    await db.query(
      `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, channel_name, method, invitee_email, external_limited,
         idempotency_key, created_at, updated_at, attempts, sent_at, lease_owner, lease_expires_at)
       SELECT gen_random_uuid(), 'SLACK_CONNECT', 'SENDING', $1, $2, $3, 'project-x', 'conversations.inviteShared', $4 || i || '@partner.example', true,
         $4 || i, now() - make_interval(secs => 120 - i), now() - interval '1 minute', 1, now() - interval '1 minute', 'dead-process', now() - interval '30 seconds'
       FROM generate_series(1, $5::int) AS i`,
      [WORLD.teamId, alice, WORLD.channels.public, prefix, count],
    );
    return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}@partner.example`);
  }

  /** Slack had received some of them before the process died: they are pending there. */
  function pendingAtSlack(emails: string[]): Map<string, string> {
    const ids = new Map<string, string>();
    const now = Math.floor(Date.now() / 1000) - 60;
    emails.forEach((email, i) => {
      const id = `I0PEND${String(i).padStart(4, '0')}`;
      fake.connectInvites.push({ id, channel: WORLD.channels.public, email, externalLimited: true, dateCreated: now, dateInvalid: now + 14 * DAY, invitingUserId: alice });
      ids.set(email, id);
    });
    return ids;
  }

  const unfinished = async () => (await db.query("SELECT 1 FROM invites WHERE status IN ('RECORDED', 'SENDING')")).length;

  it('recovers 50 crashed invitations with one listing: those Slack holds are recorded, the rest sent once each', async () => {
    const emails = await crashedInvites('crashed', 50);
    const held = pendingAtSlack(emails.filter((_, i) => i % 5 !== 0)); // 40 reached Slack, 10 did not

    app = await startTestApp({ fake, databaseUrl: db.url, env: FAST });
    await until('all 50 final', async () => ((await unfinished()) === 0 ? true : undefined));

    const listings = fake.callsTo('conversations.listConnectInvites');
    assert.ok(listings.length >= 1 && listings.length <= 2, `one listing per sweep, not one per invitation (${listings.length})`);
    const sent = fake.callsTo('conversations.inviteShared').map((c) => (c.args.emails as string[])[0]!);
    assert.deepEqual([...sent].sort(), emails.filter((e) => !held.has(e)).sort(), 'only the ten Slack did not have are sent, once each');
    for (const email of emails) {
      assert.equal(fake.connectInvites.filter((i) => i.email === email).length, 1, `one invitation at Slack for ${email}`);
    }
    const rows = await db.query<{ invitee_email: string; status: string; slack_invite_id: string }>('SELECT invitee_email, status, slack_invite_id FROM invites');
    for (const row of rows) {
      assert.equal(row.status, 'AWAITING_ACCEPTANCE');
      assert.equal(row.slack_invite_id, fake.connectInvites.find((i) => i.email === row.invitee_email)!.id);
    }
  });

  it('waits out a rate-limited listing on a later sweep, sending nothing meanwhile, and never asks Slack in a loop', async () => {
    const emails = await crashedInvites('limited', 5);
    pendingAtSlack(emails);
    fake.rateLimitNext('conversations.listConnectInvites', 2);

    app = await startTestApp({ fake, databaseUrl: db.url, env: FAST });
    await until('all 5 final', async () => ((await unfinished()) === 0 ? true : undefined));

    const listings = fake.callsTo('conversations.listConnectInvites');
    assert.deepEqual(listings.map((c) => c.httpStatus), [429, 200], 'one rate-limited listing, then one that answered');
    assert.ok(listings[1]!.at - listings[0]!.at >= 2000, `the second listing waited for Retry-After (${listings[1]!.at - listings[0]!.at} ms)`);
    assert.equal(fake.callsTo('conversations.inviteShared').length, 0, 'nothing re-sent: all five were at Slack');
    assert.ok(app.logs.some((l) => l.msg === 'could not list pending invitations with Slack; its unfinished invitations wait for a later sweep'));
  });

  it('ends a duplicate record of one invitation (the same invitee submitted from two forms) instead of retrying it on every sweep', async () => {
    await crashedInvites('twice', 1);
    await db.query(
      `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, channel_name, method, invitee_email, external_limited,
         idempotency_key, created_at, updated_at, attempts, sent_at, lease_owner, lease_expires_at)
       VALUES (gen_random_uuid(), 'SLACK_CONNECT', 'SENDING', $1, $2, $3, 'project-x', 'conversations.inviteShared', 'twice1@partner.example', true,
         'twice-again', now(), now(), 1, now(), 'dead-process', now() - interval '30 seconds')`,
      [WORLD.teamId, alice, WORLD.channels.public],
    );
    const ids = pendingAtSlack(['twice1@partner.example']);

    app = await startTestApp({ fake, databaseUrl: db.url, env: FAST });
    await until('both final', async () => ((await unfinished()) === 0 ? true : undefined));

    const rows = await db.query<{ idempotency_key: string; status: string; slack_invite_id: string | null; error_code: string | null }>(
      'SELECT idempotency_key, status, slack_invite_id, error_code FROM invites ORDER BY created_at',
    );
    assert.deepEqual(
      rows.map((r) => [r.idempotency_key, r.status, r.slack_invite_id, r.error_code]),
      [
        ['twice1', 'AWAITING_ACCEPTANCE', ids.get('twice1@partner.example'), null],
        ['twice-again', 'FAILED', null, 'connection_limit_exceeded_pending'],
      ],
    );
    assert.equal(fake.callsTo('conversations.inviteShared').length, 0, 'nothing sent again');
    assert.ok(!app.logs.some((l) => l.msg === 'could not recover the invitation yet'), 'no error, no retry');
  });
});
