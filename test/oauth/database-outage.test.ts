// OAuth mode when the database is unreachable: each request's installation cannot be looked up,
// and people get the same clear answer as for any other outage (never an empty reply), the
// install page says it cannot install now; when the database comes back, everything works again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack, WORLD } from '../helpers/fake-slack.js';
import { installThroughApp, oauthModeEnv } from '../helpers/oauth-flow.js';
import { slashCommand } from '../helpers/slack-payloads.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';

const REDIRECT = 'https://connect-invites.example/slack/oauth_redirect';

describe('OAuth mode during a database outage', () => {
  let fake: FakeSlack;
  let db: TestDatabase;
  let proxy: TcpProxy;
  let app: TestApp;
  before(async () => {
    fake = await FakeSlack.start({ oauth: { redirectUris: [REDIRECT] } });
    fake.seedDefaultWorld();
    db = await createTestDatabase();
    const target = new URL(db.url);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
    app = await startTestApp({ fake, databaseUrl: proxy.route(db.url), env: oauthModeEnv(fake, REDIRECT) });
    const installed = await installThroughApp(app, fake, REDIRECT, { userId: WORLD.users.admin, teamId: WORLD.teamId });
    assert.equal(installed.done.status, 200, installed.done.html);
  });
  after(async () => {
    await app?.stop();
    await proxy?.stop();
    await fake?.stop();
    await db?.drop();
  });

  const command = () => app.send(slashCommand({ command: '/share-channel', userId: WORLD.users.alice, teamId: WORLD.teamId, channelId: WORLD.channels.public }));

  it('answers a command with what happened and what to do, and the install page with a retry, then recovers', async () => {
    proxy.cut();
    try {
      const res = await command();
      assert.equal(res.status, 200);
      assert.match(res.text, /could not record your request, so nothing was sent to Slack/);
      const page = await fetch(`${app.baseUrl}/slack/install`);
      assert.equal(page.status, 503);
      assert.match(await page.text(), /Try again in a few minutes/);
    } finally {
      proxy.restore();
    }
    const opens = fake.callsTo('views.open').length;
    const res = await command();
    assert.equal(res.status, 200);
    assert.equal(res.text, '');
    await fake.waitForCall('views.open', () => fake.callsTo('views.open').length > opens);
  });
});
