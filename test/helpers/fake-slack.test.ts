import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { ErrorCode, WebClient } from '@slack/web-api';
import { allBotScopes, FakeSlack, manyMemberIds, WORLD } from './fake-slack.js';
import { errorCode, fakeClient, silentLogger, slackError, type ErrorData as Data } from './web-api-errors.js';

// ------------------------------------------------------------------ helpers

const client = fakeClient;

async function raw(
  fake: FakeSlack,
  path: string,
  body: string | undefined,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const base = fake.url.replace(/\/api\/$/, '');
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = body;
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: JSON.parse(text) as Record<string, unknown> };
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

const goodModal = () => ({
  type: 'modal',
  callback_id: 'share_channel',
  title: { type: 'plain_text', text: 'Share a channel' },
  submit: { type: 'plain_text', text: 'Invite' },
  close: { type: 'plain_text', text: 'Cancel' },
  private_metadata: JSON.stringify({ channel: 'C0PUBLIC' }),
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: 'Invite a partner' } },
    { type: 'section', block_id: 'intro', text: { type: 'mrkdwn', text: '*Slack Connect* invite' } },
    {
      type: 'input',
      block_id: 'email',
      label: { type: 'plain_text', text: 'Email' },
      element: { type: 'email_text_input', action_id: 'email' },
    },
    {
      type: 'input',
      block_id: 'channel',
      label: { type: 'plain_text', text: 'Channel' },
      element: { type: 'conversations_select', action_id: 'channel', filter: { include: ['public', 'private'] } },
    },
    {
      type: 'input',
      block_id: 'limited',
      optional: true,
      label: { type: 'plain_text', text: 'Permissions' },
      element: {
        type: 'checkboxes',
        action_id: 'limited',
        options: [{ text: { type: 'plain_text', text: 'Limited' }, value: 'limited' }],
        initial_options: [{ text: { type: 'plain_text', text: 'Limited' }, value: 'limited' }],
      },
    },
    { type: 'divider' },
    {
      type: 'actions',
      elements: [
        { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Refresh' }, value: 'x' },
        { type: 'button', action_id: 'b', text: { type: 'plain_text', text: 'Help' }, url: 'https://example.com' },
      ],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Invites expire after 14 days' }] },
  ],
});

// ------------------------------------------------------------------ tests

