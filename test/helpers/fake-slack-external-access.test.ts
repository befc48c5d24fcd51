// The fake Slack's conversations.externalInvitePermissions.set (fake-slack/connect-admin.ts), as
// the reference describes it (REF = /work/shared/reference/slack-api/connect-admin-and-oauth.md
// 1.9): one external team of a shared channel between limited (post only) and fully shared, that
// team already in the channel; conversations.connect:manage; Tier 2; by POST (DSD-JSON and
// Slack's clients) and by GET (the legacy page).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { WebClient } from '@slack/web-api';
import { allBotScopes, FakeSlack, manifestBotScopes, RATE_LIMITS, SCOPES, WORLD } from './fake-slack.js';
import { errorCode, fakeClient, slackError } from './web-api-errors.js';

const METHOD = 'conversations.externalInvitePermissions.set';
const PARTNER = { id: WORLD.partnerTeamId, name: 'Partner Co', domain: 'partner' };
const PARTNER_ORG = { id: 'E0PARTNERORG', name: 'Partner Org', domain: 'partnerorg' };
const { ext } = WORLD.users;
const c = WORLD.channels;

describe('the fake Slack: conversations.externalInvitePermissions.set', () => {
  let fake: FakeSlack;
  let bot: WebClient;
  const set = (args: Record<string, unknown>, client = bot) => client.apiCall(METHOD, args);

  /** An invitation to the public channel that `team` accepted with no approval needed: the channel is shared with it. */
  async function sharedWith(team: { id: string; name?: string; domain?: string }, externalLimited = true): Promise<void> {
    const { invite_id } = await bot.conversations.inviteShared({ channel: c.public, emails: [`${team.id.toLowerCase()}@partner.example`], external_limited: externalLimited });
    fake.acceptConnectInvite(String(invite_id), { acceptingTeam: team, acceptingUserId: ext, approvalRequired: false });
  }

  beforeEach(async () => {
    fake = await FakeSlack.start({ scopes: allBotScopes(), rateLimits: 'off' });
    fake.seedDefaultWorld();
    bot = fakeClient(fake);
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('starts the accepting team with the access its invitation gave, then upgrades and downgrades it (the same access again is ok)', async () => {
    assert.equal(fake.externalAccess(c.public, PARTNER.id), undefined, 'not in the channel before it accepted');
    await sharedWith(PARTNER, true);
    assert.equal(fake.externalAccess(c.public, PARTNER.id), 'limited');
    assert.equal((await bot.conversations.externalInvitePermissions.set({ channel: c.public, target_team: PARTNER.id, action: 'upgrade' })).ok, true);
    assert.equal(fake.externalAccess(c.public, PARTNER.id), 'full');
    assert.equal((await set({ channel: c.public, target_team: PARTNER.id, action: 'upgrade' })).ok, true, 'already full: ok, nothing changes');
    assert.equal(fake.externalAccess(c.public, PARTNER.id), 'full');
    await set({ channel: c.public, target_team: PARTNER.id, action: 'downgrade' });
    assert.equal(fake.externalAccess(c.public, PARTNER.id), 'limited');
    // An Enterprise organization accepting: its E… ID is the target team.
    await sharedWith(PARTNER_ORG, false);
    assert.equal(fake.externalAccess(c.public, PARTNER_ORG.id), 'full');
    await set({ channel: c.public, target_team: PARTNER_ORG.id, action: 'downgrade' });
    assert.deepEqual([fake.externalAccess(c.public, PARTNER_ORG.id), fake.externalAccess(c.public, PARTNER.id)], ['limited', 'limited'], 'one team at a time');
  });

  it('answers by GET (the legacy page) as by POST, arguments in the query string', async () => {
    await sharedWith(PARTNER, true);
    const get = await fetch(`${fake.url}${METHOD}?channel=${c.public}&target_team=${PARTNER.id}&action=upgrade`, { headers: { authorization: `Bearer ${fake.botToken}` } });
    assert.deepEqual([get.status, await get.json()], [200, { ok: true }]);
    assert.equal(fake.externalAccess(c.public, PARTNER.id), 'full');
    const post = await fetch(`${fake.url}${METHOD}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: c.public, target_team: PARTNER.id, action: 'downgrade' }),
    });
    assert.deepEqual([post.status, await post.json()], [200, { ok: true }]);
    assert.equal(fake.externalAccess(c.public, PARTNER.id), 'limited');
  });

  it('checks its arguments: missing ones, invalid_action, channel_not_found, invalid_target_team', async () => {
    await sharedWith(PARTNER, true);
    for (const missing of ['channel', 'target_team', 'action']) {
      const args: Record<string, unknown> = { channel: c.public, target_team: PARTNER.id, action: 'upgrade' };
      delete args[missing];
      assert.equal(await errorCode(set(args)), 'invalid_arguments', missing);
    }
    assert.equal(await errorCode(set({ channel: c.public, target_team: PARTNER.id, action: 'promote' })), 'invalid_action');
    assert.equal(await errorCode(set({ channel: 'C0NOSUCH', target_team: PARTNER.id, action: 'upgrade' })), 'channel_not_found');
    assert.equal(await errorCode(set({ channel: c.public, target_team: 'T0NOTINIT', action: 'upgrade' })), 'invalid_target_team', 'a team not in the channel');
    assert.equal(await errorCode(set({ channel: c.public, target_team: WORLD.teamId, action: 'upgrade' })), 'invalid_target_team', 'the caller’s own team is not external');
    assert.equal(await errorCode(set({ channel: c.general, target_team: PARTNER.id, action: 'upgrade' })), 'invalid_target_team', 'a channel not shared with it');
    assert.equal(fake.externalAccess(c.public, PARTNER.id), 'limited', 'nothing changed');
  });

  it('answers not_supported or restricted_action for a workspace set so, and the other documented codes on demand', async () => {
    await sharedWith(PARTNER, true);
    fake.refuseExternalAccessChanges(WORLD.teamId, 'not_supported');
    assert.equal(await errorCode(set({ channel: c.public, target_team: PARTNER.id, action: 'upgrade' })), 'not_supported');
    fake.refuseExternalAccessChanges(WORLD.teamId, 'restricted_action');
    assert.equal(await errorCode(set({ channel: c.public, target_team: PARTNER.id, action: 'upgrade' })), 'restricted_action');
    assert.equal(fake.externalAccess(c.public, PARTNER.id), 'limited');
    fake.refuseExternalAccessChanges(WORLD.teamId, undefined);
    assert.equal((await set({ channel: c.public, target_team: PARTNER.id, action: 'upgrade' })).ok, true);
    for (const code of ['channel_not_found', 'not_supported', 'restricted_action', 'invalid_target_team', 'invalid_action']) {
      fake.failNext(METHOD, code);
      assert.equal(await errorCode(set({ channel: c.public, target_team: PARTNER.id, action: 'downgrade' })), code);
    }
  });

  it('needs conversations.connect:manage: the app’s default scopes (manifest.json) are refused', async () => {
    assert.equal(SCOPES[METHOD]?.bot?.join(), 'conversations.connect:manage');
    const app = await FakeSlack.start({ rateLimits: 'off', scopes: manifestBotScopes() });
    try {
      app.seedDefaultWorld();
      const data = await slackError(fakeClient(app).apiCall(METHOD, { channel: c.public, target_team: PARTNER.id, action: 'upgrade' }));
      assert.deepEqual([data.error, data.needed], ['missing_scope', 'conversations.connect:manage']);
    } finally {
      await app.stop();
    }
  });

  it('is Tier 2: the 21st call in a minute answers 429 with Retry-After, whatever the answers', async () => {
    assert.equal(RATE_LIMITS[METHOD]?.calls, 20);
    let now = 1_000_000;
    const limited = await FakeSlack.start({ scopes: allBotScopes(), clock: () => now });
    try {
      const call = () => fetch(`${limited.url}${METHOD}`, { method: 'POST', headers: { authorization: `Bearer ${limited.botToken}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'channel=C0X&target_team=T0X&action=upgrade' });
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await call()).status);
      assert.deepEqual(statuses, [...Array(20).fill(200), 429]);
      const last = await call();
      assert.ok(Number(last.headers.get('retry-after')) > 0);
      now += 60_000;
      assert.equal((await call()).status, 200);
    } finally {
      await limited.stop();
    }
  });
});
