// Security and replicas: no workspace sees another's data; secrets never reach the logs, even at
// trace level; two replicas given the same submission or the same event at once act once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack, WORLD } from '../helpers/fake-slack.js';
import { blockAction, eventCallback, slashCommand, viewSubmission, type OpenedView, shareChannelValues } from '../helpers/slack-payloads.js';

const { alice, admin } = WORLD.users;

describe('security and replicas', () => {
  let fake: FakeSlack;
  let db: TestDatabase;
  let apps: [TestApp, TestApp];
  const responseUrl = 'http://127.0.0.1:1/commands/T0TEAM/1234/response-url-secret-part';
  const joinSecrets: string[] = [];

  before(async () => {
    fake = await FakeSlack.start();
    fake.seedDefaultWorld();
    db = await createTestDatabase();
    const secret = 'a'.repeat(8) + '0123456789abcdef0123456789ab'.slice(0, 24);
    apps = (await Promise.all([0, 1].map(() => startTestApp({ fake, databaseUrl: db.url, env: { LOG_LEVEL: 'trace', SLACK_SIGNING_SECRET: secret } })))) as [TestApp, TestApp];
  });
  after(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await fake.stop();
    await db.drop();
  });

  async function openModal(app: TestApp): Promise<OpenedView> {
    const before = fake.callsTo('views.open').length;
    await app.send(slashCommand({ command: '/share-channel', userId: alice, teamId: WORLD.teamId, channelId: WORLD.channels.public, responseUrl }));
    const call = await fake.waitForCall('views.open', () => fake.callsTo('views.open').length > before);
    return fake.view((call.response as { view: { id: string } }).view.id)!;
  }

  it('sends one invitation when two replicas get the same submission at the same moment', async () => {
    const opened = await openModal(apps[0]);
    const submission = viewSubmission(
      opened,
      shareChannelValues({ channel: WORLD.channels.public, email: 'twin@partner.example' }),
      { id: alice, teamId: WORLD.teamId },
    );
    const acks = await Promise.all(apps.map((a) => a.send(submission)));
    assert.deepEqual(acks.map((a) => a.json?.response_action), ['update', 'update']);
    await fake.waitForCall('views.update', (c) => c.args.view_id === opened.id && (c.args.view as { title: { text: string } }).title.text === 'Invitation sent');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(fake.callsTo('conversations.inviteShared').filter((c) => (c.args.emails as string[])[0] === 'twin@partner.example').length, 1);
    assert.equal((await db.query("SELECT 1 FROM invites WHERE invitee_email = 'twin@partner.example'")).length, 1);
  });

  it('processes an event once when both replicas receive it (a retry landing on the other one)', async () => {
    const [row] = await db.query<{ slack_invite_id: string }>("SELECT slack_invite_id FROM invites WHERE invitee_email = 'twin@partner.example'");
    const event = eventCallback(
      {
        type: 'shared_channel_invite_accepted',
        approval_required: false,
        invite: { id: row!.slack_invite_id, inviting_team: { id: WORLD.teamId }, recipient_email: 'twin@partner.example' },
        channel: { id: WORLD.channels.public, name: 'project-x' },
        accepting_user: { id: WORLD.users.ext, team_id: WORLD.partnerTeamId },
      },
      WORLD.teamId,
    );
    await Promise.all([apps[0].send(event), apps[1].send(event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })]);
    await fake.waitForCall('chat.postMessage', (c) => c.args.channel === alice && /accepted your invitation/.test(String(c.args.text)));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(fake.messages.filter((m) => m.channel === alice && /twin@partner\.example accepted/.test(m.text ?? '')).length, 1);
  });

  it('never shows one workspace’s invitations in another’s dashboard, even to admins', async () => {
    // The same user ID in another workspace (IDs are only unique per workspace on some plans).
    await db.query(
      `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, channel_name, method, invitee_email, external_limited, idempotency_key, updated_at)
       VALUES (gen_random_uuid(), 'SLACK_CONNECT', 'AWAITING_ACCEPTANCE', 'T0ELSEWHERE', $1, 'C0THEIRS', 'their-secret-channel', 'conversations.inviteShared', 'theirs@other.example', true, 'other-team-1', now())`,
      [alice],
    );
    for (const [user, scope] of [[alice, 'mine'], [admin, 'workspace']] as const) {
      const before = fake.callsTo('views.publish').length;
      await apps[0].send(blockAction({ actionId: 'home.refresh', value: JSON.stringify([scope, 'all']), user: { id: user, teamId: WORLD.teamId }, view: { id: 'VH', hash: 'h', view: {}, type: 'home' } }));
      const call = await fake.waitForCall('views.publish', (c) => c.args.user_id === user && fake.callsTo('views.publish').indexOf(c) >= before);
      const text = JSON.stringify(call.args.view);
      assert.match(text, /twin@partner\.example/, `${user} sees their workspace's invitation`);
      assert.doesNotMatch(text, /theirs@other\.example|their-secret-channel/, `${user} sees nothing of another workspace`);
    }
  });

  it('sends a full-access invitation, whose join link and code Slack returns', async () => {
    const opened = await openModal(apps[0]);
    await apps[0].send(viewSubmission(opened, shareChannelValues({ channel: WORLD.channels.public, email: 'full@partner.example', limited: false }), { id: alice, teamId: WORLD.teamId }));
    await fake.waitForCall('views.update', (c) => c.args.view_id === opened.id && (c.args.view as { title: { text: string } }).title.text === 'Invitation sent');
    const invite = fake.connectInvites.find((i) => i.email === 'full@partner.example');
    assert.ok(invite?.url, 'Slack returned a join link');
    joinSecrets.push(invite.url);
    const answer = fake.callsTo('conversations.inviteShared').find((c) => (c.args.emails as string[])[0] === 'full@partner.example')!.response as { conf_code?: string };
    assert.ok(answer.conf_code);
    joinSecrets.push(answer.conf_code);
  });

  it('keeps tokens, the signing secret, response_urls and join links out of a whole run’s logs, even at trace level', () => {
    const logs = apps.map((a) => a.rawLogs()).join('\n');
    assert.equal(joinSecrets.length, 2, 'a join link and its code were sent');
    for (const secret of joinSecrets) {
      assert.ok(!logs.includes(secret), `a join link or code reached the logs: ${secret.slice(0, 12)}…`);
    }
    assert.ok(logs.length > 10_000, 'a real run was logged');
    assert.ok(apps[0].logs.some((l) => l.level === 20 || l.level === 10), 'debug lines included');
    for (const secret of [fake.botToken, fake.userToken, apps[0].signingSecret, responseUrl, 'response-url-secret-part']) {
      assert.ok(!logs.includes(secret), `a secret reached the logs: ${secret.slice(0, 6)}…`);
    }
    assert.doesNotMatch(logs, /xox[bpa]-[A-Za-z0-9-]{6,}/, 'a token-shaped string in the logs');
  });
});
