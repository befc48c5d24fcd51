// /share-channel end to end: signed command -> modal -> submission -> the exact
// conversations.inviteShared arguments -> the modal's outcome -> the database row.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useE2E, WORLD, type E2E } from '../helpers/e2e.js';
import { shareChannelValues, slashCommand, type OpenedView, type StateValues } from '../helpers/slack-payloads.js';
import { manyMemberIds, type RecordedCall } from '../helpers/fake-slack.js';
import { validateView } from '../helpers/fake-slack-blocks.js';
import { until } from '../helpers/until.js';

const B = { channel: 'share_channel.channel', email: 'share_channel.email', user: 'share_channel.user', file: 'share_channel.file', limited: 'share_channel.limited' };
const { alice, bob, carol, ext } = WORLD.users;
const PARTNER = WORLD.emails.ext;

const form = shareChannelValues;

interface InviteRow {
  status: string;
  kind: string;
  method: string;
  team_id: string;
  requester_user_id: string;
  channel_id: string;
  channel_name: string | null;
  invitee_email: string | null;
  invitee_user_id: string | null;
  external_limited: boolean;
  slack_invite_id: string | null;
  is_legacy_shared_channel: boolean | null;
  join_url: string | null;
  conf_code: string | null;
  error_code: string | null;
  error_detail: string | null;
  retry_after_seconds: number | null;
  attempts: number;
}

async function rowFor(e2e: E2E, opened: OpenedView): Promise<InviteRow | undefined> {
  const rows = await e2e.db.query<InviteRow & Record<string, unknown>>('SELECT * FROM invites WHERE idempotency_key = $1', [opened.id]);
  assert.ok(rows.length <= 1);
  return rows[0];
}

/** Sends the form and waits for the modal to show the final outcome. */
async function submitAndSettle(e2e: E2E, opened: OpenedView, values: StateValues, user: string = alice) {
  const ack = await e2e.submit(opened, values, user);
  assert.equal(ack.status, 200);
  assert.equal(ack.json?.response_action, 'update', `expected an update, got ${ack.text}`);
  assert.equal(ack.json.view.title.text, 'Sending invitation');
  const update = await e2e.fake.waitForCall('views.update', (c) => c.args.view_id === opened.id, 10_000);
  const view = update.args.view as { title: { text: string }; blocks: unknown[] };
  return { ack, view, text: JSON.stringify(view.blocks), row: (await rowFor(e2e, opened))! };
}

function inviteCalls(e2e: E2E): RecordedCall[] {
  return e2e.fake.callsTo('conversations.inviteShared');
}