// These tests are about the fake's methods, not the app's scopes or Slack's rate limits: the bot
// token holds every scope the fake knows and nothing is rate limited. Scopes and limits have
// their own tests below.
describe('FakeSlack', () => {
  let fake: FakeSlack;
  let bot: WebClient;
  let user: WebClient;

  beforeEach(async () => {
    fake = await FakeSlack.start({ scopes: allBotScopes(), rateLimits: 'off' });
    fake.seedDefaultWorld();
    bot = client(fake);
    user = client(fake, WORLD.tokens.user);
  });
  afterEach(async () => {
    await fake.stop();
  });

  describe('transport and auth', () => {
    it('answers auth.test through a real WebClient', async () => {
      const res = await bot.auth.test();
      assert.equal(res.ok, true);
      assert.equal(res.user_id, fake.botUserId);
      assert.equal(res.bot_id, fake.botId);
      assert.equal(res.team_id, fake.teamId);
      assert.equal(res.url, 'https://fake.slack.com/');
      assert.equal(res.is_enterprise_install, false);
      assert.equal(fake.url, `${fake.url.match(/^http:\/\/127\.0\.0\.1:\d+/)?.[0]}/api/`);
      const me = await user.auth.test();
      assert.equal(me.user_id, WORLD.users.admin);
    });

    it('checks tokens: none, unknown, revoked; never stores the token in args', async () => {
      assert.equal(await errorCode(client(fake, null).auth.test()), 'not_authed');
      assert.equal(await errorCode(client(fake, 'xoxb-nope').auth.test()), 'invalid_auth');
      fake.revokeToken(fake.botToken);
      assert.equal(await errorCode(bot.auth.test()), 'token_revoked');
      // token as a form parameter
      const r = await raw(fake, '/api/auth.test', `token=${WORLD.tokens.user}`, FORM);
      assert.equal(r.json.ok, true);
      assert.equal(r.json.user_id, WORLD.users.admin);
      const last = fake.calls.at(-1);
      assert.equal(last?.token, WORLD.tokens.user);
      assert.equal('token' in (last?.args ?? {}), false);
      assert.equal(fake.calls.length, 4);
      assert.deepEqual(fake.calls.map((c) => (c.response as { error?: string }).error), ['not_authed', 'invalid_auth', 'token_revoked', undefined]);
    });

    it('rejects bad transports', async () => {
      let r = await raw(fake, '/nope', '', FORM);
      assert.equal(r.status, 404);
      assert.equal(r.json.error, 'unknown_method');
      r = await raw(fake, '/api/no.such', 'a=1', { ...FORM, ...bearer(fake.botToken) });
      assert.equal(r.status, 200);
      assert.equal(r.json.error, 'unknown_method');
      // a Uint8Array body makes fetch send no content-type at all
      const res = await fetch(`${fake.url}auth.test`, { method: 'POST', body: new TextEncoder().encode('a=1') });
      assert.equal(((await res.json()) as { error: string }).error, 'missing_post_type');
      assert.equal(fake.calls.at(-1)?.contentType, undefined);
      r = await raw(fake, '/api/auth.test', 'a=1', { 'content-type': '' });
      assert.equal(r.json.error, 'missing_post_type');
      r = await raw(fake, '/api/auth.test', 'a=1', { 'content-type': 'text/xml' });
      assert.equal(r.json.error, 'invalid_post_type');
      r = await raw(fake, '/api/auth.test', '{"channel":"C1"}', FORM);
      assert.equal(r.json.error, 'invalid_form_data');
      r = await raw(fake, '/api/auth.test', 'a=%zz', FORM);
      assert.equal(r.json.error, 'invalid_form_data');
      r = await raw(fake, '/api/auth.test', '{nope', { 'content-type': 'application/json', ...bearer(fake.botToken) });
      assert.equal(r.json.error, 'invalid_form_data');
      r = await raw(fake, '/api/auth.test', 'a=1', { 'content-type': 'application/x-www-form-urlencoded; charset=klingon' });
      assert.equal(r.json.error, 'invalid_charset');
      r = await raw(fake, '/api/auth.test', `a=${'x'.repeat(1024 * 1024)}`, FORM);
      assert.equal(r.status, 413);
    });

    it('accepts JSON bodies with a bearer token, and ignores a token inside JSON', async () => {
      let r = await raw(fake, '/api/conversations.info', JSON.stringify({ channel: WORLD.channels.public }), {
        'content-type': 'application/json; charset=utf-8',
        ...bearer(fake.botToken),
      });
      assert.equal(r.json.ok, true);
      assert.equal((r.json.channel as { name: string }).name, 'project-x');
      assert.equal(fake.calls.at(-1)?.contentType, 'application/json; charset=utf-8');
      r = await raw(fake, '/api/auth.test', JSON.stringify({ token: fake.botToken }), { 'content-type': 'application/json' });
      assert.equal(r.json.error, 'not_authed');
    });

    it('parses array arguments from JSON arrays and comma lists, booleans strictly', async () => {
      const h = { ...FORM, ...bearer(fake.botToken) };
      let r = await raw(fake, '/api/conversations.invite', `channel=${WORLD.channels.public}&users=${WORLD.users.carol},${WORLD.users.admin}`, h);
      assert.equal(r.json.ok, true);
      assert.deepEqual(fake.calls.at(-1)?.args.users, [WORLD.users.carol, WORLD.users.admin]);
      r = await raw(fake, '/api/conversations.invite', `channel=${WORLD.channels.public}&users=${encodeURIComponent(JSON.stringify([WORLD.users.owner]))}`, h);
      assert.equal(r.json.ok, true);
      assert.deepEqual(fake.calls.at(-1)?.args.users, [WORLD.users.owner]);
      // WebClient JSON-encodes arrays
      await bot.conversations.inviteShared({ channel: WORLD.channels.public, emails: ['x@partner.example'] });
      assert.deepEqual(fake.calls.at(-1)?.args.emails, ['x@partner.example']);
      r = await raw(fake, '/api/conversations.invite', `channel=${WORLD.channels.public}&users=${WORLD.users.guest}&force=yes`, h);
      assert.equal(r.json.error, 'invalid_arguments');
      assert.equal(fake.calls.at(-1)?.args.force, 'yes');
      r = await raw(fake, '/api/conversations.inviteShared', `channel=${WORLD.channels.public}&emails=y@partner.example&external_limited=0`, h);
      assert.equal(r.json.ok, true);
      assert.equal(fake.calls.at(-1)?.args.external_limited, false);
      r = await raw(fake, '/api/conversations.invite', `channel=${WORLD.channels.public}&users[]=${WORLD.users.guest}`, h);
      assert.equal(r.json.error, 'invalid_array_arg');
    });
  });

  describe('conversations.inviteShared', () => {
    const share = (args: Record<string, unknown>) => bot.apiCall('conversations.inviteShared', args);
    const c = WORLD.channels;

    it('answers every documented error', async () => {
      const one = { emails: ['p@partner.example'] };
      assert.equal(await errorCode(share({ ...one })), 'invalid_arguments');
      assert.equal(await errorCode(share({ channel: 'C0NOPE', ...one })), 'channel_not_found');
      assert.equal(await errorCode(share({ channel: c.privateNoBot, ...one })), 'channel_not_found');
      assert.equal(await errorCode(share({ channel: c.im, ...one })), 'invalid_channel_type');
      assert.equal(await errorCode(share({ channel: c.mpim, ...one })), 'invalid_channel_type');
      assert.equal(await errorCode(share({ channel: c.archived, ...one })), 'channel_archived');
      assert.equal(await errorCode(share({ channel: c.general, ...one })), 'cannot_share_mandatory_channel');
      assert.equal(await errorCode(share({ channel: c.noBot, ...one })), 'not_in_channel');
      assert.equal(await errorCode(share({ channel: c.public })), 'recipients_not_specified');
      assert.equal(await errorCode(share({ channel: c.public, emails: [] })), 'recipients_not_specified');
      assert.equal(await errorCode(share({ channel: c.public, ...one, user_ids: [WORLD.users.ext] })), 'recipients_not_specified');
      assert.equal(await errorCode(share({ channel: c.public, emails: ['a@partner.example', 'b@partner.example'] })), 'too_many_emails');
      assert.equal(await errorCode(share({ channel: c.public, user_ids: [WORLD.users.ext, WORLD.users.carol] })), 'invalid_arguments');
      assert.equal(await errorCode(share({ channel: c.public, emails: ['not-an-email'] })), 'invalid_email');
      assert.equal(await errorCode(share({ channel: c.public, emails: ['a b@x.com'] })), 'invalid_email');
      assert.equal(await errorCode(share({ channel: c.public, user_ids: ['U0NOBODY'] })), 'user_not_found');
      assert.equal(await errorCode(share({ channel: c.public, user_ids: [WORLD.users.alice] })), 'already_in_channel');
      assert.equal(await errorCode(share({ channel: c.public, emails: ['ALICE@example.com'] })), 'already_in_channel');
      await share({ channel: c.public, emails: [WORLD.emails.ext] });
      assert.equal(await errorCode(share({ channel: c.public, emails: [WORLD.emails.ext] })), 'connection_limit_exceeded_pending');
      await share({ channel: c.public, user_ids: [WORLD.users.ext] });
      assert.equal(await errorCode(share({ channel: c.public, user_ids: [WORLD.users.ext] })), 'connection_limit_exceeded_pending');
      assert.equal(fake.connectInvites.length, 2);
    });

    // "This channel already has a pending invite." is all Slack documents; the fake models both
    // readings (FakeSlack.pendingInviteRule) and asserts neither as Slack's.
    it("'per-invitee' (the default): refuses a second pending invitation for the same channel and invitee only", async () => {
      assert.equal(fake.pendingInviteRule, 'per-invitee');
      await share({ channel: c.public, emails: [WORLD.emails.ext] });
      assert.equal(await errorCode(share({ channel: c.public, emails: [WORLD.emails.ext.toUpperCase()] })), 'connection_limit_exceeded_pending');
      assert.equal((await share({ channel: c.public, emails: ['other@partner.example'] })).ok, true, 'another invitee on the same channel');
      assert.equal((await share({ channel: c.private, emails: [WORLD.emails.ext] })).ok, true, 'the same invitee on another channel');
      assert.deepEqual(fake.connectInvites.map((i) => [i.channel, i.email]), [
        [c.public, WORLD.emails.ext],
        [c.public, 'other@partner.example'],
        [c.private, WORLD.emails.ext],
      ]);
    });

    it("'per-channel': refuses any new invitation to a channel that has one pending", async () => {
      fake.pendingInviteRule = 'per-channel';
      await share({ channel: c.public, emails: [WORLD.emails.ext] });
      assert.equal(await errorCode(share({ channel: c.public, emails: ['other@partner.example'] })), 'connection_limit_exceeded_pending');
      assert.equal(await errorCode(share({ channel: c.public, user_ids: [WORLD.users.ext] })), 'connection_limit_exceeded_pending');
      assert.equal(await errorCode(share({ channel: c.public, emails: [WORLD.emails.ext] })), 'connection_limit_exceeded_pending');
      assert.equal((await share({ channel: c.private, emails: ['other@partner.example'] })).ok, true, 'another channel is not affected');
      assert.equal(fake.connectInvites.length, 2);
      // an expired invitation is no longer pending
      const first = fake.connectInvites[0]!;
      first.dateInvalid = first.dateCreated;
      assert.equal((await share({ channel: c.public, emails: ['other@partner.example'] })).ok, true);
      const started = await FakeSlack.start({ pendingInviteRule: 'per-channel', rateLimits: 'off' });
      assert.equal(started.pendingInviteRule, 'per-channel', 'also a start option');
      await started.stop();
    });

    it('answers restricted_action for an invitation type the workspace does not let the app send', async () => {
      fake.connectInvitePermissions.full = false;
      assert.equal(await errorCode(share({ channel: c.public, emails: [WORLD.emails.ext], external_limited: false })), 'restricted_action');
      assert.equal((await share({ channel: c.public, emails: [WORLD.emails.ext] })).ok, true, 'limited (post-only) invitations still go');
      fake.connectInvitePermissions.limited = false;
      assert.equal(await errorCode(share({ channel: c.private, emails: [WORLD.emails.ext] })), 'restricted_action');
      assert.equal(fake.connectInvites.length, 1);
    });

    it('succeeds with and without external_limited', async () => {
      const before = Math.floor(Date.now() / 1000);
      const limited = await bot.conversations.inviteShared({ channel: c.private, emails: [WORLD.emails.ext] });
      assert.match(String(limited.invite_id), /^I[A-Z0-9]{10}$/);
      assert.equal(limited.is_legacy_shared_channel, false);
      assert.equal('url' in limited, false);
      assert.equal('conf_code' in limited, false);
      const full = await bot.conversations.inviteShared({ channel: c.public, user_ids: [WORLD.users.ext], external_limited: false });
      assert.match(String(full.url), /^https:\/\/join\.slack\.com\/share\//);
      assert.equal(typeof full.conf_code, 'string');
      const [a, b] = fake.connectInvites;
      assert.equal(a?.externalLimited, true);
      assert.equal(a?.email, WORLD.emails.ext);
      assert.equal(a?.channel, c.private);
      assert.ok((a?.dateCreated ?? 0) >= before);
      assert.equal((a?.dateInvalid ?? 0) - (a?.dateCreated ?? 0), 14 * 24 * 3600);
      assert.equal(b?.externalLimited, false);
      assert.equal(b?.userId, WORLD.users.ext);
      const info = await bot.conversations.info({ channel: c.public });
      assert.equal((info.channel as { is_pending_ext_shared?: boolean }).is_pending_ext_shared, true);
    });

    it('lists pending invites with cursor paging', async () => {
      for (let i = 0; i < 5; i++) await bot.conversations.inviteShared({ channel: c.public, emails: [`p${i}@partner.example`] });
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = (await bot.apiCall('conversations.listConnectInvites', { count: 2, ...(cursor ? { cursor } : {}) })) as Data;
        const invites = res.invites as Array<{ direction: string; invite: Record<string, unknown>; channel: Record<string, unknown> }>;
        pages += 1;
        for (const inv of invites) {
          assert.equal(inv.direction, 'outgoing');
          assert.equal(inv.channel.id, c.public);
          assert.equal(inv.channel.name, 'project-x');
          assert.equal(typeof inv.invite.date_created, 'number');
          assert.equal(typeof inv.invite.date_invalid, 'number');
          assert.equal((inv.invite.inviting_team as { id: string }).id, fake.teamId);
          assert.equal((inv.invite.inviting_user as { id: string }).id, fake.botUserId);
          seen.push(String(inv.invite.recipient_email));
        }
        cursor = (res.response_metadata as { next_cursor: string }).next_cursor || undefined;
      } while (cursor);
      assert.equal(pages, 3);
      assert.deepEqual(seen, [0, 1, 2, 3, 4].map((i) => `p${i}@partner.example`));
      assert.equal(await errorCode(bot.apiCall('conversations.listConnectInvites', { cursor: 'garbage' })), 'invalid_cursor');
    });
  });

  describe('conversations.invite', () => {
    const c = WORLD.channels;
    const u = WORLD.users;

    it('without force: all-or-nothing with per-user errors', async () => {
      const data = await slackError(bot.conversations.invite({ channel: c.public, users: [u.carol, 'U0NOBODY', u.alice, u.guest, u.bot].join(',') }));
      assert.equal(data.error, 'user_not_found');
      assert.deepEqual(data.errors, [
        { user: 'U0NOBODY', ok: false, error: 'user_not_found' },
        { user: u.alice, ok: false, error: 'already_in_channel' },
        { user: u.guest, ok: false, error: 'ura_max_channels' },
        { user: u.bot, ok: false, error: 'cant_invite_self' },
      ]);
      assert.deepEqual(fake.channel(c.public)?.members, [u.alice, u.bob, u.bot]);
      const single = await slackError(bot.conversations.invite({ channel: c.public, users: u.alice }));
      assert.equal(single.error, 'already_in_channel');
      assert.deepEqual(single.errors, [{ user: u.alice, ok: false, error: 'already_in_channel' }]);
    });

    it('with force: adds the valid users and reports the rest', async () => {
      const res = await bot.conversations.invite({ channel: c.public, users: [u.carol, u.guest, u.owner].join(','), force: true });
      assert.equal(res.ok, true);
      assert.equal((res.channel as { id: string }).id, c.public);
      assert.deepEqual(res.errors, [{ user: u.guest, ok: false, error: 'ura_max_channels' }]);
      assert.deepEqual(fake.channel(c.public)?.members, [u.alice, u.bob, u.bot, u.carol, u.owner]);
      const clean = await bot.conversations.invite({ channel: c.private, users: u.bob, force: true });
      assert.equal('errors' in clean, false);
      const allBad = await slackError(bot.conversations.invite({ channel: c.public, users: `${u.alice},${u.guest}`, force: true }));
      assert.equal(allBad.error, 'already_in_channel');
      assert.equal(allBad.errors?.length, 2);
    });

    it('checks the channel and the user list', async () => {
      const inv = (channel: string, users: string) => errorCode(bot.conversations.invite({ channel, users }));
      assert.equal(await inv(c.public, ''), 'no_user');
      assert.equal(await inv(c.public, Array.from({ length: 101 }, (_, i) => `U${i}`).join(',')), 'invalid_arguments');
      assert.equal(await inv('C0NOPE', u.carol), 'channel_not_found');
      assert.equal(await inv(c.privateNoBot, u.carol), 'channel_not_found');
      assert.equal(await inv(c.archived, u.carol), 'is_archived');
      assert.equal(await inv(c.im, u.carol), 'method_not_supported_for_channel_type');
      assert.equal(await inv(c.mpim, u.carol), 'method_not_supported_for_channel_type');
      assert.equal(await inv(c.noBot, u.carol), 'not_in_channel');
      assert.equal(await inv(c.public, u.ext), 'cant_invite');
      fake.addUser({ id: 'U0GONE', name: 'gone', deleted: true });
      assert.equal(await inv(c.public, 'U0GONE'), 'user_not_found');
      assert.equal((await bot.conversations.invite({ channel: c.public, users: u.otherBot })).ok, true);
    });
  });

  describe('groups.invite', () => {
    const c = WORLD.channels;
    const u = WORLD.users;
    const gi = (cl: WebClient, channel: string, userId: string) =>
      cl.apiCall('groups.invite', { channel, user: userId }) as Promise<Data>;

    it('is retired by default', async () => {
      assert.equal(await errorCode(gi(user, c.private, u.carol)), 'method_deprecated');
      assert.equal(await errorCode(gi(bot, c.private, u.carol)), 'method_deprecated');
    });

    it('follows groups.invite.txt when not retired', async () => {
      fake.setGroupsInviteRetired(false);
      assert.equal(await errorCode(gi(bot, c.private, u.carol)), 'user_is_bot');
      assert.equal(await errorCode(gi(user, c.private, u.carol)), 'channel_not_found'); // admin not a member
      fake.channel(c.private)?.members.push(u.admin);
      assert.equal(await errorCode(gi(user, c.public, u.carol)), 'channel_not_found');
      assert.equal(await errorCode(gi(user, 'G0NOPE', u.carol)), 'channel_not_found');
      assert.equal(await errorCode(gi(user, c.private, 'U0NOBODY')), 'user_not_found');
      assert.equal(await errorCode(gi(user, c.private, u.admin)), 'cant_invite_self');
      assert.equal(await errorCode(gi(user, c.private, u.guest)), 'ura_max_channels');
      const ok = await gi(user, c.private, u.carol);
      const group = ok.group as { id: string; is_group: boolean; members: string[] };
      assert.equal(group.id, c.private);
      assert.equal(group.is_group, true);
      assert.ok(group.members.includes(u.carol));
      const again = await gi(user, c.private, u.carol);
      assert.equal(again.ok, true);
      assert.equal(again.already_in_group, true);
      fake.addChannel({ id: 'G0OLD', name: 'old-private', isPrivate: true, isArchived: true, members: [u.admin] });
      assert.equal(await errorCode(gi(user, 'G0OLD', u.carol)), 'is_archived');
    });
  });

  describe('views', () => {
    it('rejects a 25-character title and 101 blocks, accepts a good modal', async () => {
      const longTitle = { ...goodModal(), title: { type: 'plain_text', text: 'x'.repeat(25) } };
      const d1 = await slackError(bot.views.open({ trigger_id: 't1', view: longTitle as never }));
      assert.equal(d1.error, 'invalid_arguments');
      const msgs1 = (d1.response_metadata as { messages: string[] }).messages;
      assert.ok(msgs1.some((m) => m.startsWith('[ERROR]') && m.includes('/view/title/text')), msgs1.join('\n'));

      const many = { ...goodModal(), blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) };
      const d2 = await slackError(bot.views.open({ trigger_id: 't1', view: many as never }));
      assert.ok((d2.response_metadata as { messages: string[] }).messages.some((m) => m.includes('/view/blocks]')));

      const res = await bot.views.open({ trigger_id: 't1', view: goodModal() as never });
      const view = res.view as { id: string; hash: string; callback_id: string };
      assert.match(view.id, /^V[A-Z0-9]{10}$/);
      assert.equal(view.callback_id, 'share_channel');
      assert.equal(fake.view(view.id)?.hash, view.hash);
      assert.equal(typeof fake.calls.at(-1)?.args.view, 'object');
    });

    it('catches other Block Kit mistakes', async () => {
      const open = (view: unknown) => slackError(bot.views.open({ trigger_id: 't', view: view as never }));
      const messages = async (view: unknown) => ((await open(view)).response_metadata as { messages: string[] }).messages.join('\n');
      const m = goodModal();
      assert.match(await messages({ ...m, submit: undefined }), /submit/);
      assert.match(await messages({ ...m, blocks: [{ type: 'divider', block_id: 'a' }, { type: 'divider', block_id: 'a' }] }), /must be unique/);
      assert.match(await messages({ ...m, blocks: [{ type: 'fancy' }] }), /unknown block type/);
      assert.match(await messages({ ...m, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }] }), /less than 3001/);
      assert.match(await messages({ ...m, blocks: [{ type: 'section', text: { type: 'markdown', text: 'x' } }] }), /plain_text, mrkdwn/);
      assert.match(await messages({ ...m, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '' } }] }), /more than 0/);
      assert.match(await messages({ ...m, blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }] }), /plain_text/);
      assert.match(
        await messages({ ...m, blocks: [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'x'.repeat(76) } }] }] }),
        /less than 76/,
      );
      const opt = (v: string) => ({ text: { type: 'plain_text', text: v }, value: v });
      assert.match(
        await messages({
          ...m,
          blocks: [{ type: 'input', label: { type: 'plain_text', text: 'L' }, element: { type: 'checkboxes', options: [opt('a')], initial_options: [opt('b')] } }],
        }),
        /must match one of the provided options/,
      );
      assert.match(await messages({ ...m, blocks: [{ type: 'input', label: { type: 'plain_text', text: 'L' }, element: { type: 'button', text: { type: 'plain_text', text: 'b' } } }] }), /not allowed here/);
      assert.match(
        await messages({
          ...m,
          blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'x', text: { type: 'plain_text', text: 'a' } }, { type: 'button', action_id: 'x', text: { type: 'plain_text', text: 'b' } }] }],
        }),
        /action_id "x" must be unique/,
      );
      assert.match(await messages({ ...m, private_metadata: 'x'.repeat(3001) }), /private_metadata/);
      assert.equal(await errorCode(bot.views.open({ trigger_id: 'expired-123', view: goodModal() as never })), 'expired_trigger_id');
      assert.equal(await errorCode(bot.apiCall('views.open', { view: goodModal() })), 'invalid_arguments');
    });

    it('updates with hash checks, publishes home tabs', async () => {
      const opened = (await bot.views.open({ trigger_id: 't', view: goodModal() as never })).view as { id: string; hash: string };
      const updated = (await bot.views.update({ view_id: opened.id, hash: opened.hash, view: goodModal() as never })).view as { id: string; hash: string };
      assert.equal(updated.id, opened.id);
      assert.notEqual(updated.hash, opened.hash);
      assert.equal(await errorCode(bot.views.update({ view_id: opened.id, hash: opened.hash, view: goodModal() as never })), 'hash_conflict');
      assert.equal(await errorCode(bot.views.update({ view_id: 'V0NOPE', view: goodModal() as never })), 'not_found');
      const pushed = await bot.views.push({ trigger_id: 't2', view: goodModal() as never });
      assert.equal(pushed.ok, true);

      const home = { type: 'home', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Connect Invites' } }] };
      const p1 = (await bot.views.publish({ user_id: WORLD.users.alice, view: home as never })).view as { hash: string };
      assert.equal(fake.homeView(WORLD.users.alice)?.type, 'home');
      assert.equal(await errorCode(bot.views.publish({ user_id: WORLD.users.alice, hash: 'stale', view: home as never })), 'hash_conflict');
      await bot.views.publish({ user_id: WORLD.users.alice, hash: p1.hash, view: home as never });
      assert.equal(await errorCode(bot.views.publish({ user_id: WORLD.users.alice, view: goodModal() as never })), 'invalid_arguments');
      // Slack's documented answer (views.publish docs example), not not_found
      const unknown = await slackError(bot.views.publish({ user_id: 'U0NOBODY', view: home as never }));
      assert.equal(unknown.error, 'invalid_arguments');
      assert.deepEqual((unknown.response_metadata as { messages: string[] }).messages, ['invalid `user_id`']);
    });
  });

  describe('other methods', () => {
    it('chat.postMessage, users.*, conversations.info/members', async () => {
      const dm = await bot.chat.postMessage({ channel: WORLD.users.alice, text: 'hi' });
      assert.equal(dm.channel, WORLD.channels.im);
      assert.equal(fake.messages[0]?.channel, WORLD.users.alice);
      assert.equal(fake.messages[0]?.dmUser, WORLD.users.alice);
      assert.equal(fake.messages[0]?.ts, dm.ts);
      await bot.chat.postMessage({ channel: WORLD.channels.public, text: 'fallback', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }] });
      assert.equal(fake.messages[1]?.blocks?.length, 1);
      assert.equal(await errorCode(bot.chat.postMessage({ channel: WORLD.channels.noBot, text: 'x' })), 'not_in_channel');
      assert.equal(await errorCode(bot.apiCall('chat.postMessage', { channel: WORLD.channels.public })), 'no_text');
      assert.equal(await errorCode(bot.chat.postMessage({ channel: WORLD.channels.public, text: 'x', blocks: [{ type: 'nope' } as never] })), 'invalid_blocks');

      const info = await bot.users.info({ user: WORLD.users.owner });
      const uo = info.user as Record<string, unknown>;
      assert.equal(uo.is_primary_owner, true);
      assert.equal((uo.profile as { email: string }).email, WORLD.emails.owner);
      assert.equal(await errorCode(bot.users.info({ user: 'U0NOBODY' })), 'user_not_found');
      assert.equal(((await bot.users.lookupByEmail({ email: WORLD.emails.bob })).user as { id: string }).id, WORLD.users.bob);
      assert.equal(await errorCode(bot.users.lookupByEmail({ email: 'nobody@example.com' })), 'users_not_found');

      const ch = (await bot.conversations.info({ channel: WORLD.channels.noBot, include_num_members: true })).channel as Record<string, unknown>;
      assert.equal(ch.is_member, false);
      assert.equal(ch.is_channel, true);
      assert.equal(ch.num_members, 1);
      const pr = (await bot.conversations.info({ channel: WORLD.channels.private })).channel as Record<string, unknown>;
      assert.equal(pr.is_private, true);
      assert.equal(pr.is_member, true);
      assert.equal('num_members' in pr, false);
      assert.equal(await errorCode(bot.conversations.info({ channel: WORLD.channels.privateNoBot })), 'channel_not_found');

      const members: string[] = [];
      for await (const page of bot.paginate('conversations.members', { channel: WORLD.channels.general, limit: 3 })) {
        members.push(...((page as Data).members as string[]));
      }
      assert.deepEqual(members, fake.channel(WORLD.channels.general)?.members);
      assert.equal(await errorCode(bot.conversations.members({ channel: WORLD.channels.privateNoBot })), 'channel_not_found');
    });

    it("users.conversations: a person's channels, private ones only where the bot is too, paged", async () => {
      const ids = async (args: Record<string, unknown>) => {
        const out: string[] = [];
        for await (const page of bot.paginate('users.conversations', args)) out.push(...((page as Data).channels as Array<{ id: string }>).map((c) => c.id));
        return out;
      };
      const c = WORLD.channels;
      assert.deepEqual(await ids({ user: WORLD.users.alice }), [c.general, c.public, c.noBot, c.archived], 'public channels by default');
      assert.deepEqual(await ids({ user: WORLD.users.alice, types: 'public_channel,private_channel', limit: 2 }), [
        c.general, c.public, c.noBot, c.archived, c.private,
      ], 'private-nobot is hidden: the bot is not in it');
      assert.deepEqual(await ids({ user: WORLD.users.alice, types: 'public_channel', exclude_archived: true }), [c.general, c.public, c.noBot]);
      const big = fake.addChannel({ id: 'C0BIG', name: 'big', members: [...manyMemberIds(10_000), WORLD.users.bob] });
      assert.equal(big.members.length, 10_001);
      assert.ok((await ids({ user: WORLD.users.bob })).includes('C0BIG'));
      assert.equal(await errorCode(bot.users.conversations({ user: 'U0NOBODY' })), 'user_not_found');
      assert.equal(await errorCode(bot.users.conversations({ user: WORLD.users.alice, types: 'nope' })), 'invalid_types');
      assert.equal(await errorCode(bot.users.conversations({ user: WORLD.users.alice, limit: 1001 })), 'invalid_limit');
    });
  });

  describe('fault injection', () => {
    it('failNext answers ok:false with extras, FIFO and times', async () => {
      fake.failNext('auth.test', 'internal_error', { extra: { detail: 'boom' } });
      fake.failNext('auth.test', 'fatal_error', { times: 2 });
      const d = await slackError(bot.auth.test());
      assert.equal(d.error, 'internal_error');
      assert.equal(d.detail, 'boom');
      assert.equal(await errorCode(bot.auth.test()), 'fatal_error');
      assert.equal(await errorCode(client(fake, 'bad').auth.test()), 'fatal_error'); // injected before auth
      assert.equal((await bot.auth.test()).ok, true);
      assert.equal(fake.callsTo('auth.test').length, 4);
    });

    it('rateLimitNext answers 429 with Retry-After', async () => {
      fake.rateLimitNext('conversations.inviteShared', 7);
      const r = await raw(fake, '/api/conversations.inviteShared', 'channel=C0PUBLIC', { ...FORM, ...bearer(fake.botToken) });
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), '7');
      assert.deepEqual(r.json, { ok: false, error: 'ratelimited' });
      assert.equal(fake.calls.at(-1)?.httpStatus, 429);

      fake.rateLimitNext('auth.test', 3);
      const strict = client(fake, fake.botToken, { rejectRateLimitedCalls: true });
      await assert.rejects(strict.auth.test(), (err: { code?: string; retryAfter?: number }) => {
        assert.equal(err.code, ErrorCode.RateLimitedError);
        assert.equal(err.retryAfter, 3);
        return true;
      });
    });

    it('serverErrorNext answers 5xx', async () => {
      fake.serverErrorNext('auth.test', 503);
      await assert.rejects(bot.auth.test(), (err: { code?: string; statusCode?: number }) => {
        assert.equal(err.code, ErrorCode.HTTPError);
        assert.equal(err.statusCode, 503);
        return true;
      });
      fake.serverErrorNext('auth.test');
      const r = await raw(fake, '/api/auth.test', '', bearer(fake.botToken));
      assert.equal(r.status, 500);
    });

    it('delayNext and setDelay slow answers down', async () => {
      fake.delayNext('auth.test', 120);
      let t0 = Date.now();
      assert.equal((await bot.auth.test()).ok, true);
      assert.ok(Date.now() - t0 >= 110, `delay was ${Date.now() - t0} ms`);
      t0 = Date.now();
      await bot.auth.test();
      assert.ok(Date.now() - t0 < 100);
      fake.setDelay('auth.test', 60);
      t0 = Date.now();
      await Promise.all([bot.auth.test(), bot.auth.test()]);
      assert.ok(Date.now() - t0 >= 55);
      fake.setDelay('auth.test', 0);
    });

    it('holdNext holds a request until release()', async () => {
      const hold = fake.holdNext('conversations.inviteShared');
      let settled = false;
      const pending = bot.conversations.inviteShared({ channel: WORLD.channels.public, emails: [WORLD.emails.ext] }).then((r) => {
        settled = true;
        return r;
      });
      const call = await hold.arrived;
      assert.equal(call.method, 'conversations.inviteShared');
      assert.deepEqual(call.args.emails, [WORLD.emails.ext]);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(settled, false);
      assert.equal(fake.callsTo('conversations.inviteShared').length, 0);
      hold.release();
      const res = await pending;
      assert.equal(res.ok, true);
      assert.equal(call.httpStatus, 200);
      assert.equal(fake.callsTo('conversations.inviteShared')[0], call);
    });

    it('stop() releases held requests', async () => {
      const hold = fake.holdNext('auth.test');
      const p = bot.auth.test().then(
        () => 'answered',
        () => 'failed',
      );
      await hold.arrived;
      await fake.stop();
      assert.ok(['answered', 'failed'].includes(await p));
    });

    it('dropNext destroys the socket: the client sees a connection error', async () => {
      fake.dropNext('auth.test');
      await assert.rejects(bot.auth.test(), (err: { code?: string }) => {
        assert.equal(err.code, ErrorCode.RequestError);
        return true;
      });
      assert.equal(fake.calls.at(-1)?.httpStatus, 0);
      assert.equal((await bot.auth.test()).ok, true);
    });

    it('reset() clears calls, faults and views but keeps the world', async () => {
      fake.failNext('auth.test', 'internal_error');
      await bot.views.publish({ user_id: WORLD.users.alice, view: { type: 'home', blocks: [] } });
      fake.reset();
      assert.equal(fake.calls.length, 0);
      assert.equal(fake.homeView(WORLD.users.alice), undefined);
      assert.equal((await bot.auth.test()).ok, true);
      assert.ok(fake.user(WORLD.users.alice));
    });
  });

  describe('waitForCall', () => {
    it('resolves with an existing or a future call', async () => {
      await bot.auth.test();
      assert.equal((await fake.waitForCall('auth.test')).method, 'auth.test');
      const waiting = fake.waitForCall('chat.postMessage', (c) => c.args.text === 'second');
      setTimeout(() => {
        void bot.chat.postMessage({ channel: WORLD.channels.public, text: 'first' });
        void bot.chat.postMessage({ channel: WORLD.channels.public, text: 'second' });
      }, 20);
      const call = await waiting;
      assert.equal(call.args.text, 'second');
      assert.equal((call.response as { ok: boolean }).ok, true);
    });

    it('rejects on timeout listing the calls seen', async () => {
      await bot.auth.test();
      await errorCode(bot.users.info({ user: 'U0NOBODY' }));
      await assert.rejects(fake.waitForCall('views.publish', undefined, 80), (err: Error) => {
        assert.match(err.message, /views\.publish/);
        assert.match(err.message, /timed out after 80 ms/);
        assert.match(err.message, /auth\.test → ok/);
        assert.match(err.message, /users\.info → user_not_found/);
        return true;
      });
    });
  });
});

