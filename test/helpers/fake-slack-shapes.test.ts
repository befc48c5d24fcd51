// The fake answers as Slack does: for every method it implements that has a published answer in
// docs/slack-samples/api/ (copied from Slack's repositories and docs, see SOURCES.md there), the
// fake's answer to the same kind of request has every key of Slack's, with the same JSON type,
// recursively (arrays by their first element). "SHAPE ONLY" samples (anonymised recordings, see
// SOURCES.md) are compared by type only, which is all this compares; they merge many answers, so a
// key that only some answers carry (an error's `needed`, a Grid user's `enterprise_user`) may be
// absent here, each named below with the reason. Error samples are compared the same way.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { allBotScopes, FakeSlack, WORLD } from './fake-slack.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../docs/slack-samples/api');
const SOURCES = readFileSync(path.resolve(SAMPLES, '../SOURCES.md'), 'utf8');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const typeOf = (v: Json): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Where `actual` lacks a key of `sample` or has it with another JSON type. Paths: `a.b`, `a[].b`
 * (an array's elements, compared by their first: an empty array on either side only has to be an array).
 */
export function shapeDifferences(sample: Json, actual: Json, at = ''): string[] {
  const expected = typeOf(sample);
  const got = typeOf(actual);
  if (expected !== got) return [`${at || '(top)'}: ${expected} in Slack's answer, ${got} in the fake's`];
  if (Array.isArray(sample) && Array.isArray(actual)) {
    return sample.length === 0 || actual.length === 0 ? [] : shapeDifferences(sample[0] as Json, actual[0] as Json, `${at}[]`);
  }
  if (expected !== 'object') return [];
  const s = sample as Record<string, Json>;
  const a = actual as Record<string, Json>;
  const out: string[] = [];
  for (const key of Object.keys(s)) {
    const p = at ? `${at}.${key}` : key;
    if (!(key in a)) out.push(`${p}: missing`);
    else out.push(...shapeDifferences(s[key] as Json, a[key] as Json, p));
  }
  return out;
}

/** The keys of a union (SHAPE ONLY) sample that only an error answer has: see the error cases. */
const ENVELOPE = {
  error: 'only in an error answer (checked by the error cases)',
  needed: 'only in a missing_scope answer (checked by the error cases)',
  provided: 'only in a missing_scope answer (checked by the error cases)',
  warning: 'only when Slack has a warning about the call',
} as const;

/** ENVELOPE's keys that this sample has. */
const envelopeOf = (file: string): Record<string, string> => {
  const sample = JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(ENVELOPE).filter(([k]) => k in sample));
};

interface Case {
  sample: string;
  /** What the case asks of the fake, in words. */
  request: string;
  answer(fake: FakeSlack): Promise<Json>;
  /** Sample keys this answer may lack, with why. */
  absent?: Record<string, string>;
  /** Compare only these top-level keys of the sample (the error envelope of a union sample). */
  only?: readonly string[];
}

