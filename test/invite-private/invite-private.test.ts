// /invite-private end to end: signed command -> modal -> submission -> the exact
// conversations.invite (or groups.invite) arguments -> each person's result in the modal -> the
// invites and invite_recipients rows.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { useE2E, WORLD, type E2E } from '../helpers/e2e.js';
import type { RecordedCall } from '../helpers/fake-slack.js';
import { validateView } from '../helpers/fake-slack-blocks.js';
import { slashCommand, stateValue, type OpenedView, type StateValues } from '../helpers/slack-payloads.js';

const B = { channel: 'invite_private.channel', users: 'invite_private.users' };
const { alice, bob, carol, admin, guest, otherBot, bot } = WORLD.users;
const GONE = 'U0GONE';

function form(channel: string | null, users: string[]): StateValues {
  return {
    [B.channel]: { channel: stateValue.conversation(channel) },
    [B.users]: { users: stateValue.users(users) },
  };
}

let channels = 0;
/** A private channel of its own for each test, so no test depends on what another added. */
function privateChannel(e2e: E2E, members: string[], extra: { isArchived?: boolean } = {}): string {
  channels += 1;
  const id = `G0TEAM${channels}`;
  e2e.fake.addChannel({ id, name: `team-${channels}`, isPrivate: true, members, ...extra });
  return id;
}

interface InviteRow {
  id: string;
  kind: string;
  status: string;
  method: string;
  team_id: string;
  requester_user_id: string;
  channel_id: string;
  channel_name: string | null;
  error_code: string | null;
  error_detail: string | null;
  retry_after_seconds: number | null;
  attempts: number;
  view_id: string | null;
  completed_at: Date | null;
}

interface RecipientRow {
  user_id: string;
  outcome: string;
  error_code: string | null;
}

async function rowsFor(e2e: E2E, opened: OpenedView): Promise<{ invite: InviteRow | undefined; recipients: RecipientRow[] }> {
  const invites = await e2e.db.query<InviteRow & Record<string, unknown>>('SELECT * FROM invites WHERE idempotency_key = $1', [opened.id]);
  assert.ok(invites.length <= 1);
  const invite = invites[0];
  const recipients = invite
    ? await e2e.db.query<RecipientRow & Record<string, unknown>>('SELECT user_id, outcome, error_code FROM invite_recipients WHERE invite_id = $1 ORDER BY id', [invite.id])
    : [];
  return { invite, recipients };
}

function inviteCalls(e2e: E2E, method = 'conversations.invite'): RecordedCall[] {
  return e2e.fake.callsTo(method);
}

/** Sends the form, checks the "sending" acknowledgement, and waits for the modal's final outcome. */
async function submitAndSettle(e2e: E2E, opened: OpenedView, values: StateValues, user: string = alice) {
  const ack = await e2e.submit(opened, values, user);
  assert.equal(ack.status, 200);
  assert.equal(ack.json?.response_action, 'update', `expected an update, got ${ack.text}`);
  assert.equal(ack.json.view.title.text, 'Adding people');
  assert.match(JSON.stringify(ack.json.view.blocks), /Sending…/);
  assert.ok(ack.ms < 3000, `acknowledged in ${ack.ms} ms`);
  const update = await e2e.fake.waitForCall('views.update', (c) => c.args.view_id === opened.id, 10_000);
  const view = update.args.view as { title: { text: string }; blocks: unknown[] };
  return { ack, view, text: JSON.stringify(view.blocks), ...(await rowsFor(e2e, opened)) };
}

/** The line the outcome shows for one person. */
function lineFor(text: string, userId: string): string {
  const lines = (JSON.parse(text) as Array<{ text?: { text?: string } }>).flatMap((b) => (b.text?.text ?? '').split('\n'));
  const index = lines.findIndex((l) => l.includes(`<@${userId}>`));
  assert.ok(index >= 0, `no line for ${userId} in ${text}`);
  // A failed person's line is followed by what to do.
  return [lines[index], lines[index + 1] ?? ''].join('\n');
}