describe('FakeSlack scopes', () => {
  let fake: FakeSlack;
  let bot: WebClient;
  const manifestScopes = (): string[] => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../manifest.json'), 'utf8')).oauth_config.scopes.bot;

  beforeEach(async () => {
    fake = await FakeSlack.start({ rateLimits: 'off' });
    fake.seedDefaultWorld();
    bot = client(fake);
  });
  afterEach(async () => {
    await fake.stop();
  });

  it("grants the bot token manifest.json's bot scopes by default", () => {
    assert.deepEqual(fake.botScopes, manifestScopes());
  });

  it('answers missing_scope with needed and provided, as Slack does', async () => {
    const r = await raw(fake, '/api/conversations.listConnectInvites', '', { ...FORM, ...bearer(fake.botToken) });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { ok: false, error: 'missing_scope', needed: 'conversations.connect:manage', provided: manifestScopes().join(',') });
    fake.setBotScopes([...manifestScopes(), 'conversations.connect:manage']);
    assert.equal(((await bot.apiCall('conversations.listConnectInvites')) as Data).ok, true);
    fake.setBotScopes(['commands']);
    const d = await slackError(bot.chat.postMessage({ channel: WORLD.channels.public, text: 'x' }));
    assert.equal(d.needed, 'chat:write');
    assert.equal(d.provided, 'commands');
  });

  it('names every accepted scope when the token has none of them, and the one for the conversation when it has others', async () => {
    fake.setBotScopes(['commands']);
    assert.equal((await slackError(bot.conversations.info({ channel: WORLD.channels.public }))).needed, 'channels:read,groups:read,mpim:read,im:read');
    fake.setBotScopes(['groups:read']);
    assert.equal(((await bot.conversations.info({ channel: WORLD.channels.private })).channel as { id: string }).id, WORLD.channels.private);
    assert.equal((await slackError(bot.conversations.info({ channel: WORLD.channels.public }))).needed, 'channels:read');
    fake.setBotScopes(['channels:read', 'groups:read']);
    const im = await slackError(bot.conversations.info({ channel: WORLD.channels.im }));
    assert.deepEqual([im.error, im.needed], ['missing_scope', 'im:read']);
    assert.equal((await slackError(bot.conversations.members({ channel: WORLD.channels.mpim }))).needed, 'mpim:read');
    assert.equal((await slackError(bot.conversations.invite({ channel: WORLD.channels.public, users: WORLD.users.carol }))).needed, 'channels:manage,channels:write.invites,groups:write,groups:write.invites,mpim:write.invites,im:write.invites');
    fake.setBotScopes(['channels:read', 'groups:write']);
    assert.equal((await slackError(bot.conversations.invite({ channel: WORLD.channels.public, users: WORLD.users.carol }))).needed, 'channels:manage,channels:write.invites');
    assert.equal((await bot.conversations.invite({ channel: WORLD.channels.private, users: WORLD.users.carol })).ok, true);
  });

  it('sends x-oauth-scopes on every answer to a live token, which the client reads as response_metadata.scopes', async () => {
    const ok = await raw(fake, '/api/auth.test', '', { ...FORM, ...bearer(fake.botToken) });
    assert.equal(ok.headers.get('x-oauth-scopes'), manifestScopes().join(','));
    assert.equal(ok.headers.get('x-accepted-oauth-scopes'), '');
    const refused = await raw(fake, '/api/conversations.listConnectInvites', '', { ...FORM, ...bearer(fake.botToken) });
    assert.equal(refused.headers.get('x-oauth-scopes'), manifestScopes().join(','));
    assert.equal(refused.headers.get('x-accepted-oauth-scopes'), 'conversations.connect:manage');
    fake.failNext('auth.test', 'internal_error');
    assert.equal((await raw(fake, '/api/auth.test', '', { ...FORM, ...bearer(fake.botToken) })).headers.get('x-oauth-scopes'), manifestScopes().join(','));
    assert.equal((await raw(fake, '/api/auth.test', '', { ...FORM, ...bearer('xoxb-nope') })).headers.get('x-oauth-scopes'), null, 'no token, no scopes');

    const res = await bot.auth.test();
    assert.deepEqual(res.response_metadata?.scopes, manifestScopes());
    const info = await bot.conversations.info({ channel: WORLD.channels.public });
    assert.deepEqual(info.response_metadata?.acceptedScopes, ['channels:read', 'groups:read', 'mpim:read', 'im:read']);
  });

  it('keeps bot-only methods from user tokens, and profile.email from tokens without users:read.email', async () => {
    const user = client(fake, WORLD.tokens.user);
    assert.equal(await errorCode(user.conversations.inviteShared({ channel: WORLD.channels.public, emails: [WORLD.emails.ext] })), 'not_allowed_token_type');
    const withEmail = (await bot.users.info({ user: WORLD.users.bob })).user as { profile: { email?: string } };
    assert.equal(withEmail.profile.email, WORLD.emails.bob);
    fake.setBotScopes(['users:read']);
    const without = (await bot.users.info({ user: WORLD.users.bob })).user as { profile: Record<string, unknown> };
    assert.equal('email' in without.profile, false);
    assert.equal((await slackError(bot.users.lookupByEmail({ email: WORLD.emails.bob }))).needed, 'users:read.email');
  });

  it('answers users.list and chat.update with users:read and chat:write, and refuses them without', async () => {
    const posted = await bot.chat.postMessage({ channel: WORLD.users.admin, text: 'card' });
    assert.ok((await bot.users.list({ limit: 2 })).members?.length);
    await bot.chat.update({ channel: posted.channel!, ts: posted.ts!, text: 'card, decided' });
    assert.equal(fake.messages.find((m) => m.ts === posted.ts)?.text, 'card, decided');
    fake.setBotScopes(manifestScopes().filter((scope) => scope !== 'users:read' && scope !== 'chat:write'));
    assert.equal((await slackError(bot.users.list({}))).needed, 'users:read');
    assert.equal((await slackError(bot.chat.update({ channel: posted.channel!, ts: posted.ts!, text: 'x' }))).needed, 'chat:write');
  });

  it('has a scope rule and a rate limit for every method it answers', async () => {
    const { SCOPES, RATE_LIMITS } = await import('./fake-slack.js');
    for (const method of fake.methods) {
      assert.ok(SCOPES[method], `no scope rule for ${method}`);
      assert.ok(RATE_LIMITS[method], `no rate limit for ${method}`);
      assert.ok(SCOPES[method]!.source && RATE_LIMITS[method]!.source, `${method} cites no source`);
    }
  });
});

