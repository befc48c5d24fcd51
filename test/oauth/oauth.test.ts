// OAuth distribution end to end: the app in OAuth mode, installed through its own install page
// and redirect as a browser and Slack do it (the fake Slack plays slack.com's authorize page and
// oauth.v2.access), into two workspaces and one Enterprise Grid organization (org-wide). Every
// Slack call is checked at the fake against the token that made it: a workspace token sees only
// its workspace, an org token only its organization, and names the workspace (team_id) where
// Slack requires it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack, WORLD } from '../helpers/fake-slack.js';
import { shareChannelValues, slashCommand, stateValue, viewSubmission, type OpenedView } from '../helpers/slack-payloads.js';
import { INVITE_PRIVATE } from '../../src/slack/ids.js';
import { appUninstalled, orgAppHomeOpened, orgBlockAction, orgSlashCommand, orgViewSubmission, otherSideViewSubmission, tokensRevoked, type OrgUser } from '../helpers/slack-payloads-oauth.js';
import { until } from '../helpers/until.js';
import { addToSlackLink, browser as newBrowser, installThroughApp, oauthModeEnv } from '../helpers/oauth-flow.js';

/** The app's public address as Slack knows it (the Redirect URL); the test's browser maps it to the local port. */
const PUBLIC_REDIRECT = 'https://connect-invites.example/slack/oauth_redirect';
const SECOND = { teamId: 'T0SECOND', alice: 'U2ALICE', admin: 'U2ADMIN', channel: 'C2PROJECT', privateChannel: 'G2PRIVATE' };
const ORG = { enterpriseId: 'E0ORG', teamId: 'T0ORGA', person: 'W0ORGPERSON', channel: 'C0ORGPROJ' };
const orgUser: OrgUser = { id: ORG.person, teamId: ORG.teamId, enterpriseId: ORG.enterpriseId, enterpriseName: 'Org Inc' };
const alice = WORLD.users.alice;