describe('/share-channel', () => {
  const e2e = useE2E({ SLACK_INVITE_TIMEOUT_MS: '400' });

  describe('the command', () => {
    it('acknowledges at once and opens the form, pre-filled with the channel, limited by default', async () => {
      const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
      assert.equal(opened.view.callback_id, 'share_channel');
      const blocks = opened.view.blocks as Array<{ block_id?: string; element?: Record<string, any> }>;
      const byId = Object.fromEntries(blocks.filter((b) => b.block_id).map((b) => [b.block_id, b.element]));
      assert.equal(byId[B.channel]!.type, 'conversations_select');
      assert.equal(byId[B.channel]!.initial_conversation, WORLD.channels.public);
      assert.equal(byId[B.email]!.type, 'plain_text_input', 'one address or a list');
      assert.equal(byId[B.email]!.multiline, true);
      assert.equal(byId[B.user]!.type, 'multi_users_select');
      assert.equal(byId[B.file]!.type, 'file_input');
      assert.equal(byId[B.limited]!.type, 'checkboxes');
      assert.deepEqual(byId[B.limited]!.initial_options.map((o: { value: string }) => o.value), ['limited']);
      const limitedBlock = blocks.find((b) => b.block_id === B.limited) as { hint: { text: string } };
      assert.match(limitedBlock.hint.text, /cannot invite others, export the history, or change the channel’s visibility, topic or name/);
    });

    it('pre-fills an email address or a mentioned person typed after the command', async () => {
      const byEmail = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public, text: `<mailto:${PARTNER}|${PARTNER}>` });
      assert.match(JSON.stringify(byEmail.view), new RegExp(`"initial_value":"${PARTNER}"`));
      const byUser = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public, text: `<@${ext}|partner>` });
      assert.match(JSON.stringify(byUser.view), new RegExp(`"initial_users":\\["${ext}"\\]`));
    });

    it('names each request in its log lines: its own request ID, the team, the person and the command', async () => {
      e2e.fake.failNext('views.open', 'expired_trigger_id', { times: 2 });
      const seen = e2e.app.logs.length;
      for (const user of [alice, bob]) {
        const res = await e2e.app.send(slashCommand({ command: '/share-channel', userId: user, teamId: WORLD.teamId, channelId: WORLD.channels.public }));
        assert.equal(res.status, 200);
      }
      const failures = await until('both failures logged', () => {
        const lines = e2e.app.logs.slice(seen).filter((l) => l.msg === 'could not open the form');
        return lines.length === 2 ? lines : undefined;
      }, 5000);
      assert.deepEqual(failures.map((l) => [l.userId, l.teamId, l.route, l.kind, l.code]), [
        [alice, WORLD.teamId, '/share-channel', 'slash_command', 'expired_trigger_id'],
        [bob, WORLD.teamId, '/share-channel', 'slash_command', 'expired_trigger_id'],
      ]);
      assert.match(String(failures[0]!.requestId), /^[0-9a-f-]{36}$/);
      assert.notEqual(failures[0]!.requestId, failures[1]!.requestId);
    });

    it('does not offer a direct message as the default channel', async () => {
      const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.im });
      assert.ok(!JSON.stringify(opened.view).includes('initial_conversation'));
    });
  });

  describe('sending', () => {
    it('invites by email, limited: exact arguments, outcome in the modal, the record', async () => {
      const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
      const before = inviteCalls(e2e).length;
      const { view, text, row } = await submitAndSettle(e2e, opened, form({ channel: WORLD.channels.public, email: PARTNER }));
      const calls = inviteCalls(e2e).slice(before);
      assert.equal(calls.length, 1);
      assert.deepEqual(calls[0]!.args, { channel: WORLD.channels.public, emails: [PARTNER], external_limited: true });
      const inviteId = (calls[0]!.response as { invite_id: string }).invite_id;
      assert.equal(view.title.text, 'Invitation sent');
      assert.ok(text.includes(inviteId), 'the modal shows the invite ID');
      assert.ok(text.includes(`<#${WORLD.channels.public}>`) && text.includes(PARTNER));
      assert.ok(!text.includes('Join link'), 'limited invites carry no join link');
      assert.equal(row.status, 'AWAITING_ACCEPTANCE');
      assert.equal(row.kind, 'SLACK_CONNECT');
      assert.equal(row.method, 'conversations.inviteShared');
      assert.equal(row.team_id, WORLD.teamId);
      assert.equal(row.requester_user_id, alice);
      assert.equal(row.channel_id, WORLD.channels.public);
      assert.equal(row.channel_name, 'project-x');
      assert.equal(row.invitee_email, PARTNER);
      assert.equal(row.invitee_user_id, null);
      assert.equal(row.external_limited, true);
      assert.equal(row.slack_invite_id, inviteId);
      assert.equal(row.is_legacy_shared_channel, false);
      assert.equal(row.join_url, null);
      assert.equal(row.attempts, 1);
    });

    it('invites a connected person, not limited: sends external_limited=false and shows the join link and code', async () => {
      const opened = await e2e.openModal('/share-channel', { user: bob, channel: WORLD.channels.public });
      const before = inviteCalls(e2e).length;
      const { view, text, row } = await submitAndSettle(e2e, opened, form({ channel: WORLD.channels.public, user: ext, limited: false }), bob);
      const [call] = inviteCalls(e2e).slice(before);
      assert.deepEqual(call!.args, { channel: WORLD.channels.public, user_ids: [ext], external_limited: false });
      const response = call!.response as { invite_id: string; url: string; conf_code: string };
      assert.ok(response.url && response.conf_code, 'the fake returns url and conf_code for full invites');
      assert.equal(view.title.text, 'Invitation sent');
      assert.ok(text.includes(response.url) && text.includes(response.conf_code));
      assert.equal(row.invitee_user_id, ext);
      assert.equal(row.external_limited, false);
      assert.equal(row.join_url, response.url);
      assert.equal(row.conf_code, response.conf_code);
      assert.equal(row.slack_invite_id, response.invite_id);
    });

    it('sends one invitation for the same submission delivered twice', async () => {
      const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
      const before = inviteCalls(e2e).length;
      const values = form({ channel: WORLD.channels.public, email: 'twice@partner.example' });
      await submitAndSettle(e2e, opened, values);
      const again = await e2e.submit(opened, values, alice);
      assert.equal(again.json?.response_action, 'update');
      assert.equal(again.json.view.title.text, 'Invitation sent', 'the repeat shows the recorded outcome');
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(inviteCalls(e2e).length - before, 1);
      const rows = await e2e.db.query('SELECT id FROM invites WHERE idempotency_key = $1', [opened.id]);
      assert.equal(rows.length, 1);
    });

    it('sends the outcome as a direct message when the modal was closed meanwhile', async () => {
      const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
      e2e.fake.failNext('views.update', 'not_found');
      await e2e.submit(opened, form({ channel: WORLD.channels.public, email: 'closed@partner.example' }), alice);
      const dm = await e2e.fake.waitForCall('chat.postMessage', (c) => c.args.channel === alice);
      assert.match(JSON.stringify(dm.args.blocks), /closed@partner\.example/);
      assert.equal((await rowFor(e2e, opened))!.status, 'AWAITING_ACCEPTANCE');
    });
  });

  describe('inline validation: nothing is sent or recorded', () => {
    const cases: Array<[string, { user?: string; values: Parameters<typeof form>[0]; block: string; message: RegExp }]> = [
      ['no invitee', { values: { channel: WORLD.channels.public }, block: B.email, message: /email address, or choose a person/ }],
      ['a list with a line that is not an email', { values: { channel: WORLD.channels.public, email: `${PARTNER}\nsecond@partner.example\npartner@` }, block: B.email, message: /Line 3.*partner@/ }],
      ['an email that is not an email', { values: { channel: WORLD.channels.public, email: 'partner@' }, block: B.email, message: /does not look like an email/ }],
      ['the requester themself', { values: { channel: WORLD.channels.public, user: alice }, block: B.user, message: /cannot invite yourself/ }],
      ['the requester’s own email', { values: { channel: WORLD.channels.public, email: WORLD.emails.alice.toUpperCase() }, block: B.email, message: /your own email/ }],
      ['a direct message', { values: { channel: WORLD.channels.im, email: PARTNER }, block: B.channel, message: /Direct messages cannot be shared/ }],
      ['a group direct message', { values: { channel: WORLD.channels.mpim, email: PARTNER }, block: B.channel, message: /Direct messages cannot be shared/ }],
      ['an archived channel', { values: { channel: WORLD.channels.archived, email: PARTNER }, block: B.channel, message: /archived/ }],
      ['#general', { values: { channel: WORLD.channels.general, email: PARTNER }, block: B.channel, message: /everyone in the workspace/ }],
      ['a channel the requester is not in', { user: carol, values: { channel: WORLD.channels.public, email: PARTNER }, block: B.channel, message: /not a member of #project-x/ }],
      ['a channel the app is not in', { values: { channel: WORLD.channels.noBot, email: PARTNER }, block: B.channel, message: /\/invite @Connect Invites/ }],
      ['a private channel the app cannot see', { values: { channel: WORLD.channels.privateNoBot, email: PARTNER }, block: B.channel, message: /cannot see this channel/ }],
      ['a colleague from the same workspace', { values: { channel: WORLD.channels.noBot, user: carol }, block: B.channel, message: /./ }],
      ['a colleague already in the channel', { values: { channel: WORLD.channels.public, user: bob }, block: B.user, message: /own workspace/ }],
    ];
    for (const [name, c] of cases) {
      it(`refuses ${name}`, async () => {
        const opened = await e2e.openModal('/share-channel', { user: c.user ?? alice, channel: WORLD.channels.public });
        const before = inviteCalls(e2e).length;
        const ack = await e2e.submit(opened, form(c.values), c.user ?? alice);
        assert.equal(ack.status, 200);
        assert.equal(ack.json?.response_action, 'errors', ack.text);
        assert.deepEqual(Object.keys(ack.json.errors), [c.block]);
        assert.match(ack.json.errors[c.block], c.message);
        assert.equal(inviteCalls(e2e).length, before, 'nothing sent to Slack');
        assert.equal(await rowFor(e2e, opened), undefined, 'nothing recorded');
      });
    }

    it('fails closed when Slack answers the membership look-up with an error', async () => {
      const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
      e2e.fake.failNext('conversations.members', 'internal_error');
      const ack = await e2e.submit(opened, form({ channel: WORLD.channels.public, email: PARTNER }), alice);
      assert.equal(ack.json?.response_action, 'errors');
      assert.match(ack.json.errors[B.channel], /Could not check this channel/);
      assert.ok(ack.ms < 3000, `acknowledged in ${ack.ms} ms`);
      assert.equal(await rowFor(e2e, opened), undefined);
    });
  });

  describe('a channel of 10,000 members, and checks that outlast the acknowledgement', () => {
    let bigChannels = 0;
    /** A public channel of 10,000 members (plus `extra`) of its own for each test: nothing cached from another. */
    function bigChannel(extra: string[]): { id: string; name: string } {
      bigChannels += 1;
      const channel = { id: `C0BIG${bigChannels}`, name: `everyone-${bigChannels}` };
      e2e.fake.addChannel({ ...channel, members: [...manyMemberIds(10_000, `U0B${bigChannels}`), ...extra, WORLD.users.bot] });
      return channel;
    }
    const lookupsOf = (method: string, channelOrUser: string, since: number) =>
      e2e.fake.calls.slice(since).filter((c) => c.method === method && (c.args.channel === channelOrUser || c.args.user === channelOrUser));

    it("shares it when the requester is a member: one look-up of the requester's channels, never the channel's 10 pages, sent once", async () => {
      const big = bigChannel([alice]);
      const opened = await e2e.openModal('/share-channel', { user: alice, channel: big.id });
      const since = e2e.fake.calls.length;
      const { view, row } = await submitAndSettle(e2e, opened, form({ channel: big.id, email: 'big@partner.example' }));
      assert.equal(view.title.text, 'Invitation sent');
      assert.equal(lookupsOf('conversations.members', big.id, since).length, 0, 'the channel is not paged');
      assert.deepEqual(lookupsOf('users.conversations', alice, since).map((c) => c.args), [{ user: alice, types: 'public_channel,private_channel', limit: 1000 }]);
      assert.deepEqual(lookupsOf('conversations.info', big.id, since).map((c) => c.args), [{ channel: big.id, include_num_members: true }]);
      const sent = inviteCalls(e2e).filter((c) => c.args.channel === big.id);
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0]!.args, { channel: big.id, emails: ['big@partner.example'], external_limited: true });
      assert.equal(row.status, 'AWAITING_ACCEPTANCE');
      assert.equal(row.channel_name, big.name);
    });

    it('refuses it, saying why, when the requester is not a member: nothing recorded or sent', async () => {
      const big = bigChannel([]);
      const opened = await e2e.openModal('/share-channel', { user: carol, channel: big.id });
      const since = e2e.fake.calls.length;
      const ack = await e2e.submit(opened, form({ channel: big.id, email: 'nope@partner.example' }), carol);
      assert.equal(ack.json?.response_action, 'errors', ack.text);
      assert.equal(ack.json.errors[B.channel], `You are not a member of #${big.name}. Only its members can invite people into it.`);
      assert.equal(lookupsOf('users.conversations', carol, since).length, 1);
      assert.equal(lookupsOf('conversations.members', big.id, since).length, 0);
      assert.equal(inviteCalls(e2e).filter((c) => c.args.channel === big.id).length, 0, 'nothing sent');
      assert.equal(await rowFor(e2e, opened), undefined, 'nothing recorded');
    });

    it('answers "Checking…" at once when the checks take longer, then sends once they pass', async () => {
      const big = bigChannel([alice]);
      const opened = await e2e.openModal('/share-channel', { user: alice, channel: big.id });
      e2e.fake.delayNext('users.conversations', 3000); // past the acknowledgement's 1.8 s, within the call's 5 s
      const ack = await e2e.submit(opened, form({ channel: big.id, email: 'patient@partner.example' }), alice);
      assert.equal(ack.json?.response_action, 'update', ack.text);
      assert.equal(ack.json.view.title.text, 'Checking');
      assert.deepEqual(validateView(ack.json.view, 'modal'), []);
      assert.match(JSON.stringify(ack.json.view.blocks), /Checking with Slack before inviting patient@partner\.example into <#C0BIG\d+>/);
      assert.equal(await rowFor(e2e, opened), undefined, 'nothing recorded while checking');
      assert.equal(inviteCalls(e2e).filter((c) => c.args.channel === big.id).length, 0, 'nothing sent while checking');

      const final = await e2e.fake.waitForCall('views.update', (c) => c.args.view_id === opened.id && (c.args.view as { title: { text: string } }).title.text === 'Invitation sent', 10_000);
      const updates = e2e.fake.callsTo('views.update').filter((c) => c.args.view_id === opened.id).map((c) => (c.args.view as { title: { text: string } }).title.text);
      assert.deepEqual(updates, ['Sending invitation', 'Invitation sent'], 'the modal follows it: sending, then sent');
      assert.ok(JSON.stringify(final.args.view).includes('patient@partner.example'));
      assert.equal(inviteCalls(e2e).filter((c) => c.args.channel === big.id).length, 1, 'sent once');
      assert.equal((await rowFor(e2e, opened))!.status, 'AWAITING_ACCEPTANCE');
    });

    it('shows a refusal found after "Checking…" in the form again, as filled in, and lets it be sent once fixed', async () => {
      const big = bigChannel([]);
      const opened = await e2e.openModal('/share-channel', { user: carol, channel: big.id });
      e2e.fake.delayNext('users.conversations', 3000);
      const values = form({ channel: big.id, email: 'later@partner.example', limited: false });
      const ack = await e2e.submit(opened, values, carol);
      assert.equal(ack.json?.view?.title?.text, 'Checking', ack.text);

      const update = await e2e.fake.waitForCall('views.update', (c) => c.args.view_id === opened.id, 10_000);
      const again = update.args.view as { callback_id: string; submit?: { text: string }; blocks: Array<{ block_id?: string; text?: { text: string }; element?: Record<string, unknown> }> };
      assert.equal((update.response as { ok: boolean }).ok, true, JSON.stringify(update.response));
      assert.equal(again.callback_id, 'share_channel', 'the form itself, to send again');
      assert.equal(again.submit?.text, 'Send invitation');
      assert.equal(again.blocks[0]!.text!.text, `:warning: *Nothing was sent.* You are not a member of #${big.name}. Only its members can invite people into it.`);
      const byId = Object.fromEntries(again.blocks.filter((b) => b.block_id).map((b) => [b.block_id, b.element]));
      assert.equal(byId[B.channel]!.initial_conversation, big.id);
      assert.equal(byId[B.email]!.initial_value, 'later@partner.example');
      assert.equal(byId[B.limited]!.initial_options, undefined, 'full access, as chosen');
      assert.equal(await rowFor(e2e, opened), undefined, 'nothing recorded');
      assert.equal(inviteCalls(e2e).filter((c) => c.args.channel === big.id).length, 0, 'nothing sent');

      // Carol joins the channel and sends the same form again: it goes.
      e2e.fake.channel(big.id)!.members.push(carol);
      const resent = await e2e.submit(e2e.fake.view(opened.id)!, values, carol);
      assert.equal(resent.json?.response_action, 'update', resent.text);
      assert.equal(resent.json.view.title.text, 'Sending invitation');
      await e2e.fake.waitForCall('views.update', (c) => c.args.view_id === opened.id && (c.args.view as { title: { text: string } }).title.text === 'Invitation sent', 10_000);
      const row = (await rowFor(e2e, opened))!;
      assert.equal(row.status, 'AWAITING_ACCEPTANCE');
      assert.equal(row.external_limited, false);
      assert.equal(inviteCalls(e2e).filter((c) => c.args.channel === big.id).length, 1);
    });

    it('fails closed when a look-up fails after "Checking…", and says so in the modal', async () => {
      const big = bigChannel([alice]);
      const opened = await e2e.openModal('/share-channel', { user: alice, channel: big.id });
      e2e.fake.delayNext('conversations.info', 3000);
      e2e.fake.failNext('users.conversations', 'internal_error');
      const ack = await e2e.submit(opened, form({ channel: big.id, email: 'failed@partner.example' }), alice);
      assert.equal(ack.json?.view?.title?.text, 'Checking', ack.text);
      const update = await e2e.fake.waitForCall('views.update', (c) => c.args.view_id === opened.id, 10_000);
      const again = update.args.view as { callback_id: string; blocks: Array<{ text?: { text: string } }> };
      assert.equal(again.callback_id, 'share_channel');
      assert.equal(again.blocks[0]!.text!.text, ':warning: *Nothing was sent.* Could not check this channel with Slack just now, so nothing was sent. Try again in a moment.');
      assert.equal(await rowFor(e2e, opened), undefined, 'nothing recorded');
      assert.equal(inviteCalls(e2e).filter((c) => c.args.channel === big.id).length, 0, 'nothing sent');
    });
  });

  describe('when Slack says no', () => {
    async function failWith(setup: () => void, email: string) {
      const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
      setup();
      return submitAndSettle(e2e, opened, form({ channel: WORLD.channels.public, email }));
    }

    it('explains an admin restriction (restricted_action): who acts is a workspace admin', async () => {
      const { view, text, row } = await failWith(() => e2e.fake.failNext('conversations.inviteShared', 'restricted_action'), 'r@partner.example');
      assert.equal(view.title.text, 'Invitation not sent');
      assert.match(text, /Manage permissions for inviting people to channels/);
      assert.match(text, /What to do next\*\\nAsk a workspace admin or owner to allow this kind of invitation/);
      assert.doesNotMatch(text, /can: /, 'one voice: no "X can:" label before what to do');
      assert.match(text, /restricted_action/);
      assert.equal(row.status, 'FAILED');
      assert.equal(row.error_code, 'restricted_action');
      assert.equal(row.slack_invite_id, null);
    });

    it('explains a missing scope, naming it: who acts is the operator', async () => {
      const { text, row } = await failWith(
        () => e2e.fake.failNext('conversations.inviteShared', 'missing_scope', { extra: { needed: 'conversations.connect:write', provided: 'commands' } }),
        'm@partner.example',
      );
      assert.match(text, /conversations\.connect:write/);
      assert.match(text, /What to do next\*\\nAsk whoever runs Connect Invites to reinstall the app to the workspace with the \\"conversations\.connect:write\\" permission/);
      assert.equal(row.error_code, 'missing_scope');
      assert.equal(row.error_detail, 'conversations.connect:write');
    });

    it('waits out a short rate limit and sends once it passes', async () => {
      const before = inviteCalls(e2e).length;
      const { view, row } = await failWith(() => e2e.fake.rateLimitNext('conversations.inviteShared', 1), 'wait@partner.example');
      assert.equal(view.title.text, 'Invitation sent');
      const calls = inviteCalls(e2e).slice(before);
      assert.deepEqual(calls.map((c) => c.httpStatus), [429, 200]);
      assert.equal(row.status, 'AWAITING_ACCEPTANCE');
      assert.equal(row.attempts, 1);
    });

    it('defers the invitation past a long rate limit, saying when it goes: nothing for the person to do', async () => {
      const before = inviteCalls(e2e).length;
      const { view, text, row } = await failWith(() => e2e.fake.rateLimitNext('conversations.inviteShared', 600), 'later@partner.example');
      assert.equal(view.title.text, 'Waiting for Slack');
      assert.match(text, /goes at <!date\^\d+\^\{time\}\|\d\d:\d\d UTC>/);
      assert.match(text, /Nothing to do/);
      assert.equal(row.status, 'RECORDED', 'kept, to be sent once the limit has passed (test/reliability/rate-limits.test.ts)');
      assert.equal(row.error_code, 'ratelimited');
      assert.equal(row.retry_after_seconds, 600);
      assert.deepEqual(inviteCalls(e2e).slice(before).map((c) => c.httpStatus), [429], 'not sent again meanwhile');
    });

    it('tries a Slack outage (HTTP 503) again a bounded number of times, then explains it', async () => {
      const before = inviteCalls(e2e).length;
      const { text, row } = await failWith(() => e2e.fake.serverErrorNext('conversations.inviteShared', 503, { times: 3 }), 'down@partner.example');
      assert.deepEqual(inviteCalls(e2e).slice(before).map((c) => c.httpStatus), [503, 503, 503], 'three tries, seconds apart, then an answer');
      assert.equal(row.status, 'FAILED');
      assert.equal(row.error_code, 'slack_http_error');
      assert.equal(row.error_detail, 'HTTP 503');
      assert.match(text, /slack_http_error/);
    });

    it('sends once when a try after a passing outage succeeds', async () => {
      const before = inviteCalls(e2e).length;
      const { view, row } = await failWith(() => e2e.fake.serverErrorNext('conversations.inviteShared', 502), 'blip@partner.example');
      assert.equal(view.title.text, 'Invitation sent');
      assert.deepEqual(inviteCalls(e2e).slice(before).map((c) => c.httpStatus), [502, 200]);
      assert.equal(row.status, 'AWAITING_ACCEPTANCE');
      assert.equal(e2e.fake.connectInvites.filter((i) => i.email === 'blip@partner.example').length, 1);
    });

    it('tries again after a dropped connection, and sends once', async () => {
      const before = inviteCalls(e2e).length;
      const { view, row } = await failWith(() => e2e.fake.dropNext('conversations.inviteShared'), 'dropped@partner.example');
      assert.equal(view.title.text, 'Invitation sent');
      assert.deepEqual(inviteCalls(e2e).slice(before).map((c) => c.httpStatus), [0, 200], 'the dropped try, then one that was answered');
      assert.equal(row.status, 'AWAITING_ACCEPTANCE');
      assert.equal(e2e.fake.connectInvites.filter((i) => i.email === 'dropped@partner.example').length, 1);
    });

    it('never invites twice when a try times out but reached Slack', async () => {
      const { view, row } = await failWith(() => e2e.fake.delayNext('conversations.inviteShared', 1500), 'slow@partner.example');
      assert.equal(view.title.text, 'Invitation sent');
      assert.equal(row.status, 'AWAITING_ACCEPTANCE');
      await new Promise((r) => setTimeout(r, 1200)); // the slow first try lands too
      const invites = e2e.fake.connectInvites.filter((i) => i.email === 'slow@partner.example');
      assert.equal(invites.length, 1, 'one invitation in Slack');
      assert.equal(row.slack_invite_id, invites[0]!.id);
    });

    it('leaves an invitation Slack never confirmed for recovery to check, and says so', async () => {
      const { view, text, row } = await failWith(() => e2e.fake.delayNext('conversations.inviteShared', 1500, { times: 3 }), 'silent@partner.example');
      assert.equal(view.title.text, 'Not confirmed yet');
      assert.match(text, /will check with Slack and let you know/);
      assert.equal(row.status, 'SENDING');
      assert.equal(row.error_code, 'slack_timeout');
      const [lease] = await e2e.db.query<{ lease_expires_at: Date }>('SELECT lease_expires_at FROM invites WHERE invitee_email = $1', ['silent@partner.example']);
      assert.ok(lease!.lease_expires_at > new Date(), 'held under a lease until recovery may check');
    });

    it('shows an undocumented code with a sensible fallback', async () => {
      const { text, row } = await failWith(() => e2e.fake.failNext('conversations.inviteShared', 'brand_new_error'), 'new@partner.example');
      assert.match(text, /brand_new_error/);
      assert.equal(row.error_code, 'brand_new_error');
    });
  });

  describe('when the database is down', () => {
    it('tells the person and sends nothing to Slack', async () => {
      const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
      const before = inviteCalls(e2e).length;
      await e2e.db.drop();
      const ack = await e2e.submit(opened, form({ channel: WORLD.channels.public, email: PARTNER }), alice);
      assert.equal(ack.json?.response_action, 'errors', ack.text);
      assert.match(ack.json.errors[B.channel], /nothing was sent/i);
      assert.ok(ack.ms < 3000, `acknowledged in ${ack.ms} ms`);
      assert.equal(inviteCalls(e2e).length, before);
    });
  });
});