describe('FakeSlack rate limits', () => {
  let fake: FakeSlack;
  let bot: WebClient;
  let now: number;
  const at = (ms: number) => {
    now = ms;
  };
  const call = async (method: string, args = '') => {
    const r = await raw(fake, `/api/${method}`, args, { ...FORM, ...bearer(fake.botToken) });
    return { status: r.status, retryAfter: r.headers.get('retry-after'), error: r.json.error as string | undefined, ok: r.json.ok };
  };

  beforeEach(async () => {
    now = 1_000_000;
    fake = await FakeSlack.start({ rateLimits: { multiplier: 1 }, scopes: allBotScopes(), clock: () => now });
    fake.seedDefaultWorld();
    bot = client(fake, fake.botToken, { rejectRateLimitedCalls: true });
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('defaults to DEFAULT_RATE_LIMITS', async () => {
    const { DEFAULT_RATE_LIMITS } = await import('./fake-slack.js');
    const other = await FakeSlack.start();
    assert.deepEqual(other.rateLimits, DEFAULT_RATE_LIMITS);
    await other.stop();
  });

  it('answers HTTP 429 with Retry-After past the tier, in a sliding 60-second window (Tier 1: listConnectInvites)', async () => {
    assert.deepEqual(await call('conversations.listConnectInvites'), { status: 200, retryAfter: null, error: undefined, ok: true });
    assert.deepEqual(await call('conversations.listConnectInvites'), { status: 429, retryAfter: '60', error: 'ratelimited', ok: false });
    at(1_000_000 + 45_500);
    assert.equal((await call('conversations.listConnectInvites')).retryAfter, '15', 'seconds until the first call leaves the window, rounded up');
    at(1_000_000 + 60_000);
    assert.equal((await call('conversations.listConnectInvites')).status, 200);
    assert.equal(fake.calls.filter((c) => c.httpStatus === 429).length, 2, 'refused calls are recorded');
  });

  it('counts per workspace and method: Tier 2 inviteShared allows 20 a minute, whatever their answers, and other methods are not affected', async () => {
    const results: number[] = [];
    for (let i = 0; i < 21; i++) {
      results.push((await call('conversations.inviteShared', `channel=${WORLD.channels.public}&emails=p${i}%40partner.example`)).status);
      now += 1000;
    }
    assert.deepEqual(results, [...Array(20).fill(200), 429]);
    assert.equal(fake.connectInvites.length, 20);
    assert.equal((await call('conversations.inviteShared')).status, 429, 'a call with bad arguments is refused by the limit first');
    assert.equal((await call('conversations.info', `channel=${WORLD.channels.public}`)).status, 200);
    await assert.rejects(bot.conversations.inviteShared({ channel: WORLD.channels.public, emails: ['late@partner.example'] }), (err: { code?: string; retryAfter?: number }) => {
      assert.equal(err.code, ErrorCode.RateLimitedError);
      assert.equal(err.retryAfter, 39, 'the first of the 20 leaves the window 60 s after it came: 21 s have passed');
      return true;
    });
  });

  it('limits chat.postMessage to about one message a second per channel', async () => {
    const post = (channel: string) => call('chat.postMessage', `channel=${channel}&text=hi`);
    assert.equal((await post(WORLD.channels.public)).status, 200);
    assert.deepEqual(await post(WORLD.channels.public), { status: 429, retryAfter: '1', error: 'ratelimited', ok: false });
    assert.equal((await post(WORLD.users.alice)).status, 200, 'another channel (a DM) is not affected');
    now += 1000;
    assert.equal((await post(WORLD.channels.public)).status, 200);
  });

  it('a multiplier raises every limit, setRateLimits changes it, and off lifts them', async () => {
    fake.setRateLimits({ multiplier: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('conversations.listConnectInvites')).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    fake.setRateLimits('off');
    for (let i = 0; i < 5; i++) assert.equal((await call('conversations.listConnectInvites')).status, 200);
    assert.equal(fake.rateLimits, 'off');
  });

  it('a shorter minute scales every window', async () => {
    fake.setRateLimits({ multiplier: 1, minuteMs: 3000 });
    assert.equal((await call('conversations.listConnectInvites')).status, 200);
    assert.deepEqual(await call('conversations.listConnectInvites'), { status: 429, retryAfter: '3', error: 'ratelimited', ok: false });
    now += 3000;
    assert.equal((await call('conversations.listConnectInvites')).status, 200);
  });

  it('a multiplier for some methods leaves the others at theirs', async () => {
    fake.setRateLimits({ multiplier: 1, methods: { 'chat.postMessage': 2 } });
    const post = () => call('chat.postMessage', `channel=${WORLD.channels.public}&text=hi`);
    assert.deepEqual([(await post()).status, (await post()).status, (await post()).status], [200, 200, 429]);
    assert.deepEqual([(await call('conversations.listConnectInvites')).status, (await call('conversations.listConnectInvites')).status], [200, 429]);
  });

  it('reset() forgets the windows', async () => {
    await call('conversations.listConnectInvites');
    assert.equal((await call('conversations.listConnectInvites')).status, 429);
    fake.reset();
    assert.equal((await call('conversations.listConnectInvites')).status, 200);
  });

  it("inviteShared with emails has Slack's per-user limit, answered ratelimit (HTTP 200, no Retry-After)", async () => {
    fake.setRateLimits('off');
    fake.emailInviteLimit = { count: 2, windowSeconds: 600 };
    const share = (who: string) => call('conversations.inviteShared', `channel=${WORLD.channels.public}&emails=${encodeURIComponent(who)}`);
    assert.equal((await share('a@partner.example')).ok, true);
    assert.equal((await share('b@partner.example')).ok, true);
    assert.deepEqual(await share('c@partner.example'), { status: 200, retryAfter: null, error: 'ratelimit', ok: false });
    assert.equal((await call('conversations.inviteShared', `channel=${WORLD.channels.public}&user_ids=${WORLD.users.ext}`)).ok, true, 'invitations by user ID are not counted');
    now += 600_000;
    assert.equal((await share('c@partner.example')).ok, true, 'the window has passed');
    const limited = await FakeSlack.start({ emailInviteLimit: { count: 1 } });
    assert.deepEqual(limited.emailInviteLimit, { count: 1 });
    await limited.stop();
  });
});

describe('FakeSlack throughput', () => {
  let fake: FakeSlack;
  before(async () => {
    fake = await FakeSlack.start({ rateLimits: 'off' });
    fake.seedDefaultWorld();
  });
  after(async () => {
    await fake.stop();
  });

  it('serves 1000 concurrent WebClient calls quickly', async () => {
    const bot = client(fake);
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 1000 }, () => bot.conversations.info({ channel: WORLD.channels.public })));
    const ms = Date.now() - t0;
    assert.equal(fake.calls.length, 1000);
    assert.ok(ms < 4000, `1000 calls took ${ms} ms`);
  });
});
