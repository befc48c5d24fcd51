// Slack's rate limits, isolated: a long rate limit on conversations.inviteShared defers the
// invitation (Slack did nothing, so sending it later is safe) and recovery's sweep sends it once
// Retry-After has passed, telling the person; a storm of 429s on invitations, or a 429 on one
// person's views.update, never holds up another person's views.open past its 3-second trigger
// (the fake refuses an expired trigger as Slack does).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useE2E, WORLD } from '../helpers/e2e.js';
import { shareChannelValues, stateValue, type OpenedView } from '../helpers/slack-payloads.js';
import { INVITE_PRIVATE } from '../../src/slack/ids.js';
import { until } from '../helpers/until.js';

const { alice, bob, carol } = WORLD.users;
const FAST = { SLACK_INVITE_TIMEOUT_MS: '1000', RECOVERY_LEASE_SECONDS: '2' };

describe('rate limits', () => {
  const e2e = useE2E(FAST);
  const row = async (key: string) =>
    (await e2e.db.query<{ status: string; error_code: string | null; retry_after_seconds: number | null; wait_s: string | null; slack_invite_id: string | null }>(
      `SELECT status, error_code, retry_after_seconds, extract(epoch FROM lease_expires_at - now()) AS wait_s, slack_invite_id FROM invites WHERE idempotency_key = $1`,
      [key],
    ))[0];
  const sendsTo = (email: string) => e2e.fake.callsTo('conversations.inviteShared').filter((c) => (c.args.emails as string[])[0] === email);

  it('defers an invitation past a long rate limit, says when it will go, and sends it once after Retry-After', async () => {
    e2e.fake.rateLimitNext('conversations.inviteShared', 7); // longer than the 5 s the person is kept waiting
    const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
    const ack = await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email: 'deferred@partner.example' }), alice);
    assert.equal(ack.json?.response_action, 'update');
    const waiting = await e2e.fake.waitForCall('views.update', (c) => c.args.view_id === opened.id && (c.args.view as { title: { text: string } }).title.text === 'Waiting for Slack');
    assert.match(JSON.stringify(waiting.args.view), /<!date\^\d+\^\{time\}\|\d\d:\d\d UTC>/, 'the time it goes, in the reader’s own zone');
    const deferred = (await row(opened.id))!;
    assert.equal(deferred.status, 'RECORDED');
    assert.equal(deferred.error_code, 'ratelimited');
    assert.equal(deferred.retry_after_seconds, 7);
    assert.ok(Number(deferred.wait_s) > 3 && Number(deferred.wait_s) <= 7, `waits Slack's Retry-After on the database's clock (${deferred.wait_s} s)`);

    const sent = await until('sent once the limit passed', async () => {
      const r = await row(opened.id);
      return r?.status === 'AWAITING_ACCEPTANCE' ? r : undefined;
    }, 20_000);
    const calls = sendsTo('deferred@partner.example');
    assert.deepEqual(calls.map((c) => c.httpStatus), [429, 200]);
    assert.ok(calls[1]!.at - calls[0]!.at >= 7000, 'not before Retry-After');
    assert.equal(sent.slack_invite_id, e2e.fake.connectInvites.find((i) => i.email === 'deferred@partner.example')!.id);
    await e2e.fake.waitForCall('views.update', (c) => c.args.view_id === opened.id && (c.args.view as { title: { text: string } }).title.text === 'Invitation sent');
  });

  it('keeps opening other people’s forms in time through a storm of 429s on invitations', async () => {
    const people = [alice, bob, alice, bob]; // members of #project-x, two forms each
    e2e.fake.rateLimitNext('conversations.inviteShared', 4, { times: people.length * 3 });
    const forms: OpenedView[] = [];
    for (const user of people) forms.push(await e2e.openModal('/share-channel', { user, channel: WORLD.channels.public }));
    const acks = await Promise.all(
      forms.map((opened, i) => e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email: `storm${i}@partner.example` }), people[i]!)),
    );
    for (const ack of acks) assert.equal(ack.json?.response_action, 'update', `${ack.status} ${ack.text}`);
    // While every invitation is being rate limited, someone else opens the form: in time.
    const late = await e2e.openModal('/share-channel', { user: bob, channel: WORLD.channels.public });
    assert.equal(late.view.callback_id, 'share_channel');
    await until('every stormed invitation sent', async () => {
      const rows = await Promise.all(forms.map((f) => row(f.id)));
      return rows.every((r) => r?.status === 'AWAITING_ACCEPTANCE') ? true : undefined;
    }, 30_000);
    for (let i = 0; i < people.length; i++) {
      assert.equal(e2e.fake.connectInvites.filter((c) => c.email === `storm${i}@partner.example`).length, 1, `storm${i}: one invitation`);
      assert.equal(sendsTo(`storm${i}@partner.example`).filter((c) => c.httpStatus === 200).length, 1);
    }
  });

  it('does not let a 429 on one person’s views.update hold up another person’s views.open', async () => {
    e2e.fake.rateLimitNext('views.update', 10);
    const first = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
    await e2e.submit(first, shareChannelValues({ channel: WORLD.channels.public, email: 'update-limited@partner.example' }), alice);
    await e2e.fake.waitForCall('views.update', (c) => c.httpStatus === 429);
    // Had the 429 paused the client's queue for 10 s, this views.open would come after its trigger expired.
    const second = await e2e.openModal('/share-channel', { user: bob, channel: WORLD.channels.public });
    assert.equal(second.view.callback_id, 'share_channel');
    // The person whose update was refused still hears the outcome (by direct message).
    await until('alice told', async () => (e2e.fake.messages.some((m) => m.dmUser === alice && /update-limited@partner\.example/.test(JSON.stringify(m.blocks))) ? true : undefined));
  });

  it('defers a private-channel invitation past a long rate limit and adds the people once it has passed', async () => {
    e2e.fake.rateLimitNext('conversations.invite', 7);
    const opened = await e2e.openModal('/invite-private', { user: alice, channel: WORLD.channels.private });
    const values = {
      [INVITE_PRIVATE.blocks.channel]: { [INVITE_PRIVATE.actions.channel]: stateValue.conversation(WORLD.channels.private) },
      [INVITE_PRIVATE.blocks.users]: { [INVITE_PRIVATE.actions.users]: stateValue.users([carol]) },
    };
    const ack = await e2e.submit(opened, values, alice);
    assert.equal(ack.json?.response_action, 'update', ack.text);
    await e2e.fake.waitForCall('views.update', (c) => c.args.view_id === opened.id && (c.args.view as { title: { text: string } }).title.text === 'Waiting for Slack');
    const done = await until('added once the limit passed', async () => {
      const [r] = await e2e.db.query<{ status: string }>('SELECT status FROM invites WHERE idempotency_key = $1', [opened.id]);
      return r?.status === 'COMPLETED' ? r : undefined;
    }, 20_000);
    assert.equal(done.status, 'COMPLETED');
    const calls = e2e.fake.callsTo('conversations.invite').filter((c) => c.args.channel === WORLD.channels.private);
    assert.deepEqual(calls.map((c) => c.httpStatus).slice(-2), [429, 200]);
    assert.ok(e2e.fake.channel(WORLD.channels.private)!.members.includes(carol));
  });
});