describe('OAuth distribution: two workspaces and a Grid organization install the app', () => {
  let fake: FakeSlack;
  let db: TestDatabase;
  let app: TestApp;
  const issuedTokens: string[] = [];

  before(async () => {
    fake = await FakeSlack.start({ oauth: { redirectUris: [PUBLIC_REDIRECT] } });
    fake.seedDefaultWorld();
    fake.addWorkspace({ teamId: SECOND.teamId, name: 'Second Co' });
    fake.addUser({ id: SECOND.alice, name: 'alice2', realName: 'Alice Second', email: 'alice@second.example', teamId: SECOND.teamId });
    fake.addUser({ id: SECOND.admin, name: 'admin2', realName: 'Admin Second', email: 'admin@second.example', isAdmin: true, teamId: SECOND.teamId });
    const secondBot = `UBOT${SECOND.teamId.slice(1)}`;
    fake.addChannel({ id: SECOND.channel, name: 'second-project', members: [SECOND.alice, secondBot], teamId: SECOND.teamId });
    fake.addChannel({ id: SECOND.privateChannel, name: 'second-secret', isPrivate: true, members: [SECOND.alice, secondBot], teamId: SECOND.teamId });
    fake.addWorkspace({ teamId: ORG.teamId, name: 'Org A', enterpriseId: ORG.enterpriseId, enterpriseName: 'Org Inc' });
    const orgBot = `WBOT${ORG.enterpriseId.slice(1)}`;
    fake.addUser({ id: ORG.person, name: 'orgperson', realName: 'Orla Org', email: 'orla@org.example', teamId: ORG.teamId });
    fake.addChannel({ id: ORG.channel, name: 'org-project', members: [ORG.person, orgBot], teamId: ORG.teamId });
    db = await createTestDatabase();
    app = await startTestApp({
      fake,
      databaseUrl: db.url,
      env: {
        ...oauthModeEnv(fake, PUBLIC_REDIRECT),
        // Short leases, so the recovery sweep comes round within the test.
        RECOVERY_LEASE_SECONDS: '4',
        SLACK_INVITE_TIMEOUT_MS: '1000',
      },
    });
  });
  after(async () => {
    await app?.stop();
    await fake?.stop();
    await db?.drop();
  });

  /** The whole install: the app's page, Slack's authorize page (the fake), the app's redirect. */
  async function install(who: { userId: string; teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }) {
    const installed = await installThroughApp(app, fake, PUBLIC_REDIRECT, who);
    if (installed.token) issuedTokens.push(installed.token);
    return installed;
  }

  const installationRows = () => db.query<{ installation_key: string }>('SELECT installation_key FROM slack_installations ORDER BY 1');

  it('installs in two workspaces and org-wide in a Grid organization, each through its own OAuth flow', async () => {
    const first = await install({ userId: WORLD.users.admin, teamId: WORLD.teamId });
    assert.equal(first.done.status, 200, first.done.html);
    assert.match(first.done.html, /Connect Invites is installed in/);
    const second = await install({ userId: SECOND.admin, teamId: SECOND.teamId });
    assert.equal(second.done.status, 200, second.done.html);
    const org = await install({ userId: ORG.person, enterpriseId: ORG.enterpriseId, isEnterpriseInstall: true });
    assert.equal(org.done.status, 200, org.done.html);
    assert.match(org.done.html, /whole organization/);
    assert.match(org.done.html, new RegExp(`app.slack.com/manage/${ORG.enterpriseId}/integrations/profile/`));
    assert.deepEqual((await installationRows()).map((r) => r.installation_key), [`enterprise:${ORG.enterpriseId}`, `team:${SECOND.teamId}`, `team:${WORLD.teamId}`]);
    assert.equal(issuedTokens.length, 3);
  });

  it('refuses a forged state and a replayed one, installing nothing', async () => {
    const rows = (await installationRows()).length;
    const b = newBrowser(app, PUBLIC_REDIRECT);
    b.cookies.set('connect-invites-oauth-state', 'forged');
    const forged = await b.get(`${app.baseUrl}/slack/oauth_redirect?code=whatever&state=forged`);
    assert.equal(forged.status, 400);
    assert.match(forged.html, /cannot be used/);

    // A complete flow, then its redirect again with the same cookie: the state works once.
    const again = await install({ userId: WORLD.users.admin, teamId: WORLD.teamId });
    assert.equal(again.done.status, 200);
    const state = new URL(again.redirectUrl).searchParams.get('state')!;
    again.browser.cookies.set('connect-invites-oauth-state', state);
    const exchanges = fake.callsTo('oauth.v2.access').length;
    const replay = await again.browser.get(again.redirectUrl);
    assert.equal(replay.status, 400, 'a replayed state is refused');
    assert.equal(fake.callsTo('oauth.v2.access').length, exchanges, 'no code exchange for a replayed state');

    // A state signed by this app but for another browser (no cookie) is refused too.
    const fresh = newBrowser(app, PUBLIC_REDIRECT);
    const link = addToSlackLink((await fresh.get(`${app.baseUrl}/slack/install`)).html);
    const { redirectUrl } = fake.authorize({ userId: WORLD.users.admin, teamId: WORLD.teamId, state: link.searchParams.get('state')!, redirectUri: PUBLIC_REDIRECT });
    const stranger = await newBrowser(app, PUBLIC_REDIRECT).get(redirectUrl);
    assert.equal(stranger.status, 400);
    assert.equal((await installationRows()).length, rows);
  });

  it('says so when the person cancels on Slack’s page', async () => {
    const b = newBrowser(app, PUBLIC_REDIRECT);
    const link = addToSlackLink((await b.get(`${app.baseUrl}/slack/install`)).html);
    const { redirectUrl } = fake.authorize({ userId: WORLD.users.admin, teamId: WORLD.teamId, state: link.searchParams.get('state')!, redirectUri: PUBLIC_REDIRECT, deny: true });
    const page = await b.get(redirectUrl);
    assert.match(page.html, /Installation cancelled/);
  });

  /** Runs a command and returns the modal the app opened, and the token that opened it. */
  async function openForm(body: Parameters<TestApp['send']>[0]) {
    const opens = fake.callsTo('views.open').length;
    const res = await app.send(body);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.text, '', 'the command was answered with a refusal instead of a form');
    const call = await fake.waitForCall('views.open', () => fake.callsTo('views.open').length > opens);
    const id = (call.response as { view?: { id?: string } }).view?.id;
    assert.ok(id, JSON.stringify(call.response));
    return { opened: fake.view(id)! as OpenedView, call };
  }

  it('each workspace’s /share-channel and /invite-private use its own token, end to end', async () => {
    const inFirst = await openForm(slashCommand({ command: '/share-channel', userId: alice, teamId: WORLD.teamId, channelId: WORLD.channels.public }));
    assert.equal(inFirst.call.teamId, WORLD.teamId);
    const ack = await app.send(viewSubmission(inFirst.opened, shareChannelValues({ channel: WORLD.channels.public, email: 'first@partner.example' }), { id: alice, teamId: WORLD.teamId }));
    assert.equal(ack.json?.response_action, 'update', ack.text);
    const sentFirst = await fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[] | undefined)?.[0] === 'first@partner.example');
    assert.equal(sentFirst.teamId, WORLD.teamId);

    const inSecond = await openForm(slashCommand({ command: '/share-channel', userId: SECOND.alice, teamId: SECOND.teamId, channelId: SECOND.channel }));
    assert.equal(inSecond.call.teamId, SECOND.teamId);
    const ack2 = await app.send(viewSubmission(inSecond.opened, shareChannelValues({ channel: SECOND.channel, email: 'second@partner.example' }), { id: SECOND.alice, teamId: SECOND.teamId }));
    assert.equal(ack2.json?.response_action, 'update', ack2.text);
    const sentSecond = await fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[] | undefined)?.[0] === 'second@partner.example');
    assert.equal(sentSecond.teamId, SECOND.teamId, 'the second workspace’s invitation went with its own token');
    assert.equal(sentSecond.response && (sentSecond.response as { ok: boolean }).ok, true, JSON.stringify(sentSecond.response));

    const privateForm = await openForm(slashCommand({ command: '/invite-private', userId: SECOND.alice, teamId: SECOND.teamId, channelId: SECOND.privateChannel }));
    assert.equal(privateForm.call.teamId, SECOND.teamId);
    const values = { [INVITE_PRIVATE.blocks.channel]: { channel: stateValue.conversation(SECOND.privateChannel) }, [INVITE_PRIVATE.blocks.users]: { users: stateValue.users([SECOND.admin]) } };
    const privateAck = await app.send(viewSubmission(privateForm.opened, values, { id: SECOND.alice, teamId: SECOND.teamId }));
    assert.equal(privateAck.json?.response_action, 'update', privateAck.text);
    const added = await fake.waitForCall('conversations.invite', (c) => c.args.channel === SECOND.privateChannel);
    assert.equal(added.teamId, SECOND.teamId, 'the colleague was added with the second workspace’s token');
    assert.equal((added.response as { ok: boolean }).ok, true, JSON.stringify(added.response));

    // Every call the app made for the second workspace's people went with the second workspace's token.
    const rows = await db.query<{ team_id: string; invitee_email: string }>("SELECT team_id, invitee_email FROM invites WHERE invitee_email LIKE '%@partner.example' ORDER BY invitee_email");
    assert.deepEqual(rows, [{ team_id: WORLD.teamId, invitee_email: 'first@partner.example' }, { team_id: SECOND.teamId, invitee_email: 'second@partner.example' }]);
  });

  it('recovers crashed invitations of two workspaces, each with its own workspace’s token', async () => {
    // Left "recorded" by a process that died before sending them, their leases long gone.
    const crashed = [
      { team: WORLD.teamId, user: alice, channel: WORLD.channels.public, email: 'crashed-first@partner.example' },
      { team: SECOND.teamId, user: SECOND.alice, channel: SECOND.channel, email: 'crashed-second@partner.example' },
    ];
    for (const c of crashed) {
      await db.query(
        `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, channel_name, method, invitee_email, external_limited,
           idempotency_key, created_at, updated_at, attempts, lease_owner, lease_expires_at)
         VALUES (gen_random_uuid(), 'SLACK_CONNECT', 'RECORDED', $1, $2, $3, 'x', 'conversations.inviteShared', $4, true, $4, now(), now(), 0, 'dead-process', now() - interval '1 minute')`,
        [c.team, c.user, c.channel, c.email],
      );
    }
    for (const c of crashed) {
      const sent = await fake.waitForCall('conversations.inviteShared', (call) => (call.args.emails as string[] | undefined)?.[0] === c.email, 20_000);
      assert.equal(sent.teamId, c.team, `${c.email} was sent with ${c.team}'s token`);
      assert.equal((sent.response as { ok: boolean }).ok, true, JSON.stringify(sent.response));
    }
    await until('both recorded as sent', async () => {
      const rows = await db.query<{ status: string }>("SELECT status FROM invites WHERE invitee_email LIKE 'crashed-%'");
      return rows.length === 2 && rows.every((r) => r.status === 'AWAITING_ACCEPTANCE') ? true : undefined;
    });
  });

  it('App Home of one workspace never shows another’s invitations', async () => {
    const publishes = fake.callsTo('views.publish').length;
    await app.send({
      body: JSON.stringify({
        token: 'x', team_id: SECOND.teamId, api_app_id: 'A0CONNECT', type: 'event_callback', event_id: `Ev${randomBytes(6).toString('hex')}`, event_time: Math.floor(Date.now() / 1000),
        event: { type: 'app_home_opened', user: SECOND.admin, channel: 'D2ADMIN', tab: 'home', event_ts: `${Date.now() / 1000}` },
        authorizations: [{ enterprise_id: null, team_id: SECOND.teamId, user_id: `UBOT${SECOND.teamId.slice(1)}`, is_bot: true, is_enterprise_install: false }],
      }),
      contentType: 'application/json',
    });
    const call = await fake.waitForCall('views.publish', () => fake.callsTo('views.publish').length > publishes);
    assert.equal(call.teamId, SECOND.teamId);
    // The admin's workspace-wide view of the second workspace.
    const text = JSON.stringify(call.args.view);
    assert.doesNotMatch(text, /first@partner\.example/);
  });

  it('serves the Grid organization’s workspaces with the org-wide token, naming the workspace', async () => {
    const form = await openForm(orgSlashCommand({ command: '/share-channel', user: orgUser, channelId: ORG.channel }));
    assert.equal(form.call.enterpriseId, ORG.enterpriseId);
    const ack = await app.send(orgViewSubmission(form.opened, shareChannelValues({ channel: ORG.channel, email: 'org@partner.example' }), orgUser));
    assert.equal(ack.json?.response_action, 'update', ack.text);
    const sent = await fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[] | undefined)?.[0] === 'org@partner.example');
    assert.equal(sent.enterpriseId, ORG.enterpriseId);
    assert.equal((sent.response as { ok: boolean }).ok, true, JSON.stringify(sent.response));
    const [row] = await db.query<{ team_id: string; enterprise_id: string }>("SELECT team_id, enterprise_id FROM invites WHERE invitee_email = 'org@partner.example'");
    assert.deepEqual(row, { team_id: ORG.teamId, enterprise_id: ORG.enterpriseId });

    const publishes = fake.callsTo('views.publish').length;
    await app.send(orgAppHomeOpened({ user: orgUser, botUserId: `WBOT${ORG.enterpriseId.slice(1)}` }));
    const home = await fake.waitForCall('views.publish', () => fake.callsTo('views.publish').length > publishes);
    assert.equal(home.enterpriseId, ORG.enterpriseId);
    assert.match(JSON.stringify(home.args.view), /org@partner\.example/);

    // A click on the Home tab (interactive/block_actions_message_org_install.json: team null).
    const homeView = fake.homeView(ORG.person) as { id: string; hash: string; private_metadata?: string };
    const before = fake.callsTo('views.publish').length;
    const click = await app.send(orgBlockAction({ actionId: 'home.refresh', value: '', user: orgUser, view: { ...(fake.view(homeView.id) as OpenedView), type: 'home' } }));
    assert.equal(click.status, 200, click.text);
    const republished = await fake.waitForCall('views.publish', () => fake.callsTo('views.publish').length > before);
    assert.equal(republished.enterpriseId, ORG.enterpriseId);
    assert.equal(republished.args.user_id, ORG.person);
  });

  it('refuses someone of the other organization of a Slack Connect channel, acting for nobody', async () => {
    const { opened } = await openForm(slashCommand({ command: '/share-channel', userId: SECOND.alice, teamId: SECOND.teamId, channelId: SECOND.channel }));
    const sends = fake.callsTo('conversations.inviteShared').length;
    const ack = await app.send(otherSideViewSubmission(opened, shareChannelValues({ channel: SECOND.channel, email: 'intruder@partner.example' }), { installedTeamId: SECOND.teamId }));
    assert.equal(ack.json?.response_action, 'errors', ack.text);
    assert.match(JSON.stringify(ack.json.errors), /another workspace or organization/);
    assert.equal(fake.callsTo('conversations.inviteShared').length, sends);
    assert.equal((await db.query("SELECT 1 FROM invites WHERE invitee_email = 'intruder@partner.example'")).length, 0);
  });

  it('keeps tokens out of the database in clear and out of every log line', async () => {
    const dump = JSON.stringify(await db.query('SELECT * FROM slack_installations'));
    assert.ok(issuedTokens.length >= 3);
    for (const token of issuedTokens) assert.ok(!dump.includes(token), 'a token is readable in the database');
    const logs = app.rawLogs();
    for (const secret of [...issuedTokens, fake.oauthApp.clientSecret]) {
      const at = logs.indexOf(secret);
      assert.ok(at < 0, `a secret is in the logs: …${logs.slice(Math.max(0, at - 300), at + 20)}`);
    }
  });

  it('an uninstalled workspace is answered politely, its tokens are gone, its history kept', async () => {
    const inst = fake.installation(SECOND.teamId)!;
    fake.uninstall(SECOND.teamId);
    // Slack sends both, in either order.
    assert.equal((await app.send(tokensRevoked(inst))).status, 200);
    assert.equal((await app.send(appUninstalled(inst))).status, 200);
    await until('the installation deleted', async () => ((await installationRows()).some((r) => r.installation_key === `team:${SECOND.teamId}`) ? undefined : true));
    const calls = fake.calls.length;
    const res = await app.send(slashCommand({ command: '/share-channel', userId: SECOND.alice, teamId: SECOND.teamId, channelId: SECOND.channel }));
    assert.equal(res.status, 200);
    assert.match(res.text, /not installed in this workspace/);
    assert.equal(fake.calls.length, calls, 'no Slack call for a workspace without an installation');
    assert.equal((await db.query('SELECT 1 FROM invites WHERE team_id = $1', [SECOND.teamId])).length > 0, true, 'its invitation history is kept');
    // The other workspace goes on as before.
    const still = await openForm(slashCommand({ command: '/share-channel', userId: alice, teamId: WORLD.teamId, channelId: WORLD.channels.public }));
    assert.equal(still.call.teamId, WORLD.teamId);
  });

  it('installs again after an uninstall, and a late retry of the old revocation does not remove the new installation', async () => {
    const again = await install({ userId: SECOND.admin, teamId: SECOND.teamId });
    assert.equal(again.done.status, 200, again.done.html);
    const inst = fake.installation(SECOND.teamId)!;
    // Slack retries events for an hour: the old revocation and uninstall arrive again.
    assert.equal((await app.send(tokensRevoked(inst))).status, 200);
    assert.equal((await app.send(appUninstalled(inst))).status, 200);
    assert.ok((await installationRows()).some((r) => r.installation_key === `team:${SECOND.teamId}`), 'the new installation is kept');
    const form = await openForm(slashCommand({ command: '/share-channel', userId: SECOND.alice, teamId: SECOND.teamId, channelId: SECOND.channel }));
    assert.equal(form.call.teamId, SECOND.teamId);
    assert.equal((form.call.response as { ok: boolean }).ok, true);
  });
});
