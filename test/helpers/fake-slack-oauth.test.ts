// The fake Slack as a distributed app meets it: many workspaces and org-wide installs, each with
// its own bot token; Slack's OAuth v2 (authorize, oauth.v2.access, rotation) and uninstalling
// (REF = /work/shared/reference/slack-api/connect-admin-and-oauth.md section 4); and the payload
// builders of slack-payloads-oauth.ts, built from docs/slack-samples/.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { WebClient } from '@slack/web-api';
import { allBotScopes, FakeSlack, WORLD } from './fake-slack.js';
import { appUninstalled, orgAppHomeOpened, orgBlockAction, orgSlashCommand, orgViewSubmission, otherSideViewSubmission, sampleForm, sampleJson, tokensRevoked, type OrgUser } from './slack-payloads-oauth.js';
import { errorCode, fakeClient, slackError, type ErrorData } from './web-api-errors.js';

const client = (fake: FakeSlack, token?: string) => fakeClient(fake, token ?? null);
type Data = ErrorData;

const REDIRECT = 'https://app.example.com/slack/oauth_redirect';
const OTHER_REDIRECT = 'https://app.example.com/slack/other_redirect';
const SECOND = 'T0SECOND';
const ORG = 'E0ORG';
const ORG_A = 'T0ORGA';
const ORG_B = 'T0ORGB';
const HOUR = 3600_000;

