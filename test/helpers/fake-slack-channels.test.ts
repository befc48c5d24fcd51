// The fake's conversations.create and conversations.list, as the shared reference (§2.1) and
// docs.slack.dev describe them, through the real Web API client: the name rules, name_taken
// across the workspace (archived channels too), privacy and its scope, team_id with an org-wide
// token, Tier 2, the shape of the answer, paging, and the "answer lost" fault.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { WebClient } from '@slack/web-api';
import { allBotScopes, FakeSlack, manifestBotScopes, WORLD } from './fake-slack.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../docs/slack-samples/api');
const sample = (file: string) => JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8'));

/** The keys of Slack's object that `actual` lacks or holds with another JSON type (one level). */
const shapeDifferences = (expected: Record<string, unknown>, actual: Record<string, unknown>) => {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  return Object.keys(expected).filter((k) => !(k in actual) || kind(expected[k]) !== kind(actual[k]));
};

type SlackData = { error?: string; needed?: string; arg?: string };
const refusedWith = (code: string) => (e: { data?: SlackData }) => {
  assert.equal(e.data?.error, code);
  return true;
};

describe('the fake Slack: conversations.create and conversations.list', () => {
  let fake: FakeSlack;
  let bot: WebClient;
  const clientFor = (token: string, timeout = 0) => new WebClient(token, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, ...(timeout ? { timeout } : {}) });

  beforeEach(async () => {
    fake = await FakeSlack.start({ scopes: allBotScopes(), rateLimits: 'off' });
    fake.seedDefaultWorld();
    bot = clientFor(fake.botToken);
  });
  afterEach(() => fake.stop());

  describe('conversations.create', () => {
    it('creates a public channel with the bot as its creator and only member, shaped like conversations.info’s', async () => {
      const res = await bot.conversations.create({ name: 'acme-partners' });
      const channel = res.channel as Record<string, unknown>;
      assert.equal(channel.name, 'acme-partners');
      assert.equal(channel.is_private, false);
      assert.equal(channel.is_member, true);
      assert.equal(channel.creator, fake.botUserId);
      assert.equal(channel.is_ext_shared, false);
      assert.ok(typeof channel.created === 'number' && channel.created >= Math.floor(Date.now() / 1000) - 5);
      const stored = fake.channel(channel.id as string);
      assert.deepEqual(stored?.members, [fake.botUserId]);
      assert.deepEqual(shapeDifferences(sample('conversations.info.docs_public.json').channel, channel), []);
      // And conversations.info says the same afterwards.
      const info = await bot.conversations.info({ channel: channel.id as string });
      assert.equal(info.channel?.creator, fake.botUserId);
    });

    it('creates a private channel with is_private', async () => {
      const res = await bot.conversations.create({ name: 'secret_deal', is_private: true });
      assert.equal(res.channel?.is_private, true);
      assert.equal(fake.channel(res.channel!.id!)?.isPrivate, true);
    });

    it('checks the name as Slack does: upper case and specials, length, punctuation only, empty', async () => {
      const cases: Array<[string, string]> = [
        ['Acme', 'invalid_name_specials'],
        ['acme partners', 'invalid_name_specials'],
        ['acme.partners', 'invalid_name_specials'],
        ['acme🎉', 'invalid_name_specials'],
        ['a'.repeat(81), 'invalid_name_maxlength'],
        ['---', 'invalid_name_punctuation'],
        ['_', 'invalid_name_punctuation'],
        ['', 'invalid_name_required'],
      ];
      for (const [name, code] of cases) await assert.rejects(bot.conversations.create({ name }), refusedWith(code), `${name}: ${code}`);
      // 80 characters, digits, hyphens and underscores are fine.
      const ok = await bot.conversations.create({ name: `${'a'.repeat(77)}-_1` });
      assert.equal(ok.channel?.name?.length, 80);
    });

    it('answers name_taken for any channel of the workspace with that name: public, private without the bot, archived', async () => {
      for (const name of ['project-x', 'private-nobot', 'old-stuff']) await assert.rejects(bot.conversations.create({ name }), refusedWith('name_taken'), name);
      await bot.conversations.create({ name: 'fresh-one' });
      await assert.rejects(bot.conversations.create({ name: 'fresh-one', is_private: true }), refusedWith('name_taken'));
    });

    it('needs channels:manage for a public channel and groups:write for a private one', async () => {
      fake.setBotScopes(allBotScopes().filter((s) => s !== 'channels:manage' && s !== 'channels:write'));
      await assert.rejects(bot.conversations.create({ name: 'needs-manage' }), (e: { data?: SlackData }) => e.data?.error === 'missing_scope' && e.data.needed === 'channels:manage,channels:write');
      assert.ok((await bot.conversations.create({ name: 'needs-manage', is_private: true })).ok);
      fake.setBotScopes(allBotScopes().filter((s) => s !== 'groups:write'));
      await assert.rejects(bot.conversations.create({ name: 'needs-write', is_private: true }), (e: { data?: SlackData }) => e.data?.error === 'missing_scope' && e.data.needed === 'groups:write');
      // The manifest grants both.
      fake.setBotScopes(manifestBotScopes());
      assert.ok((await bot.conversations.create({ name: 'manifest-public' })).ok);
      assert.ok((await bot.conversations.create({ name: 'manifest-private', is_private: true })).ok);
    });

    it('needs team_id with an org-wide token, and creates the channel in that workspace', async () => {
      fake.addWorkspace({ teamId: 'T0ORGA', enterpriseId: 'E0ORG' });
      const token = fake.addInstallation({ enterpriseId: 'E0ORG', isEnterpriseInstall: true, scopes: allBotScopes() });
      const org = clientFor(token);
      await assert.rejects(org.conversations.create({ name: 'org-channel' }), (e: { data?: SlackData }) => e.data?.error === 'missing_argument' && e.data.arg === 'team_id');
      const res = await org.conversations.create({ name: 'org-channel', team_id: 'T0ORGA' });
      assert.equal(fake.channel(res.channel!.id!)?.teamId, 'T0ORGA');
      // A name is taken per workspace: the default workspace may still use it.
      assert.ok((await bot.conversations.create({ name: 'org-channel' })).ok);
    });

    it('is Tier 2: the 21st call within a minute answers 429', async () => {
      fake.setRateLimits({ multiplier: 1 });
      for (let i = 0; i < 20; i++) await assert.rejects(bot.conversations.create({ name: 'project-x' }), refusedWith('name_taken'));
      await assert.rejects(bot.conversations.create({ name: 'one-more' }), (e: { code?: string; retryAfter?: number }) => e.code === 'slack_webapi_rate_limited_error' && (e.retryAfter ?? 0) > 0);
      fake.setRateLimits('off');
      assert.equal((await bot.conversations.list({ limit: 1000 })).channels?.some((c) => c.name === 'one-more'), false, 'a refused call creates nothing');
    });

    it('loseAnswerNext: Slack creates the channel, and the caller times out without an answer', async () => {
      fake.loseAnswerNext('conversations.create');
      const impatient = clientFor(fake.botToken, 300);
      await assert.rejects(impatient.conversations.create({ name: 'lost-answer' }), (e: { code?: string }) => e.code === 'slack_webapi_request_error');
      const [call] = fake.callsTo('conversations.create');
      assert.equal(call?.httpStatus, 0);
      assert.equal((call?.response as { ok?: boolean }).ok, true);
      const list = await bot.conversations.list({ limit: 1000 });
      assert.equal(list.channels?.filter((c) => c.name === 'lost-answer').length, 1, 'the channel exists');
      // The next call is answered as usual: the name is now taken.
      await assert.rejects(bot.conversations.create({ name: 'lost-answer' }), refusedWith('name_taken'));
    });
  });

  describe('conversations.list', () => {
    const names = async (args: Record<string, unknown>, client = bot) => {
      const found: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.conversations.list({ ...args, ...(cursor ? { cursor } : {}) });
        found.push(...(page.channels ?? []).map((c) => c.name ?? c.id ?? ''));
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return found.sort();
    };

    it('lists public channels by default, archived ones unless exclude_archived', async () => {
      assert.deepEqual(await names({}), ['general', 'no-bot', 'old-stuff', 'project-x']);
      assert.deepEqual(await names({ exclude_archived: true }), ['general', 'no-bot', 'project-x']);
    });

    it('lists private channels, group DMs and DMs only where the caller is a member', async () => {
      assert.deepEqual(await names({ types: 'private_channel' }), ['private-no-alice', 'secret-plans']);
      assert.deepEqual(await names({ types: 'mpim,im' }), [WORLD.channels.im, 'mpdm-alice--bob--connect-invites-1'].sort());
      await assert.rejects(bot.conversations.list({ types: 'public_channel,bogus' }), refusedWith('invalid_types'));
    });

    it('pages with cursor and limit (at most 1000)', async () => {
      const first = await bot.conversations.list({ types: 'public_channel,private_channel', limit: 2 });
      assert.equal(first.channels?.length, 2);
      assert.ok(first.response_metadata?.next_cursor);
      assert.deepEqual(await names({ types: 'public_channel,private_channel', limit: 2 }), await names({ types: 'public_channel,private_channel', limit: 1000 }));
      await assert.rejects(bot.conversations.list({ limit: 1001 }), refusedWith('invalid_limit'));
      await assert.rejects(bot.conversations.list({ cursor: 'bm9wZQ==' }), refusedWith('invalid_cursor'));
    });

    it('needs the read scope of each kind asked for', async () => {
      fake.setBotScopes(['channels:read']);
      assert.ok((await bot.conversations.list({ types: 'public_channel' })).ok);
      await assert.rejects(bot.conversations.list({ types: 'public_channel,private_channel' }), (e: { data?: SlackData }) => e.data?.error === 'missing_scope' && e.data.needed === 'groups:read');
      fake.setBotScopes(['chat:write']);
      await assert.rejects(bot.conversations.list(), refusedWith('missing_scope'));
    });

    it('is Tier 2 and needs team_id with an org-wide token', async () => {
      fake.addWorkspace({ teamId: 'T0ORGB', enterpriseId: 'E0ORGB' });
      const org = clientFor(fake.addInstallation({ enterpriseId: 'E0ORGB', isEnterpriseInstall: true, scopes: allBotScopes() }));
      await assert.rejects(org.conversations.list(), refusedWith('missing_argument'));
      assert.deepEqual((await org.conversations.list({ team_id: 'T0ORGB' })).channels, []);
      fake.setRateLimits({ multiplier: 1 });
      for (let i = 0; i < 20; i++) await bot.conversations.list({ limit: 1 });
      await assert.rejects(bot.conversations.list({ limit: 1 }), (e: { code?: string }) => e.code === 'slack_webapi_rate_limited_error');
    });
  });
});