/** Submits a form that must be refused inline: nothing sent to Slack, nothing recorded. Returns the errors by block. */
async function refusal(e2e: E2E, user: string, values: StateValues): Promise<Record<string, string>> {
  const opened = await e2e.openModal('/invite-private', { user, channel: WORLD.channels.private });
  const before = inviteCalls(e2e).length;
  const ack = await e2e.submit(opened, values, user);
  assert.equal(ack.status, 200);
  assert.equal(ack.json?.response_action, 'errors', ack.text);
  assert.ok(ack.ms < 3000, `acknowledged in ${ack.ms} ms`);
  assert.equal(inviteCalls(e2e).length, before, 'nothing sent to Slack');
  assert.equal((await rowsFor(e2e, opened)).invite, undefined, 'nothing recorded');
  return ack.json.errors;
}

describe('/invite-private', () => {
  const e2e = useE2E({ SLACK_INVITE_TIMEOUT_MS: '400' });
  before(() => {
    e2e.fake.addUser({ id: GONE, name: 'gone', realName: 'Gone Person', deleted: true });
  });

  describe('the command', () => {
    it('acknowledges at once and opens the form: private channels only, pre-filled with the channel and the people mentioned', async () => {
      const channel = privateChannel(e2e, [alice, bot]);
      const before = e2e.fake.callsTo('views.open').length;
      const res = await e2e.app.send(
        slashCommand({ command: '/invite-private', text: `<@${bob}|bob> and <@${carol}> and <@${bob}|bob> again`, userId: alice, teamId: WORLD.teamId, channelId: channel }),
      );
      assert.equal(res.status, 200);
      assert.ok(res.ms < 3000, `acknowledged in ${res.ms} ms`);
      const call = await e2e.fake.waitForCall('views.open', () => e2e.fake.callsTo('views.open').length > before);
      assert.equal((call.response as { ok: boolean }).ok, true, JSON.stringify(call.response));
      const view = call.args.view as { callback_id: string; blocks: Array<{ block_id?: string; element?: Record<string, any> }> };
      assert.equal(view.callback_id, 'invite_private');
      const byId = Object.fromEntries(view.blocks.filter((b) => b.block_id).map((b) => [b.block_id, b.element]));
      assert.equal(byId[B.channel]!.type, 'conversations_select');
      assert.deepEqual(byId[B.channel]!.filter, { include: ['private'], exclude_bot_users: true });
      assert.equal(byId[B.channel]!.initial_conversation, channel);
      assert.equal(byId[B.users]!.type, 'multi_users_select');
      assert.deepEqual(byId[B.users]!.initial_users, [bob, carol]);
      assert.equal(byId[B.users]!.max_selected_items, 100);
    });

    it('does not offer a direct message as the channel, and pre-fills at most 100 people', async () => {
      const many = Array.from({ length: 120 }, (_, i) => `<@U0P${String(i).padStart(3, '0')}|p${i}>`).join(' ');
      const opened = await e2e.openModal('/invite-private', { user: alice, channel: WORLD.channels.im, text: many });
      const blocks = opened.view.blocks as Array<{ block_id?: string; element?: Record<string, any> }>;
      const users = blocks.find((b) => b.block_id === B.users)!.element!;
      assert.equal(users.initial_users.length, 100);
      assert.equal(users.initial_users[0], 'U0P000');
      assert.ok(!JSON.stringify(opened.view).includes('initial_conversation'));
    });
  });

  describe('adding people', () => {
    it('adds several people in one call, each with their own result: added, already a member, a guest Slack refuses', async () => {
      const channel = privateChannel(e2e, [alice, bot, carol]);
      const opened = await e2e.openModal('/invite-private', { user: alice, channel });
      const before = inviteCalls(e2e).length;
      const { view, text, invite, recipients } = await submitAndSettle(e2e, opened, form(channel, [bob, carol, guest]));

      const calls = inviteCalls(e2e).slice(before);
      assert.equal(calls.length, 1);
      assert.deepEqual(calls[0]!.args, { channel, users: [bob, carol, guest], force: true });
      assert.equal(calls[0]!.token, WORLD.tokens.bot);
      assert.ok(e2e.fake.channel(channel)!.members.includes(bob), 'Slack added bob');

      assert.equal(view.title.text, 'Some people added');
      assert.match(text, new RegExp(`<#${channel}>`));
      assert.match(lineFor(text, bob), /added/);
      assert.match(lineFor(text, carol), /already a member/);
      const guestLine = lineFor(text, guest);
      assert.match(guestLine, /:x:/);
      assert.match(guestLine, /This guest is already in their one channel/);
      assert.match(guestLine, /Ask a workspace admin or owner to make them a multi-channel guest or a full member\. Then try again\./);
      assert.match(text, /`ura_max_channels`/);

      assert.ok(invite);
      assert.equal(invite.kind, 'PRIVATE_CHANNEL');
      assert.equal(invite.method, 'conversations.invite');
      assert.equal(invite.status, 'PARTIALLY_COMPLETED');
      assert.equal(invite.team_id, WORLD.teamId);
      assert.equal(invite.requester_user_id, alice);
      assert.equal(invite.channel_id, channel);
      assert.equal(invite.channel_name, e2e.fake.channel(channel)!.name);
      assert.equal(invite.view_id, opened.id);
      assert.equal(invite.error_code, 'ura_max_channels');
      assert.equal(invite.attempts, 1);
      assert.ok(invite.completed_at);
      assert.deepEqual(recipients, [
        { user_id: bob, outcome: 'INVITED', error_code: null },
        { user_id: carol, outcome: 'ALREADY_MEMBER', error_code: null },
        { user_id: guest, outcome: 'FAILED', error_code: 'ura_max_channels' },
      ]);
    });

    it('completes when everyone is added', async () => {
      const channel = privateChannel(e2e, [alice, bot]);
      const opened = await e2e.openModal('/invite-private', { user: alice, channel });
      const { view, invite, recipients } = await submitAndSettle(e2e, opened, form(channel, [bob, admin]));
      assert.equal(view.title.text, 'People added');
      assert.equal(invite!.status, 'COMPLETED');
      assert.equal(invite!.error_code, null);
      assert.deepEqual(recipients.map((r) => [r.user_id, r.outcome]), [[bob, 'INVITED'], [admin, 'INVITED']]);
      assert.deepEqual(e2e.fake.channel(channel)!.members.slice(-2), [bob, admin]);
    });

    it('treats someone who is already a member, alone, as done rather than failed', async () => {
      const channel = privateChannel(e2e, [alice, bot, carol]);
      const opened = await e2e.openModal('/invite-private', { user: alice, channel });
      const before = inviteCalls(e2e).length;
      const { view, text, invite, recipients } = await submitAndSettle(e2e, opened, form(channel, [carol]));
      const [call] = inviteCalls(e2e).slice(before);
      assert.deepEqual(call!.args, { channel, users: [carol], force: true });
      assert.equal((call!.response as { ok: boolean; error: string }).error, 'already_in_channel', 'Slack answered ok:false');
      assert.equal(view.title.text, 'People added');
      assert.match(lineFor(text, carol), /already a member/);
      assert.doesNotMatch(text, /:x:/);
      assert.equal(invite!.status, 'COMPLETED');
      assert.equal(invite!.error_code, null);
      assert.deepEqual(recipients, [{ user_id: carol, outcome: 'ALREADY_MEMBER', error_code: null }]);
    });

    it('sends once for the same submission delivered twice', async () => {
      const channel = privateChannel(e2e, [alice, bot]);
      const opened = await e2e.openModal('/invite-private', { user: alice, channel });
      const before = inviteCalls(e2e).length;
      const values = form(channel, [bob, carol]);
      await submitAndSettle(e2e, opened, values);
      const again = await e2e.submit(opened, values, alice);
      assert.equal(again.json?.response_action, 'update');
      assert.equal(again.json.view.title.text, 'People added', 'the repeat shows the recorded outcome');
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(inviteCalls(e2e).length - before, 1);
      const rows = await e2e.db.query('SELECT id FROM invites WHERE idempotency_key = $1', [opened.id]);
      assert.equal(rows.length, 1);
      const people = await e2e.db.query('SELECT user_id FROM invite_recipients WHERE invite_id = $1', [rows[0]!.id]);
      assert.equal(people.length, 2);
    });

    it('sends the outcome as a direct message when the modal was closed meanwhile', async () => {
      const channel = privateChannel(e2e, [alice, bot]);
      const opened = await e2e.openModal('/invite-private', { user: alice, channel });
      e2e.fake.failNext('views.update', 'not_found');
      await e2e.submit(opened, form(channel, [bob]), alice);
      const dm = await e2e.fake.waitForCall('chat.postMessage', (c) => c.args.channel === alice && JSON.stringify(c.args.blocks).includes(`<#${channel}>`));
      assert.match(JSON.stringify(dm.args.blocks), new RegExp(`<@${bob}> — added`));
      assert.equal((await rowsFor(e2e, opened)).invite!.status, 'COMPLETED');
    });

    it("logs Slack's warnings and never shows them", async () => {
      const channel = privateChannel(e2e, [alice, bot]);
      const opened = await e2e.openModal('/invite-private', { user: alice, channel });
      e2e.fake.failNext('conversations.invite', 'not_in_channel', { extra: { warning: 'missing_charset', response_metadata: { warnings: ['missing_charset'] } } });
      const { text } = await submitAndSettle(e2e, opened, form(channel, [bob]));
      assert.doesNotMatch(text, /missing_charset|technical note/);
      const logged = e2e.app.logs.find((l) => l.msg === 'Slack returned warnings' && JSON.stringify(l.warnings) === '["missing_charset"]');
      assert.ok(logged, 'the warning is logged');
    });
  });

  describe('authorization: nothing is sent or recorded', () => {
    async function refused(user: string, channel: string, users: string[] = [bob]): Promise<string> {
      const errors = await refusal(e2e, user, form(channel, users));
      assert.deepEqual(Object.keys(errors), [B.channel]);
      return errors[B.channel]!;
    }

    it('refuses a requester who is not a member of the private channel, without naming it', async () => {
      const message = await refused(carol, WORLD.channels.private);
      assert.match(message, /not a member of this private channel/);
      assert.doesNotMatch(message, /secret-plans/);
    });

    it('refuses, whatever the form says, a private channel the requester is not in', async () => {
      // alice's own form, with a channel she is not in put into the payload
      const message = await refused(alice, WORLD.channels.privateNoAlice, [carol]);
      assert.match(message, /not a member of this private channel/);
      assert.ok(!e2e.fake.channel(WORLD.channels.privateNoAlice)!.members.includes(carol));
    });

    it('asks for the app to be added to a private channel it is not in', async () => {
      const message = await refused(alice, WORLD.channels.privateNoBot);
      assert.match(message, /\/invite @Connect Invites/);
    });


    it('fails closed when Slack answers the membership look-up with an error', async () => {
      e2e.fake.failNext('conversations.members', 'internal_error');
      assert.match(await refused(alice, WORLD.channels.private), /Could not check this channel/);
    });
  });

  describe('inline validation: nothing is sent or recorded', () => {
    const tooMany = Array.from({ length: 101 }, (_, i) => `U0P${String(i).padStart(3, '0')}`);
    const cases: Array<[string, { channel: () => string | null; users: string[]; block: string; message: RegExp }]> = [
      ['no channel', { channel: () => null, users: [bob], block: B.channel, message: /Choose the private channel/ }],
      ['no people', { channel: () => WORLD.channels.private, users: [], block: B.users, message: /Choose the people/ }],
      ['more than 100 people', { channel: () => WORLD.channels.private, users: tooMany, block: B.users, message: /at most 100 people.*you chose 101/ }],
      ['the requester themself', { channel: () => WORLD.channels.private, users: [bob, alice], block: B.users, message: /remove yourself/ }],
      ['a bot', { channel: () => WORLD.channels.private, users: [bob, otherBot], block: B.users, message: /otherbot is an app or bot/ }],
      ["the app's own bot user", { channel: () => WORLD.channels.private, users: [bot], block: B.users, message: /Connect Invites is an app or bot/ }],
      ['a deactivated person', { channel: () => WORLD.channels.private, users: [GONE], block: B.users, message: /cannot find gone/ }],
      ['someone Slack does not know', { channel: () => WORLD.channels.private, users: ['U0NOBODY'], block: B.users, message: /cannot find U0NOBODY/ }],
      ['a public channel', { channel: () => WORLD.channels.public, users: [carol], block: B.channel, message: /#project-x is a public channel/ }],
      ['an archived public channel', { channel: () => WORLD.channels.archived, users: [carol], block: B.channel, message: /public channel/ }],
      ['an archived private channel', { channel: () => privateChannel(e2e, [alice, bot], { isArchived: true }), users: [bob], block: B.channel, message: /is archived/ }],
      ['a direct message', { channel: () => WORLD.channels.im, users: [bob], block: B.channel, message: /Direct messages cannot be used/ }],
      ['a group direct message', { channel: () => WORLD.channels.mpim, users: [carol], block: B.channel, message: /Direct messages cannot be used/ }],
    ];
    for (const [name, c] of cases) {
      it(`refuses ${name}`, async () => {
        const errors = await refusal(e2e, alice, form(c.channel(), c.users));
        assert.deepEqual(Object.keys(errors), [c.block]);
        assert.match(errors[c.block]!, c.message);
      });
    }
  });

  describe('when Slack says no to the whole call: every person carries it', () => {
    async function failWith(setup: () => void, users = [bob, carol]) {
      const channel = privateChannel(e2e, [alice, bot]);
      const opened = await e2e.openModal('/invite-private', { user: alice, channel });
      const before = inviteCalls(e2e).length;
      setup();
      const settled = await submitAndSettle(e2e, opened, form(channel, users));
      return { ...settled, calls: inviteCalls(e2e).slice(before) };
    }

    it('explains not_in_channel and records it for everyone', async () => {
      const { view, text, invite, recipients, calls } = await failWith(() => e2e.fake.failNext('conversations.invite', 'not_in_channel'));
      assert.equal(calls.length, 1);
      assert.equal(view.title.text, 'No one was added');
      for (const user of [bob, carol]) {
        assert.match(lineFor(text, user), /The app isn't in this channel yet/);
        assert.match(lineFor(text, user), /\/invite @Connect Invites/);
      }
      assert.equal(invite!.status, 'FAILED');
      assert.equal(invite!.error_code, 'not_in_channel');
      assert.deepEqual(recipients, [
        { user_id: bob, outcome: 'FAILED', error_code: 'not_in_channel' },
        { user_id: carol, outcome: 'FAILED', error_code: 'not_in_channel' },
      ]);
    });

    it('tries a Slack outage (HTTP 503) again a bounded number of times, then records it for everyone', async () => {
      const { text, invite, recipients, calls } = await failWith(() => e2e.fake.serverErrorNext('conversations.invite', 503, { times: 3 }));
      assert.deepEqual(calls.map((c) => c.httpStatus), [503, 503, 503], 'three tries, seconds apart');
      assert.equal(invite!.status, 'FAILED');
      assert.equal(invite!.error_code, 'slack_http_error');
      assert.equal(invite!.error_detail, 'HTTP 503');
      assert.deepEqual(recipients.map((r) => r.error_code), ['slack_http_error', 'slack_http_error']);
      assert.match(text, /slack_http_error/);
    });

    it('names the missing scope: who acts is the operator', async () => {
      const { text, invite } = await failWith(() =>
        e2e.fake.failNext('conversations.invite', 'missing_scope', { extra: { needed: 'groups:write', provided: 'commands' } }),
      );
      assert.equal(invite!.error_code, 'missing_scope');
      assert.equal(invite!.error_detail, 'groups:write');
      assert.match(lineFor(text, bob), /Ask whoever runs Connect Invites to reinstall the app to the workspace with the "groups:write" permission/);
    });

    it('waits out a short rate limit, then sends', async () => {
      const { view, invite, calls } = await failWith(() => e2e.fake.rateLimitNext('conversations.invite', 1));
      assert.deepEqual(calls.map((c) => c.httpStatus), [429, 200]);
      assert.deepEqual(calls[1]!.args.users, [bob, carol]);
      assert.equal(view.title.text, 'People added');
      assert.equal(invite!.status, 'COMPLETED');
      assert.equal(invite!.attempts, 1);
    });

    it('defers the invitation past a long rate limit, saying when it goes', async () => {
      const { view, text, invite, recipients, calls } = await failWith(() => e2e.fake.rateLimitNext('conversations.invite', 600));
      assert.equal(view.title.text, 'Waiting for Slack');
      assert.match(text, /goes at <!date\^\d+\^\{time\}\|\d\d:\d\d UTC>/);
      assert.equal(invite!.status, 'RECORDED', 'kept, to be sent once the limit has passed');
      assert.equal(invite!.error_code, 'ratelimited');
      assert.equal(invite!.retry_after_seconds, 600);
      assert.deepEqual(recipients.map((r) => r.outcome), ['PENDING', 'PENDING'], 'no one answered for yet');
      assert.deepEqual(calls.map((c) => c.httpStatus), [429]);
    });

    it('adds everyone once when a try after a passing outage succeeds', async () => {
      const { view, invite, recipients, calls } = await failWith(() => e2e.fake.serverErrorNext('conversations.invite', 502));
      assert.deepEqual(calls.map((c) => c.httpStatus), [502, 200]);
      assert.equal(invite!.status, 'COMPLETED');
      assert.deepEqual(recipients.map((r) => r.outcome), ['INVITED', 'INVITED']);
      assert.doesNotMatch(view.title.text, /No one/);
    });

    it('leaves people Slack never confirmed for recovery to ask about again, and says so', async () => {
      const { view, text, invite, recipients } = await failWith(() => e2e.fake.delayNext('conversations.invite', 1500, { times: 3 }));
      assert.equal(view.title.text, 'Not confirmed yet');
      assert.match(text, /will check with Slack and let you know/);
      assert.equal(invite!.status, 'SENDING');
      assert.equal(invite!.error_code, 'slack_timeout');
      assert.deepEqual(recipients.map((r) => r.outcome), ['PENDING', 'PENDING']);
    });
  });
});

describe('/invite-private: checks that outlast the acknowledgement', () => {
  const e2e = useE2E({ SLACK_INVITE_TIMEOUT_MS: '400' });

  /** Sends the form and expects "Checking…" in the acknowledgement; returns the modal's next update. */
  async function submitChecking(opened: OpenedView, values: StateValues) {
    const ack = await e2e.submit(opened, values, alice);
    assert.equal(ack.json?.response_action, 'update', ack.text);
    assert.equal(ack.json.view.title.text, 'Checking');
    assert.deepEqual(validateView(ack.json.view, 'modal'), []);
    const update = await e2e.fake.waitForCall('views.update', (c) => c.args.view_id === opened.id, 10_000);
    assert.equal((update.response as { ok: boolean }).ok, true, JSON.stringify(update.response));
    return update.args.view as { callback_id: string; submit?: { text: string }; blocks: Array<{ block_id?: string; text?: { text: string }; element?: Record<string, any> }> };
  }

  it('shows a refusal found after "Checking…" in the form again, with the people chosen: nothing recorded or sent', async () => {
    const channel = privateChannel(e2e, [alice, bot]);
    const opened = await e2e.openModal('/invite-private', { user: alice, channel });
    e2e.fake.delayNext('conversations.info', 3000);
    const again = await submitChecking(opened, form(channel, [bob, otherBot]));
    assert.equal(again.callback_id, 'invite_private', 'the form itself, to send again');
    assert.equal(again.submit?.text, 'Add them');
    assert.equal(again.blocks[0]!.text!.text, ':warning: *Nothing was sent.* Remove them from the list. otherbot is an app or bot: add apps with /invite in the channel instead.');
    const users = again.blocks.find((b) => b.block_id === B.users)!.element!;
    assert.deepEqual(users.initial_users, [bob, otherBot]);
    assert.equal(again.blocks.find((b) => b.block_id === B.channel)!.element!.initial_conversation, channel);
    assert.equal((await rowsFor(e2e, opened)).invite, undefined, 'nothing recorded');
    assert.equal(inviteCalls(e2e).filter((c) => c.args.channel === channel).length, 0, 'nothing sent');
  });

  it('fails closed when the membership look-up fails after "Checking…", and says so in the modal', async () => {
    const channel = privateChannel(e2e, [alice, bot]);
    const opened = await e2e.openModal('/invite-private', { user: alice, channel });
    e2e.fake.delayNext('conversations.info', 3000);
    e2e.fake.failNext('conversations.members', 'internal_error');
    const again = await submitChecking(opened, form(channel, [bob]));
    assert.equal(again.callback_id, 'invite_private');
    assert.equal(again.blocks[0]!.text!.text, ':warning: *Nothing was sent.* Could not check this channel with Slack just now, so nothing was sent. Try again in a moment.');
    assert.equal((await rowsFor(e2e, opened)).invite, undefined, 'nothing recorded');
    assert.equal(inviteCalls(e2e).filter((c) => c.args.channel === channel).length, 0, 'nothing sent');
    assert.ok(!e2e.fake.channel(channel)!.members.includes(bob));
  });

  it('tells the person by direct message why nothing was sent when they closed the modal meanwhile', async () => {
    const channel = privateChannel(e2e, [bob, bot]); // alice is not in it
    const opened = await e2e.openModal('/invite-private', { user: alice, channel });
    e2e.fake.delayNext('conversations.info', 3000);
    e2e.fake.failNext('views.update', 'not_found');
    const ack = await e2e.submit(opened, form(channel, [carol]), alice);
    assert.equal(ack.json?.view?.title?.text, 'Checking', ack.text);
    const dm = await e2e.fake.waitForCall('chat.postMessage', (c) => c.args.channel === alice && String(c.args.text).startsWith('Your invitation was not sent.'), 10_000);
    assert.match(String(dm.args.text), /not a member of this private channel/);
    assert.equal((await rowsFor(e2e, opened)).invite, undefined);
  });
});

describe('/invite-private with 100 people', () => {
  // Slack's tiers are per minute; this app counts them in a 3-second window instead, so that a
  // window passes within the test. The counts are Slack's own: 100 users.info calls a window (Tier 4).
  const WINDOW_MS = 3000;
  // The fake Slack's minute is as short, so it counts the tiers in the same window.
  const e2e = useE2E({ SLACK_INVITE_TIMEOUT_MS: '2000' }, { rateWindowMs: WINDOW_MS, fake: { rateLimits: { multiplier: 1, minuteMs: WINDOW_MS } } });
  const people = Array.from({ length: 100 }, (_, i) => `U0HUND${String(i).padStart(3, '0')}`);
  before(() => {
    people.forEach((id, i) => e2e.fake.addUser({ id, name: `person${i}`, realName: `Person ${i}` }));
  });

  /** The most calls to `method` that reached Slack within any `windowMs`. */
  function busiestWindow(method: string, windowMs: number): number {
    const times = e2e.fake.callsTo(method).map((c) => c.at).sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; j < times.length; j++) {
      while ((times[j] as number) - (times[i] as number) >= windowMs) i++;
      most = Math.max(most, j - i + 1);
    }
    return most;
  }

  it('adds everyone with one conversations.invite, each profile asked once and within users.info’s tier, after "Checking…"', async () => {
    const channel = privateChannel(e2e, [alice, bot]);
    const opened = await e2e.openModal('/invite-private', { user: alice, channel });
    const since = e2e.fake.calls.length;
    const ack = await e2e.submit(opened, form(channel, people), alice);
    assert.equal(ack.json?.response_action, 'update', ack.text);
    // 100 profiles leave a fifth of the tier to other people's checks: 80 now, 20 once the window has passed.
    assert.equal(ack.json.view.title.text, 'Checking');
    assert.match(JSON.stringify(ack.json.view.blocks), /the 100 people you chose/);
    await e2e.fake.waitForCall('views.update', (c) => c.args.view_id === opened.id && (c.args.view as { title: { text: string } }).title.text === 'People added', 30_000);

    const calls = e2e.fake.calls.slice(since);
    const profiles = calls.filter((c) => c.method === 'users.info').map((c) => c.args.user as string);
    assert.deepEqual([...profiles].sort(), people, 'each person looked up once (the requester came from the cache)');
    assert.ok(busiestWindow('users.info', WINDOW_MS) <= 100, `at most 100 users.info calls in a window, saw ${busiestWindow('users.info', WINDOW_MS)}`);
    assert.ok(calls.every((c) => c.httpStatus !== 429), 'Slack never had to say slow down');
    const invites = calls.filter((c) => c.method === 'conversations.invite');
    assert.equal(invites.length, 1, 'one call adds them all (Tier 3: 50 a minute)');
    assert.deepEqual(invites[0]!.args, { channel, users: people, force: true });
    assert.deepEqual(calls.filter((c) => c.method === 'conversations.members').length, 1, "the channel's one page");

    const { invite, recipients } = await rowsFor(e2e, opened);
    assert.equal(invite!.status, 'COMPLETED');
    assert.equal(recipients.length, 100);
    assert.ok(recipients.every((r) => r.outcome === 'INVITED'));
    assert.ok(people.every((id) => e2e.fake.channel(channel)!.members.includes(id)), 'everyone is in the channel');
    const final = e2e.fake.callsTo('views.update').filter((c) => c.args.view_id === opened.id).at(-1)!;
    assert.match(JSON.stringify((final.args.view as { blocks: unknown[] }).blocks), /Added: 100 · Already members: 0 · Not added: 0/);
  });
});

describe('/invite-private with PRIVATE_INVITE_METHOD=groups.invite', () => {
  const e2e = useE2E({ PRIVATE_INVITE_METHOD: 'groups.invite' });

  async function send(users: string[]) {
    const channel = privateChannel(e2e, [alice, bot]);
    const opened = await e2e.openModal('/invite-private', { user: alice, channel });
    const settled = await submitAndSettle(e2e, opened, form(channel, users));
    return { channel, ...settled };
  }

  it('explains that Slack retired groups.invite, stops at the first answer, and asks the operator to switch', async () => {
    const { channel, text, invite, recipients } = await send([bob, carol]);
    const calls = inviteCalls(e2e, 'groups.invite');
    assert.equal(calls.length, 1, 'a retired method is not called again for each person');
    assert.deepEqual(calls[0]!.args, { channel, user: bob });
    assert.equal(inviteCalls(e2e).length, 0, 'conversations.invite is not used in this mode');
    assert.equal(invite!.method, 'groups.invite');
    assert.equal(invite!.status, 'FAILED');
    assert.equal(invite!.error_code, 'method_deprecated');
    assert.deepEqual(recipients.map((r) => [r.user_id, r.error_code]), [[bob, 'method_deprecated'], [carol, 'method_deprecated']]);
    for (const user of [bob, carol]) {
      assert.match(lineFor(text, user), /Ask whoever runs Connect Invites to switch the app to conversations\.invite mode/);
    }
  });

  it("explains user_is_bot when the old method still answers, but not to the app's bot token", async () => {
    e2e.fake.setGroupsInviteRetired(false);
    const before = inviteCalls(e2e, 'groups.invite').length;
    const { text, invite, recipients } = await send([carol]);
    const [call] = inviteCalls(e2e, 'groups.invite').slice(before);
    assert.equal(call!.token, WORLD.tokens.bot);
    assert.equal((call!.response as { error: string }).error, 'user_is_bot');
    assert.equal(invite!.error_code, 'user_is_bot');
    assert.deepEqual(recipients, [{ user_id: carol, outcome: 'FAILED', error_code: 'user_is_bot' }]);
    assert.match(lineFor(text, carol), /Slack doesn't let apps do this/);
    assert.match(lineFor(text, carol), /switch the app to conversations\.invite mode/);
  });
});
