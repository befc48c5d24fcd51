// A batch's invitation Slack never answered (every try timed out, though Slack had acted on the
// first) is left "sending", and the batch's driver comes back to it once its lease runs out: a
// fresh listing of Slack's pending invitations (asked after that send, not one from before it)
// shows Slack holds it, so it is recorded, never sent a second time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useE2E, WORLD } from '../helpers/e2e.js';
import { manifestBotScopes } from '../helpers/fake-slack.js';
import { shareChannelValues } from '../helpers/slack-payloads.js';
import { until } from '../helpers/until.js';

const { alice } = WORLD.users;

describe('a batch invitation Slack did not answer', () => {
  const e2e = useE2E(
    { BATCH_INVITES_PER_MINUTE: '600', SLACK_INVITE_TIMEOUT_MS: '300', RECOVERY_LEASE_SECONDS: '2' },
    { fake: { scopes: [...manifestBotScopes(), 'conversations.connect:manage'], rateLimits: { multiplier: 1, methods: { 'conversations.inviteShared': 30, 'conversations.listConnectInvites': 30 } } } },
  );

  it('is looked up with Slack afterwards and recorded, not sent twice', async () => {
    const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
    // The first invitee's call reaches Slack, and no answer to it or to its retries comes back.
    e2e.fake.loseAnswerNext('conversations.inviteShared', { times: 3 });
    const ack = await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email: 'lost1@partner.example\nlost2@partner.example' }), alice);
    assert.equal(ack.json?.response_action, 'update', ack.text);
    const rows = await until(
      'the batch finished',
      async () => {
        const r = await e2e.db.query<{ invitee_email: string; status: string; slack_invite_id: string | null; lease_version: number }>(
          'SELECT i.invitee_email, i.status, i.slack_invite_id, i.lease_version FROM invites i JOIN invite_batches b ON b.id = i.batch_id WHERE b.idempotency_key = $1 AND b.finished_at IS NOT NULL ORDER BY i.batch_position',
          [opened.id],
        );
        return r.length ? r : undefined;
      },
      30_000,
    );
    assert.deepEqual(rows.map((r) => r.status), ['AWAITING_ACCEPTANCE', 'AWAITING_ACCEPTANCE'], JSON.stringify(rows));
    const atSlack = e2e.fake.connectInvites.filter((i) => i.email === 'lost1@partner.example');
    assert.equal(atSlack.length, 1, 'one invitation at Slack');
    assert.equal(rows[0]!.slack_invite_id, atSlack[0]!.id, 'recorded with the one Slack holds');
    assert.ok(e2e.fake.callsTo('conversations.listConnectInvites').length >= 1, 'asked Slack');
    assert.ok(e2e.app.logs.some((l) => l.msg === 'no answer from Slack; recovery will check whether the invitation was sent'), 'left sending');
    assert.ok(e2e.app.logs.some((l) => l.msg === 'recovered: Slack had received the invitation'), 'found at Slack by the driver');
  });
});