describe('FakeSlack installations and OAuth', () => {
  let fake: FakeSlack;
  let now: number;
  let noToken: WebClient;

  /** oauth.v2.access with the app's credentials in the body (as @slack/oauth sends them). */
  const access = (args: Record<string, string>) => noToken.oauth.v2.access({ client_id: fake.oauthApp.clientId, client_secret: fake.oauthApp.clientSecret, ...args }) as Promise<Data>;

  /** Installs the app in a workspace (or org-wide) through authorize and oauth.v2.access. */
  async function install(o: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean; scopes?: string[] }) {
    const { code } = fake.authorize({ userId: 'W0ADMIN', redirectUri: REDIRECT, ...o });
    return access({ code, redirect_uri: REDIRECT });
  }

  beforeEach(async () => {
    now = 1_700_000_000_000;
    fake = await FakeSlack.start({ scopes: allBotScopes(), rateLimits: 'off', clock: () => now, oauth: { redirectUris: [REDIRECT, OTHER_REDIRECT] } });
    fake.seedDefaultWorld();
    fake.addWorkspace({ teamId: SECOND, name: 'Second Team' });
    fake.addUser({ id: 'U0SECONDUSER', name: 'sam', realName: 'Sam Second', email: 'sam@second.example', teamId: SECOND });
    fake.addChannel({ id: 'C0SECOND', name: 'second-general', teamId: SECOND, members: ['U0SECONDUSER', 'UBOT0SECOND'] });
    fake.addWorkspace({ teamId: ORG_A, name: 'Org A', enterpriseId: ORG, enterpriseName: 'Big Org' });
    fake.addWorkspace({ teamId: ORG_B, name: 'Org B', enterpriseId: ORG });
    fake.addUser({ id: 'W0ORGAUSER', name: 'ana', teamId: ORG_A });
    fake.addUser({ id: 'W0ORGBUSER', name: 'ben', teamId: ORG_B });
    fake.addChannel({ id: 'C0ORGA', name: 'org-a', teamId: ORG_A, members: ['W0ORGAUSER'] });
    fake.addChannel({ id: 'C0ORGB', name: 'org-b', teamId: ORG_B, members: ['W0ORGBUSER'] });
    noToken = client(fake);
  });
  afterEach(async () => {
    await fake.stop();
  });

  describe('code exchange', () => {
    it('defaults: client 111.222 with a 32-hex secret, no rotation', () => {
      assert.equal(fake.oauthApp.clientId, '111.222');
      assert.match(fake.oauthApp.clientSecret, /^[0-9a-f]{32}$/);
      assert.equal(fake.oauthApp.rotation, false);
    });

    it('redirects with code and state, exchanges the code for a bot token of that workspace', async () => {
      const { code, redirectUrl } = fake.authorize({ teamId: SECOND, userId: 'U0SECONDUSER', redirectUri: REDIRECT, state: 's-123' });
      const url = new URL(redirectUrl);
      assert.equal(`${url.origin}${url.pathname}`, REDIRECT);
      assert.equal(url.searchParams.get('code'), code);
      assert.equal(url.searchParams.get('state'), 's-123');

      const res = await access({ code, redirect_uri: REDIRECT });
      assert.equal(res.ok, true);
      assert.match(res.access_token, /^xoxb-/);
      assert.deepEqual(res.team, { id: SECOND, name: 'Second Team' });
      assert.equal(res.enterprise, null);
      assert.equal(res.is_enterprise_install, false);
      assert.equal(res.token_type, 'bot');
      assert.deepEqual(res.authed_user, { id: 'U0SECONDUSER' });
      assert.equal(res.expires_in, undefined);
      assert.equal(res.refresh_token, undefined);
      assert.deepEqual(res.scope.split(','), allBotScopes());

      const me = await client(fake, res.access_token).auth.test();
      assert.equal(me.team_id, SECOND);
      assert.equal(me.user_id, res.bot_user_id);
      assert.equal(me.bot_id, fake.installation(SECOND)?.botId);
      assert.deepEqual(fake.installation(SECOND), { teamId: SECOND, isEnterpriseInstall: false, botUserId: 'UBOT0SECOND', botId: 'B0SECOND', appId: 'A0APP', scopes: allBotScopes() });
      assert.equal(fake.user('UBOT0SECOND')?.teamId, SECOND, 'the bot user joins its workspace');
    });

    it('accepts the credentials by HTTP Basic auth, and names bad ones', async () => {
      const { code } = fake.authorize({ teamId: SECOND, userId: 'U0SECONDUSER' });
      const post = (auth: string, body: string) =>
        fetch(`${fake.url}oauth.v2.access`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' }, body }).then((r) => r.json() as Promise<Data>);
      const { clientId, clientSecret } = fake.oauthApp;
      assert.equal((await post(`${clientId}:wrong`, `code=${code}`)).error, 'bad_client_secret');
      assert.equal((await post(`999.999:${clientSecret}`, `code=${code}`)).error, 'invalid_client_id');
      assert.equal((await post(`${clientId}:${clientSecret}`, `code=${code}&grant_type=password`)).error, 'invalid_grant_type');
      assert.equal((await access({ code, client_secret: 'nope' }).catch((e: { data: Data }) => e.data)).error, 'bad_client_secret');
      const ok = await post(`${clientId}:${clientSecret}`, `code=${code}`);
      assert.equal(ok.ok, true, 'a refused request does not use the code up');
      const call = fake.callsTo('oauth.v2.access').at(-1);
      assert.equal(call?.token, undefined);
      assert.equal(call?.teamId, SECOND);
    });

    it('refuses a code used twice, an unknown one and one older than 10 minutes', async () => {
      const { code } = fake.authorize({ teamId: SECOND, userId: 'U0SECONDUSER' });
      assert.equal((await access({ code })).ok, true);
      assert.equal(await errorCode(access({ code })), 'invalid_code');
      assert.equal(await errorCode(access({ code: 'made.up.code' })), 'invalid_code');
      assert.equal(await errorCode(access({})), 'invalid_code');
      const late = fake.authorize({ teamId: SECOND, userId: 'U0SECONDUSER' });
      now += 10 * 60_000;
      assert.equal(await errorCode(access({ code: late.code })), 'invalid_code');
    });

    it('wants the redirect_uri sent at authorize, or none but the first when none was', async () => {
      const sent = fake.authorize({ teamId: SECOND, userId: 'U0SECONDUSER', redirectUri: OTHER_REDIRECT });
      assert.equal(await errorCode(access({ code: sent.code, redirect_uri: REDIRECT })), 'bad_redirect_uri');
      assert.equal(await errorCode(access({ code: sent.code })), 'bad_redirect_uri');
      assert.equal((await access({ code: sent.code, redirect_uri: OTHER_REDIRECT })).ok, true);
      const unsent = fake.authorize({ teamId: SECOND, userId: 'U0SECONDUSER' });
      assert.equal(new URL(unsent.redirectUrl).pathname, new URL(REDIRECT).pathname);
      assert.equal(await errorCode(access({ code: unsent.code, redirect_uri: OTHER_REDIRECT })), 'bad_redirect_uri');
      assert.equal((await access({ code: unsent.code, redirect_uri: REDIRECT })).ok, true);
      assert.throws(() => fake.authorize({ teamId: SECOND, userId: 'U0SECONDUSER', redirectUri: 'https://evil.example/cb' }), /bad_redirect_uri/);
      assert.equal(fake.authorize({ teamId: SECOND, userId: 'U0SECONDUSER', redirectUri: `${REDIRECT}/sub` }).redirectUrl.startsWith(`${REDIRECT}/sub?`), true, 'a subpath is allowed (REF 4.1)');
    });

    it('sends the person back with error=access_denied when they cancel', () => {
      const denied = fake.authorize({ teamId: SECOND, userId: 'U0SECONDUSER', state: 'st', deny: true });
      const url = new URL(denied.redirectUrl);
      assert.equal(denied.code, undefined);
      assert.equal(url.searchParams.get('error'), 'access_denied');
      assert.equal(url.searchParams.get('state'), 'st');
      assert.equal(url.searchParams.has('code'), false);
    });

    it('re-installing adds scopes, never removes them (REF 4.1)', async () => {
      const first = await install({ teamId: SECOND, scopes: ['chat:write', 'users:read'] });
      const again = await install({ teamId: SECOND, scopes: ['channels:read'] });
      assert.deepEqual(again.scope.split(',').sort(), ['channels:read', 'chat:write', 'users:read']);
      assert.equal(again.bot_user_id, first.bot_user_id);
      const info = await client(fake, first.access_token).conversations.info({ channel: 'C0SECOND' });
      assert.deepEqual(info.response_metadata?.scopes?.sort(), ['channels:read', 'chat:write', 'users:read']);
    });

    it('installs org-wide: team null, the enterprise, W… bot user; a workspace install of that org is then refused', async () => {
      const res = await install({ enterpriseId: ORG, isEnterpriseInstall: true });
      assert.equal(res.team, null);
      assert.deepEqual(res.enterprise, { id: ORG, name: 'Big Org' });
      assert.equal(res.is_enterprise_install, true);
      assert.match(res.bot_user_id, /^W/);
      assert.equal(fake.installation(ORG)?.isEnterpriseInstall, true);
      assert.equal(fake.installation(ORG)?.teamId, undefined);
      assert.equal(await errorCode(install({ teamId: ORG_A })), 'cannot_install_an_org_installed_app');
    });
  });

  describe('token rotation', () => {
    beforeEach(() => {
      fake.oauthApp = { ...fake.oauthApp, rotation: true };
    });

    it('issues expiring xoxe.xoxb- tokens with a refresh token; a refresh token works once', async () => {
      const first = await install({ teamId: SECOND });
      assert.match(first.access_token, /^xoxe\.xoxb-/);
      assert.match(first.refresh_token, /^xoxe-1-/);
      assert.equal(first.expires_in, 43_200);
      assert.equal((await client(fake, first.access_token).auth.test()).expires_in, 43_200);

      now += HOUR;
      const second = await access({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
      assert.match(second.access_token, /^xoxe\.xoxb-/);
      assert.notEqual(second.access_token, first.access_token);
      assert.notEqual(second.refresh_token, first.refresh_token);
      assert.equal(second.expires_in, 43_200);
      assert.deepEqual(second.team, { id: SECOND, name: 'Second Team' });
      assert.equal(fake.refreshCount(SECOND), 1);
      assert.equal(await errorCode(access({ grant_type: 'refresh_token', refresh_token: first.refresh_token })), 'invalid_refresh_token');
      assert.equal(await errorCode(access({ grant_type: 'refresh_token', refresh_token: 'xoxe-1-unknown' })), 'invalid_refresh_token');
      assert.equal(fake.refreshCount(SECOND), 1, 'refused refreshes are not counted');
      // Refreshing does not end the current token (REF 4.3).
      assert.equal((await client(fake, first.access_token).auth.test()).ok, true);
      assert.equal((await client(fake, first.access_token).auth.test()).expires_in, 43_200 - 3600);
      // The exchange, the refresh and the refused reuse were for this installation; the unknown refresh token for none.
      assert.equal(fake.callsFor(SECOND, 'oauth.v2.access').length, 3);
    });

    it('accepts a used refresh token again within a grace period when one is set', async () => {
      fake.oauthApp = { ...fake.oauthApp, refreshGraceSeconds: 30 };
      const first = await install({ teamId: SECOND });
      await access({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
      now += 29_000;
      assert.equal((await access({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).ok, true);
      now += 1_000;
      assert.equal(await errorCode(access({ grant_type: 'refresh_token', refresh_token: first.refresh_token })), 'invalid_refresh_token');
    });

    it('answers token_expired 12 hours after a token was issued', async () => {
      const { access_token } = await install({ teamId: SECOND });
      const bot = client(fake, access_token);
      now += 43_200_000 - 1;
      assert.equal((await bot.conversations.info({ channel: 'C0SECOND' })).ok, true);
      now += 1;
      assert.equal(await errorCode(bot.conversations.info({ channel: 'C0SECOND' })), 'token_expired');
      assert.equal(await errorCode(bot.auth.test()), 'token_expired');
    });

    it('keeps at most two live access tokens per installation: the oldest is revoked', async () => {
      const t1 = await install({ teamId: SECOND });
      const t2 = await access({ grant_type: 'refresh_token', refresh_token: t1.refresh_token });
      assert.equal((await client(fake, t1.access_token).auth.test()).ok, true, 'two live');
      const t3 = await access({ grant_type: 'refresh_token', refresh_token: t2.refresh_token });
      assert.equal(await errorCode(client(fake, t1.access_token).auth.test()), 'token_revoked');
      assert.equal((await client(fake, t2.access_token).auth.test()).ok, true);
      assert.equal((await client(fake, t3.access_token).auth.test()).ok, true);
      assert.equal(fake.refreshCount(SECOND), 2);
    });
  });

  describe('tokens per installation', () => {
    it('auth.test answers for each token’s installation; the default one as before', async () => {
      const def = await client(fake, fake.botToken).auth.test();
      assert.deepEqual(def, {
        ok: true,
        url: 'https://fake.slack.com/',
        team: 'Test Team',
        user: 'connect-invites',
        team_id: WORLD.teamId,
        user_id: WORLD.users.bot,
        is_enterprise_install: false,
        bot_id: 'B0BOT',
        response_metadata: def.response_metadata,
      });
      const ws = await client(fake, (await install({ teamId: SECOND })).access_token).auth.test();
      assert.equal(ws.url, 'https://secondteam.slack.com/');
      assert.equal(ws.team, 'Second Team');
      assert.equal(ws.team_id, SECOND);
      assert.equal(ws.enterprise_id, undefined);

      const grid = await client(fake, (await install({ teamId: ORG_B })).access_token).auth.test();
      assert.equal(grid.team_id, ORG_B);
      assert.equal(grid.enterprise_id, ORG, 'a Grid workspace install names its organization');
      assert.equal(grid.is_enterprise_install, false);
      assert.match(grid.user_id as string, /^W/);

      fake.uninstall(ORG_B); // an org-wide install may not share an org with a workspace one
      const org = await client(fake, (await install({ enterpriseId: ORG, isEnterpriseInstall: true })).access_token).auth.test();
      assert.equal(org.team_id, ORG);
      assert.equal(org.enterprise_id, ORG);
      assert.equal(org.team, 'Big Org');
      assert.equal(org.is_enterprise_install, true);
      assert.equal(org.url, 'https://bigorg.enterprise.slack.com/');
      assert.equal(org.bot_id, fake.installation(ORG)?.botId);
    });

    it('installs without OAuth when a test only needs a token (addInstallation), once per workspace', async () => {
      const token = fake.addInstallation({ teamId: SECOND, scopes: ['chat:write'] });
      const me = await client(fake, token).auth.test();
      assert.equal(me.team_id, SECOND);
      assert.deepEqual(me.response_metadata?.scopes, ['chat:write']);
      assert.throws(() => fake.addInstallation({ teamId: SECOND }), /installed in T0SECOND already/);
      assert.throws(() => fake.addInstallation({ teamId: WORLD.teamId }), /already/);
      assert.equal(await client(fake, fake.addInstallation({ enterpriseId: ORG, isEnterpriseInstall: true })).auth.test().then((r) => r.team_id), ORG);
    });

    it('records each call’s installation, and callsFor lists one installation’s calls', async () => {
      const ws = client(fake, (await install({ teamId: SECOND })).access_token);
      const org = client(fake, (await install({ enterpriseId: ORG, isEnterpriseInstall: true })).access_token);
      await ws.auth.test();
      await org.auth.test();
      await client(fake, fake.botToken).auth.test();
      const [, , wsCall, orgCall, defCall] = fake.calls;
      assert.equal(wsCall?.teamId, SECOND);
      assert.equal(wsCall?.enterpriseId, undefined);
      assert.equal(orgCall?.teamId, undefined);
      assert.equal(orgCall?.enterpriseId, ORG);
      assert.equal(defCall?.teamId, WORLD.teamId);
      assert.deepEqual(fake.callsFor(SECOND).map((c) => c.method), ['oauth.v2.access', 'auth.test']);
      assert.deepEqual(fake.callsFor(ORG, 'auth.test'), [orgCall]);
      assert.deepEqual(fake.callsFor(WORLD.teamId), [defCall]);
    });

    it('refuses a workspace token another workspace’s channels and people, as ones it cannot see', async () => {
      const second = client(fake, (await install({ teamId: SECOND })).access_token);
      const def = client(fake, fake.botToken);
      assert.equal(await errorCode(second.conversations.info({ channel: WORLD.channels.public })), 'channel_not_found');
      assert.equal(await errorCode(second.chat.postMessage({ channel: WORLD.channels.public, text: 'hi' })), 'channel_not_found');
      assert.equal(await errorCode(second.conversations.members({ channel: WORLD.channels.general })), 'channel_not_found');
      assert.equal(await errorCode(second.users.info({ user: WORLD.users.alice })), 'user_not_found');
      assert.equal(await errorCode(second.users.lookupByEmail({ email: WORLD.emails.alice })), 'users_not_found');
      assert.equal(await errorCode(def.conversations.info({ channel: 'C0SECOND' })), 'channel_not_found');
      assert.equal(await errorCode(def.users.info({ user: 'U0SECONDUSER' })), 'user_not_found');
      assert.equal(await errorCode(def.conversations.invite({ channel: WORLD.channels.public, users: 'U0SECONDUSER' })), 'user_not_found');
      // Its own, and the other side of Slack Connect as before.
      assert.equal((await second.conversations.info({ channel: 'C0SECOND' })).ok, true);
      assert.equal((await second.users.info({ user: 'U0SECONDUSER' })).ok, true);
      assert.equal((await def.users.info({ user: WORLD.users.ext })).ok, true);
    });

    it('lets both workspaces see a channel shared between them, and the people in it', async () => {
      const second = client(fake, (await install({ teamId: SECOND })).access_token);
      const shared = fake.addChannel({ id: 'C0SHARED', name: 'shared', isExtShared: true, sharedTeamIds: [SECOND], members: [WORLD.users.alice, WORLD.users.bot, 'U0SECONDUSER', 'UBOT0SECOND'] });
      const info = await second.conversations.info({ channel: shared.id });
      assert.equal(info.channel?.context_team_id, WORLD.teamId);
      assert.deepEqual(info.channel?.shared_team_ids, [WORLD.teamId, SECOND]);
      assert.equal(info.channel?.is_ext_shared, true);
      assert.equal((await second.users.info({ user: WORLD.users.alice })).ok, true, 'a person of the other side of a shared channel');
      assert.equal((await client(fake, fake.botToken).users.info({ user: 'U0SECONDUSER' })).ok, true);
      assert.equal(await errorCode(second.users.info({ user: WORLD.users.carol })), 'user_not_found', 'not in the shared channel');
    });

    it('lets an org-wide token see every workspace of its organization, and only those', async () => {
      const org = client(fake, (await install({ enterpriseId: ORG, isEnterpriseInstall: true })).access_token);
      assert.equal((await org.conversations.info({ channel: 'C0ORGA' })).ok, true);
      assert.equal((await org.conversations.info({ channel: 'C0ORGB' })).ok, true);
      assert.equal((await org.users.info({ user: 'W0ORGBUSER' })).ok, true);
      assert.equal(await errorCode(org.conversations.info({ channel: WORLD.channels.public })), 'channel_not_found');
      assert.equal(await errorCode(org.users.info({ user: WORLD.users.alice })), 'user_not_found');
      const a = client(fake, (await install({ teamId: SECOND })).access_token);
      assert.equal(await errorCode(a.conversations.info({ channel: 'C0ORGA' })), 'channel_not_found');
    });

    it('wants team_id of an org-wide token where the docs say so, and answers for that workspace', async () => {
      const org = client(fake, (await install({ enterpriseId: ORG, isEnterpriseInstall: true })).access_token);
      const orgBot = fake.installation(ORG)!.botUserId;
      fake.channel('C0ORGA')!.members.push(orgBot);
      fake.channel('C0ORGB')!.members.push(orgBot);
      fake.usergroups.add({ id: 'S0ORGA', handle: 'a-team', name: 'A team', users: ['W0ORGAUSER'], teamId: ORG_A });
      for (const call of [() => org.users.conversations({}), () => org.conversations.listConnectInvites({}), () => org.usergroups.list(), () => org.usergroups.users.list({ usergroup: 'S0ORGA' })]) {
        const data = await slackError(call());
        assert.equal(data.error, 'missing_argument');
        assert.equal(data.arg, 'team_id');
      }
      const inA = await org.users.conversations({ team_id: ORG_A });
      assert.deepEqual(inA.channels?.map((c) => c.id), ['C0ORGA']);
      assert.deepEqual((await org.users.conversations({ team_id: ORG_B })).channels?.map((c) => c.id), ['C0ORGB']);
      assert.deepEqual((await org.usergroups.list({ team_id: ORG_A })).usergroups?.map((g) => g.id), ['S0ORGA']);
      assert.deepEqual((await org.usergroups.list({ team_id: ORG_B })).usergroups, []);
      assert.deepEqual((await org.usergroups.users.list({ usergroup: 'S0ORGA', team_id: ORG_A })).users, ['W0ORGAUSER']);
      assert.equal(await errorCode(org.usergroups.users.list({ usergroup: 'S0ORGA', team_id: ORG_B })), 'no_such_subteam');
      await org.conversations.inviteShared({ channel: 'C0ORGB', emails: ['x@partner.example'] });
      assert.equal((await org.conversations.listConnectInvites({ team_id: ORG_A })).invites?.length, 0);
      const inB = await org.conversations.listConnectInvites({ team_id: ORG_B });
      assert.equal(inB.invites?.length, 1);
      assert.equal(inB.invites?.[0]?.invite?.inviting_team?.id, ORG_B);
      assert.equal(await errorCode(org.users.conversations({ team_id: SECOND })), 'team_access_not_granted');
      // A workspace token's team_id is ignored (docs), and the default world's answers are as before.
      const def = client(fake, fake.botToken);
      assert.deepEqual((await def.usergroups.list({ team_id: ORG_A })).usergroups, []);
      assert.ok((await def.users.conversations({ team_id: ORG_A })).channels!.length > 0);
    });
  });

  describe('uninstall', () => {
    it('revokes every token of the installation, and only those; the app can be installed again', async () => {
      fake.oauthApp = { ...fake.oauthApp, rotation: true };
      const first = await install({ teamId: SECOND });
      const second = await access({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
      fake.uninstall(SECOND);
      assert.equal(await errorCode(client(fake, first.access_token).auth.test()), 'token_revoked');
      assert.equal(await errorCode(client(fake, second.access_token).chat.postMessage({ channel: 'C0SECOND', text: 'hi' })), 'token_revoked');
      assert.equal(await errorCode(access({ grant_type: 'refresh_token', refresh_token: second.refresh_token })), 'invalid_refresh_token');
      assert.equal(fake.installation(SECOND), undefined);
      assert.equal((await client(fake, fake.botToken).auth.test()).ok, true, 'other installations keep working');
      const again = await install({ teamId: SECOND });
      assert.equal((await client(fake, again.access_token).auth.test()).team_id, SECOND);
    });

    it('uninstalling the default workspace revokes the default bot and user tokens', async () => {
      fake.uninstall(WORLD.teamId);
      assert.equal(await errorCode(client(fake, fake.botToken).auth.test()), 'token_revoked');
      assert.equal(await errorCode(client(fake, fake.userToken).auth.test()), 'token_revoked');
      fake.reset();
      assert.equal(await errorCode(client(fake, fake.botToken).auth.test()), 'token_revoked', 'reset() keeps installations as they are');
    });
  });

  it('answers oauth.v2.access with the fields and types the reference lists (REF 4.2)', async () => {
    // REF 4.2 "Response fields", bot part: name → JSON type ('object|null': an object, or null for an org-wide install).
    const BOT_PART = { ok: 'boolean', app_id: 'string', team: 'object|null', enterprise: 'object|null', is_enterprise_install: 'boolean', access_token: 'string', token_type: 'string', scope: 'string', bot_user_id: 'string', authed_user: 'object' };
    const ROTATION = { expires_in: 'number', refresh_token: 'string' };
    const typeOf = (v: unknown) => (v === null ? 'null' : typeof v);
    const check = (res: Data, fields: Record<string, string>) => {
      for (const [key, type] of Object.entries(fields)) assert.ok(type.split('|').includes(typeOf(res[key])), `${key}: ${typeOf(res[key])}, expected ${type}`);
      if (res.team !== null) assert.deepEqual(Object.keys(res.team).sort(), ['id', 'name']);
      if (res.enterprise !== null) assert.deepEqual(Object.keys(res.enterprise).sort(), ['id', 'name']);
      assert.equal(typeof res.authed_user.id, 'string');
    };
    const ws = await install({ teamId: ORG_A });
    check(ws, BOT_PART);
    assert.deepEqual(ws.enterprise, { id: ORG, name: 'Big Org' }, 'a Grid workspace install names its enterprise');
    for (const key of Object.keys(ROTATION)) assert.equal(key in ws, false, `${key} only with rotation`);
    fake.uninstall(ORG_A);
    fake.oauthApp = { ...fake.oauthApp, rotation: true };
    const org = await install({ enterpriseId: ORG, isEnterpriseInstall: true });
    check(org, { ...BOT_PART, ...ROTATION });
    assert.equal(org.team, null);
    const refreshed = await access({ grant_type: 'refresh_token', refresh_token: org.refresh_token });
    const { authed_user: _u, ...refreshPart } = BOT_PART;
    check({ ...refreshed, authed_user: { id: '' } }, { ...refreshPart, ...ROTATION });
  });
});

describe('payload builders for a distributed app, from Slack’s recorded payloads', () => {
  const user: OrgUser = { id: 'W0ORGAUSER', teamId: 'T0ORGA', enterpriseId: 'E0ORG', enterpriseName: 'Big Org' };
  const opened = { id: 'V0OPENED', hash: '1.abc', view: { type: 'modal', callback_id: 'share_channel', blocks: [], private_metadata: '{"x":1}', team_id: 'T0ORGA', app_installed_team_id: 'E0ORG', bot_id: 'B0ORG' } };
  const keysOf = (o: Record<string, unknown>) => Object.keys(o).sort();

  it('an org-wide slash command: the recorded body with the IDs replaced', () => {
    const form = new URLSearchParams(orgSlashCommand({ command: '/share-channel', text: 'a@b.example', user, channelId: 'C0ORGA' }).body);
    const sample = sampleForm('commands/slash_command_body.org_level_app.txt');
    assert.deepEqual([...form.keys()].sort(), [...sample.keys()].sort());
    assert.equal(form.get('is_enterprise_install'), 'true');
    assert.equal(form.get('enterprise_id'), 'E0ORG');
    assert.equal(form.get('team_id'), 'T0ORGA');
    assert.equal(form.get('user_id'), 'W0ORGAUSER');
    assert.match(form.get('response_url')!, /^http:\/\/127\.0\.0\.1:1\//);
  });

  it('an org-wide view submission, block action and app_home_opened keep the recordings’ keys', () => {
    const sub = JSON.parse(new URLSearchParams(orgViewSubmission(opened, {}, user).body).get('payload')!);
    const sampleSub = sampleJson('interactive/view_submission_org_app.json');
    assert.deepEqual(keysOf(sub), keysOf(sampleSub));
    assert.equal(sub.team, null);
    assert.equal(sub.is_enterprise_install, true);
    assert.equal(sub.view.app_installed_team_id, 'E0ORG');
    assert.equal(sub.view.team_id, 'T0ORGA');
    assert.equal(sub.view.callback_id, 'share_channel');
    assert.equal(sub.user.team_id, 'T0ORGA');

    const msg = JSON.parse(new URLSearchParams(orgBlockAction({ actionId: 'go', value: 'v', user, channelId: 'C0ORGA' }).body).get('payload')!);
    assert.deepEqual(keysOf(msg), keysOf(sampleJson('interactive/block_actions_message_org_install.json')));
    assert.equal(msg.team, null);
    assert.equal(msg.channel.id, 'C0ORGA');
    assert.equal(msg.actions[0].action_id, 'go');
    const home = JSON.parse(new URLSearchParams(orgBlockAction({ actionId: 'go', user, view: { ...opened, type: 'home' } }).body).get('payload')!);
    assert.deepEqual(home.container, { type: 'view', view_id: 'V0OPENED' });
    assert.equal('response_url' in home, false);

    const ev = JSON.parse(orgAppHomeOpened({ user, botUserId: 'WBOT0ORG' }).body);
    assert.deepEqual(keysOf(ev), keysOf(sampleJson('events/app_home_opened.org_app_envelope.json')));
    assert.equal(ev.enterprise_id, 'E0ORG');
    assert.equal(ev.authorizations[0].team_id, null);
    assert.equal(ev.authorizations[0].user_id, 'WBOT0ORG');
    assert.equal(ev.event.tab, 'home');
  });

  it('a Slack Connect other-side view submission carries the app’s form and the installation', () => {
    const sub = JSON.parse(new URLSearchParams(otherSideViewSubmission(opened, { b: {} }, { installedTeamId: WORLD.teamId }).body).get('payload')!);
    assert.equal(sub.team.id, 'T-other-side');
    assert.equal(sub.user.id, 'W111');
    assert.equal(sub.view.app_installed_team_id, WORLD.teamId);
    assert.equal(sub.view.private_metadata, '{"x":1}');
    assert.deepEqual(sub.view.state, { values: { b: {} } });
    assert.equal('is_enterprise_install' in sub, false);
  });

  it('app_uninstalled and tokens_revoked, for a workspace and an org-wide install', () => {
    const ws = { teamId: SECOND, isEnterpriseInstall: false, botUserId: 'UBOT0SECOND' };
    const un = JSON.parse(appUninstalled(ws).body);
    assert.deepEqual(keysOf(un), ['api_app_id', 'authorizations', 'event', 'event_id', 'event_time', 'is_ext_shared_channel', 'team_id', 'token', 'type']);
    assert.deepEqual(un.event, { type: 'app_uninstalled' });
    assert.equal(un.team_id, SECOND);
    const rev = JSON.parse(tokensRevoked(ws).body);
    assert.deepEqual(rev.event, { type: 'tokens_revoked', tokens: { bot: ['UBOT0SECOND'] } });
    const org = JSON.parse(tokensRevoked({ enterpriseId: ORG, isEnterpriseInstall: true, botUserId: 'WBOT0ORG' }, { oauth: ['W0ADMIN'] }).body);
    assert.equal(org.enterprise_id, ORG);
    assert.equal(org.authorizations[0].is_enterprise_install, true);
    assert.equal(org.authorizations[0].team_id, null);
    assert.deepEqual(org.event.tokens, { oauth: ['W0ADMIN'] });
  });
});