async function call(fake: FakeSlack, method: string, args: Record<string, unknown> = {}, token = fake.botToken): Promise<Json> {
  const res = await fetch(`${fake.url}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
    body: JSON.stringify(args),
  });
  return (await res.json()) as Json;
}

/** Calls `method` with a token holding none of its scopes (then restores them). */
async function withoutScopes(fake: FakeSlack, method: string, args: Record<string, unknown> = {}): Promise<Json> {
  const scopes = fake.botScopes;
  fake.setBotScopes(['commands']);
  try {
    return await call(fake, method, args);
  } finally {
    fake.setBotScopes(scopes);
  }
}

/** The sample's view as an app would send it: without what Slack adds (ids, hash, state, text and input defaults, made-up block IDs). */
const sampleView = (file: string) => {
  const { view } = JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as { view: Record<string, unknown> };
  const { id: _id, hash: _h, team_id: _t, app_id: _a, bot_id: _b, root_view_id: _r, previous_view_id: _p, state: _s, ...input } = view;
  const strip = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(strip);
    if (x === null || typeof x !== 'object') return x;
    const { emoji: _e, verbatim: _v, ...rest } = x as Record<string, unknown>;
    return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, strip(v)]));
  };
  const stripped = strip(input) as Record<string, unknown>;
  stripped.blocks = (stripped.blocks as Array<Record<string, unknown>>).map(({ block_id: _id, optional: _o, ...block }) => block);
  return stripped;
};

const USER_ONLY_SOMETIMES = {
  'user.enterprise_user': 'Enterprise Grid users only (the world is not on Grid)',
  'user.enterprise_id': 'Enterprise Grid users only',
  'user.enterprise_name': 'Enterprise Grid users only',
  'user.teams': 'Enterprise Grid users only',
  'user.is_stranger': 'only for people of another organization the workspace shares nothing with',
  'user.is_invited_user': 'only for people invited who have not joined yet',
  'user.profile.guest_invited_by': 'guests only',
  'user.profile.status_emoji_display_info': 'only with a custom status emoji set',
  'user.profile.status_emoji_url': 'only with a custom status emoji set',
  'user.profile.pronouns': 'only when the person set pronouns',
  'user.profile.huddle_state': 'only while the person is in a huddle',
  'user.profile.huddle_state_expiration_ts': 'only while the person is in a huddle',
  'user.profile.start_date': 'only when the workspace records start dates',
} as const;

const CHANNEL_ONLY_SOMETIMES = {
  'channel.internal_team_ids': 'Enterprise Grid channels only',
  'channel.connected_team_ids': 'Slack Connect (externally shared) channels only; the world’s channel is not shared',
  'channel.conversation_host_id': 'shared channels only',
  'channel.connected_limited_team_ids': 'Slack Connect channels with limited (post-only) partners only',
  'channel.is_global_shared': 'Enterprise Grid channels only',
  'channel.is_org_default': 'Enterprise Grid channels only',
  'channel.is_org_mandatory': 'Enterprise Grid channels only',
  'channel.is_moved': 'channels moved between Grid workspaces only',
  'channel.is_thread_only': 'not in Slack’s current example for a public channel (conversations.info.docs_public.json); recorded in older runs',
  'channel.is_non_threadable': 'not in Slack’s current example for a public channel; recorded in older runs',
  'channel.properties.is_dormant': 'undocumented; not in Slack’s current example',
  'channel.properties.tabz': 'undocumented; not in Slack’s current example',
  'channel.properties.has_slack_connect_invite_created': 'undocumented; not in Slack’s current example',
} as const;

const email = (i: number) => `shape${i}@partner.example`;
let n = 0;
const next = () => email(++n);

const CASES: Case[] = [
  // ---------------------------------------------------------------- auth.test
  { sample: 'auth.test.docs_success_bot_token.json', request: 'bot token', answer: (f) => call(f, 'auth.test') },
  { sample: 'auth.test.docs_success_user_token.json', request: 'user token', answer: (f) => call(f, 'auth.test', {}, f.userToken) },
  {
    sample: 'auth.test.json',
    request: 'bot token',
    answer: (f) => call(f, 'auth.test'),
    absent: {
      ...envelopeOf('auth.test.json'),
      enterprise_id: 'Enterprise Grid only',
      expires_in: 'only with token rotation (the manifest turns it off)',
      app_name: 'not in Slack’s examples for a bot token (auth.test.docs_success_bot_token.json); recorded for other token types',
      app_id: 'not in Slack’s examples for a bot token; recorded for other token types',
    },
  },
  { sample: 'auth.test.json', request: 'an unknown token (the error envelope)', only: ['ok', 'error'], answer: (f) => call(f, 'auth.test', {}, 'xoxb-unknown') },

  // ---------------------------------------------------------------- chat.postMessage
  {
    sample: 'chat.postMessage.docs_success.json',
    request: 'a message with an attachment',
    answer: (f) => call(f, 'chat.postMessage', { channel: WORLD.channels.public, text: 'hi', attachments: [{ fallback: 'fb', text: 'an attachment' }] }),
    absent: {
      'message.subtype': '"bot_message" is a legacy bot’s message (or one with a username override, chat:write.customize); a bot token’s message has user and bot_profile instead',
      'message.username': 'the same legacy bot_message only',
    },
  },
  {
    sample: 'chat.postMessage.docs_error.json',
    request: 'more than 100 attachments',
    answer: (f) => call(f, 'chat.postMessage', { channel: WORLD.channels.public, text: 'x', attachments: Array.from({ length: 101 }, (_, i) => ({ fallback: `a${i}` })) }),
  },

  // ---------------------------------------------------------------- conversations.list
  {
    sample: 'conversations.list.docs_mixed_mpim_im.json',
    request: 'the group DMs the bot is in (the sample compares its first item, a group DM)',
    answer: (f) => call(f, 'conversations.list', { types: 'mpim' }),
  },

  // ---------------------------------------------------------------- conversations.info
  { sample: 'conversations.info.docs_public.json', request: '#general', answer: (f) => call(f, 'conversations.info', { channel: WORLD.channels.general }) },
  {
    sample: 'conversations.info.docs_im.json',
    request: 'the bot’s DM with alice, with include_locale, after a message',
    answer: async (f) => {
      await call(f, 'chat.postMessage', { channel: WORLD.users.alice, text: 'hello' });
      return call(f, 'conversations.info', { channel: WORLD.channels.im, include_locale: true });
    },
  },
  { sample: 'conversations.info.docs_error.json', request: 'an unknown channel', answer: (f) => call(f, 'conversations.info', { channel: 'C0NOPE' }) },
  {
    sample: 'conversations.info.json',
    request: 'a public channel, with include_locale and include_num_members',
    answer: (f) => call(f, 'conversations.info', { channel: WORLD.channels.public, include_locale: true, include_num_members: true }),
    absent: { ...envelopeOf('conversations.info.json'), ...CHANNEL_ONLY_SOMETIMES },
  },
  { sample: 'conversations.info.json', request: 'missing_scope', only: ['ok', 'error', 'needed', 'provided'], answer: (f) => withoutScopes(f, 'conversations.info', { channel: WORLD.channels.public }) },

  // ---------------------------------------------------------------- conversations.invite
  {
    sample: 'conversations.invite.docs_success.json',
    request: 'carol into a private channel',
    answer: (f) => call(f, 'conversations.invite', { channel: WORLD.channels.private, users: WORLD.users.carol }),
  },
  { sample: 'conversations.invite.docs_error.json', request: 'a DM', answer: (f) => call(f, 'conversations.invite', { channel: WORLD.channels.im, users: WORLD.users.carol }) },
  {
    sample: 'conversations.invite.docs_error_per_user.json',
    request: 'an unknown user and the bot itself',
    answer: (f) => call(f, 'conversations.invite', { channel: WORLD.channels.private, users: `U0NOBODY,${f.botUserId}` }),
  },
  {
    sample: 'conversations.invite.json',
    request: 'with force, one person added and one refused',
    answer: (f) => call(f, 'conversations.invite', { channel: WORLD.channels.private, users: `${WORLD.users.owner},U0NOBODY`, force: true }),
    absent: {
      ...envelopeOf('conversations.invite.json'),
      'channel.is_moved': CHANNEL_ONLY_SOMETIMES['channel.is_moved'],
      'channel.internal_team_ids': CHANNEL_ONLY_SOMETIMES['channel.internal_team_ids'],
      'channel.is_open': 'a DM’s or group DM’s field (is the conversation open in the sidebar)',
    },
  },
  { sample: 'conversations.invite.json', request: 'missing_scope', only: ['ok', 'error', 'needed', 'provided'], answer: (f) => withoutScopes(f, 'conversations.invite', { channel: WORLD.channels.private, users: WORLD.users.carol }) },

  // ---------------------------------------------------------------- conversations.inviteShared
  { sample: 'conversations.inviteShared.docs_success.json', request: 'a limited invitation by email', answer: (f) => call(f, 'conversations.inviteShared', { channel: WORLD.channels.public, emails: [next()] }) },
  {
    sample: 'conversations.inviteShared.docs_error.json',
    request: 'a full-access invitation the workspace does not allow',
    answer: async (f) => {
      f.connectInvitePermissions.full = false;
      try {
        return await call(f, 'conversations.inviteShared', { channel: WORLD.channels.public, emails: [next()], external_limited: false });
      } finally {
        f.connectInvitePermissions.full = true;
      }
    },
  },
  {
    sample: 'conversations.inviteShared.json',
    request: 'a full-access invitation (with url and conf_code)',
    answer: (f) => call(f, 'conversations.inviteShared', { channel: WORLD.channels.public, emails: [next()], external_limited: false }),
    absent: envelopeOf('conversations.inviteShared.json'),
  },
  { sample: 'conversations.inviteShared.json', request: 'missing_scope', only: ['ok', 'error', 'needed', 'provided'], answer: (f) => withoutScopes(f, 'conversations.inviteShared', { channel: WORLD.channels.public, emails: [next()] }) },

  // ---------------------------------------------------------------- conversations.listConnectInvites
  {
    sample: 'conversations.listConnectInvites.json',
    request: 'one full-access invitation by email, accepted, approved by the other side and waiting for this one (as in Slack’s example)',
    answer: async (f) => {
      f.connectInvites.length = 0;
      const sent = (await call(f, 'conversations.inviteShared', { channel: WORLD.channels.private, emails: [WORLD.emails.ext], external_limited: false })) as { invite_id: string };
      f.acceptConnectInvite(sent.invite_id, { acceptingTeam: { id: WORLD.partnerTeamId, name: 'Partner', domain: 'partner' }, acceptingUserId: WORLD.users.ext, approvers: [WORLD.teamId, WORLD.partnerTeamId] });
      f.reviewConnectInvite(sent.invite_id, { teamId: WORLD.partnerTeamId, decision: 'approve' });
      return call(f, 'conversations.listConnectInvites');
    },
    absent: {
      ...envelopeOf('conversations.listConnectInvites.json'),
      arg: 'only with an error about an argument',
      'response_metadata.messages': 'only with warnings or errors about the call',
      'invites[].invite.inviting_user.profile.email': 'the inviter is the app’s bot user, which has no email address',
      'invites[].invite.recipient_user_id': 'only for an invitation by user ID (this one is by email)',
      'invites[].invite.sig': 'undocumented; not in any example of Slack’s',
      // The union also merged items of another kind (requests to invite, as in
      // conversations.requestSharedInvite.list), with these keys at the item's top level.
      'invites[].id': 'another kind of item merged into the union (an invitation request)',
      'invites[].date_created': 'another kind of item merged into the union',
      'invites[].date_invalid': 'another kind of item merged into the union',
      'invites[].inviting_team': 'another kind of item merged into the union',
      'invites[].inviting_user': 'another kind of item merged into the union',
      'invites[].invite_payload': 'another kind of item merged into the union',
      'invites[].sig': 'another kind of item merged into the union',
      'invites[].link': 'another kind of item merged into the union',
      'invites[].recipient_user_id': 'another kind of item merged into the union',
    },
  },
  { sample: 'conversations.listConnectInvites.json', request: 'missing_scope', only: ['ok', 'error', 'needed', 'provided'], answer: (f) => withoutScopes(f, 'conversations.listConnectInvites') },

  // ---------------------------------------------------------------- approveSharedInvite / declineSharedInvite (only error envelopes were ever recorded)
  { sample: 'conversations.approveSharedInvite.json', request: 'missing_scope', answer: (f) => withoutScopes(f, 'conversations.approveSharedInvite', { invite_id: 'I0NONE' }) },
  { sample: 'conversations.declineSharedInvite.json', request: 'missing_scope', answer: (f) => withoutScopes(f, 'conversations.declineSharedInvite', { invite_id: 'I0NONE' }) },

  // ---------------------------------------------------------------- conversations.requestSharedInvite.list
  {
    sample: 'conversations.requestSharedInvite.list.docs_success.json',
    request: 'two requests held, a page of one (the invitee known to Slack)',
    answer: (f) => {
      for (const id of ['I0SHAPEREQ1', 'I0SHAPEREQ2']) {
        if (!f.inviteRequest(id)) f.requestSharedInvite({ inviteId: id, channel: { id: WORLD.channels.public }, actorUserId: WORLD.users.alice, email: WORLD.emails.ext, isExternalLimited: false });
      }
      return call(f, 'conversations.requestSharedInvite.list', { limit: 1 });
    },
  },

  // ---------------------------------------------------------------- conversations.members
  { sample: 'conversations.members.docs_success.json', request: 'a page of #general', answer: (f) => call(f, 'conversations.members', { channel: WORLD.channels.general, limit: 2 }) },
  { sample: 'conversations.members.json', request: 'a page of #general', answer: (f) => call(f, 'conversations.members', { channel: WORLD.channels.general, limit: 2 }), absent: envelopeOf('conversations.members.json') },
  { sample: 'conversations.members.json', request: 'missing_scope', only: ['ok', 'error', 'needed', 'provided'], answer: (f) => withoutScopes(f, 'conversations.members', { channel: WORLD.channels.general }) },

  // ---------------------------------------------------------------- groups.invite (retired; as it answered)
  {
    sample: 'groups.invite.json',
    request: 'a user token, the method not retired',
    answer: async (f) => {
      f.setGroupsInviteRetired(false);
      f.channel(WORLD.channels.private)!.members.push(WORLD.users.admin);
      try {
        return await call(f, 'groups.invite', { channel: WORLD.channels.private, user: WORLD.users.bob }, f.userToken);
      } finally {
        f.setGroupsInviteRetired(true);
      }
    },
    absent: {
      ...envelopeOf('groups.invite.json'),
      response_metadata: 'only with warnings about the call',
      'group.latest': 'the channel’s latest message; the world’s private channel has none',
    },
  },

  // ---------------------------------------------------------------- users.info / users.lookupByEmail
  { sample: 'users.info.docs_success_admin.json', request: 'an admin', answer: (f) => call(f, 'users.info', { user: WORLD.users.admin }) },
  { sample: 'users.info.docs_error.json', request: 'an unknown user', answer: (f) => call(f, 'users.info', { user: 'U0NOBODY' }) },
  {
    sample: 'users.info.json',
    request: 'the app’s bot user, with include_locale',
    answer: (f) => call(f, 'users.info', { user: f.botUserId, include_locale: true }),
    absent: { ...envelopeOf('users.info.json'), ...USER_ONLY_SOMETIMES, 'user.profile.email': 'a bot user has no email address' },
  },
  { sample: 'users.info.json', request: 'missing_scope', only: ['ok', 'error', 'needed', 'provided'], answer: (f) => withoutScopes(f, 'users.info', { user: WORLD.users.bob }) },
  { sample: 'users.lookupByEmail.docs_success.json', request: 'an admin’s address', answer: (f) => call(f, 'users.lookupByEmail', { email: WORLD.emails.admin }) },
  { sample: 'users.lookupByEmail.docs_error.json', request: 'an unknown address', answer: (f) => call(f, 'users.lookupByEmail', { email: 'nobody@example.com' }) },
  {
    sample: 'users.lookupByEmail.json',
    request: 'bob’s address',
    answer: (f) => call(f, 'users.lookupByEmail', { email: WORLD.emails.bob }),
    absent: {
      ...envelopeOf('users.lookupByEmail.json'),
      'response_metadata': 'only with warnings about the call',
      'user.is_invited_user': USER_ONLY_SOMETIMES['user.is_invited_user'],
      'user.two_factor_type': 'only for people with two-factor authentication set up',
      ...Object.fromEntries(Object.entries(USER_ONLY_SOMETIMES).filter(([k]) => k.startsWith('user.profile.'))),
    },
  },
  { sample: 'users.lookupByEmail.json', request: 'missing_scope', only: ['ok', 'error', 'needed', 'provided'], answer: (f) => withoutScopes(f, 'users.lookupByEmail', { email: WORLD.emails.bob }) },

  // ---------------------------------------------------------------- views
  { sample: 'views.open.docs_success.json', request: 'the sample’s own modal', answer: (f) => call(f, 'views.open', { trigger_id: '12345.98765.abcd2358fdea', view: sampleView('views.open.docs_success.json') }) },
  { sample: 'views.open.docs_error.json', request: 'no trigger', answer: (f) => call(f, 'views.open', { view: sampleView('views.open.docs_success.json') }) },
  { sample: 'views.publish.docs_success.json', request: 'the sample’s own Home tab', answer: (f) => call(f, 'views.publish', { user_id: WORLD.users.alice, view: sampleView('views.publish.docs_success.json') }) },
  { sample: 'views.publish.docs_error.json', request: 'an unknown user', answer: (f) => call(f, 'views.publish', { user_id: 'U0NOBODY', view: sampleView('views.publish.docs_success.json') }) },
  {
    sample: 'views.update.docs_success.json',
    request: 'the sample’s own modal over an open one',
    answer: async (f) => {
      const opened = (await call(f, 'views.open', { trigger_id: '1.2.3', view: sampleView('views.open.docs_success.json') })) as { view: { id: string } };
      return call(f, 'views.update', { view_id: opened.view.id, view: sampleView('views.update.docs_success.json') });
    },
  },
];

/** `conversations.requestSharedInvite.list.docs_success.json` -> `conversations.requestSharedInvite.list`. */
function methodOf(file: string): string {
  const base = file.replace(/\.json$/, '');
  const docs = base.indexOf('.docs_');
  return docs >= 0 ? base.slice(0, docs) : base;
}

const isShapeOnly = (file: string) => new RegExp(`\`api/${file.replace(/\./g, '\\.')}\`[^\\n]*SHAPE ONLY`).test(SOURCES);

function get(obj: Json, dotted: string): { found: boolean; value?: Json } {
  let current: Json[] = [obj];
  for (const part of dotted.split('.')) {
    const array = part.endsWith('[]');
    const key = array ? part.slice(0, -2) : part;
    const nextValues: Json[] = [];
    for (const c of current) {
      if (c === null || typeof c !== 'object' || Array.isArray(c) || !(key in c)) continue;
      const v = (c as Record<string, Json>)[key] as Json;
      if (array) {
        if (Array.isArray(v) && v.length > 0) nextValues.push(v[0] as Json);
      } else nextValues.push(v);
    }
    if (nextValues.length === 0) return { found: false };
    current = nextValues;
  }
  return { found: true, value: current[0] as Json };
}

describe('the fake answers in the shape of Slack’s published answers', () => {
  let fake: FakeSlack;
  before(async () => {
    fake = await FakeSlack.start({ scopes: allBotScopes(), rateLimits: 'off' });
    fake.seedDefaultWorld();
  });
  after(async () => {
    await fake.stop();
  });

  it('has a case for every sample of a method the fake implements', () => {
    const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.json'));
    const implemented = new Set(fake.methods);
    const uncovered = files.filter((f) => implemented.has(methodOf(f)) && !CASES.some((c) => c.sample === f));
    assert.deepEqual(uncovered, []);
    for (const c of CASES) assert.ok(files.includes(c.sample), `${c.sample}: no such sample`);
    // Samples of methods the fake does not implement are not checked: say which, so none is missed by accident.
    const skipped = [...new Set(files.map(methodOf).filter((m) => !implemented.has(m)))].sort();
    assert.deepEqual(skipped, ['team.info']);
  });

  for (const c of CASES) {
    it(`${c.sample}${isShapeOnly(c.sample) ? ' (SHAPE ONLY)' : ''}: ${c.request}`, async () => {
      const sample = JSON.parse(readFileSync(path.join(SAMPLES, c.sample), 'utf8')) as Record<string, Json>;
      const compared: Record<string, Json> = c.only ? Object.fromEntries(c.only.map((k) => [k, sample[k] as Json])) : sample;
      const answer = await c.answer(fake);
      const absent = c.absent ?? {};
      const problems = shapeDifferences(compared, answer).filter((p) => !(p.endsWith(': missing') && p.slice(0, -': missing'.length) in absent));
      assert.deepEqual(problems, [], `the fake answered ${JSON.stringify(answer)}`);
      // Every exemption is still needed, and names a key Slack's sample has.
      for (const key of Object.keys(absent)) {
        assert.ok(get(compared, key).found, `${key} is not in ${c.sample}: drop the exemption`);
        assert.ok(!get(answer, key).found, `the fake now answers ${key}: drop the exemption`);
      }
    });
  }

  it('compares recursively and by type, arrays by their first element', () => {
    assert.deepEqual(shapeDifferences({ a: { b: [{ c: 1 }] }, d: 'x', e: null }, { a: { b: [{ c: 'no' }, {}] }, d: 'y', e: null, extra: true }), ["a.b[].c: number in Slack's answer, string in the fake's"]);
    assert.deepEqual(shapeDifferences({ a: [], b: [1] }, { a: [{ x: 1 }], b: [] }), []);
    assert.deepEqual(shapeDifferences({ a: { b: 1 } }, { a: [] }), ["a: object in Slack's answer, array in the fake's"]);
    assert.deepEqual(shapeDifferences({ a: 1, b: { c: true } }, { b: {} }), ['a: missing', 'b.c: missing']);
  });
});
