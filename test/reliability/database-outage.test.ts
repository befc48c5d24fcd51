// The database becomes unreachable and comes back: /healthz turns 503, people get a clear answer,
// nothing is sent to Slack unrecorded, and the app recovers by itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack, WORLD } from '../helpers/fake-slack.js';
import { eventCallback, slashCommand, viewSubmission, shareChannelValues } from '../helpers/slack-payloads.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';

describe('a database outage', () => {
  let fake: FakeSlack;
  let db: TestDatabase;
  let proxy: TcpProxy;
  let app: TestApp;
  before(async () => {
    fake = await FakeSlack.start();
    fake.seedDefaultWorld();
    db = await createTestDatabase();
    const target = new URL(db.url);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
    app = await startTestApp({ fake, databaseUrl: proxy.route(db.url) });
  });
  after(async () => {
    await app?.stop();
    await proxy?.stop();
    await fake?.stop();
    await db?.drop();
  });

  async function openAndSubmit(email: string) {
    await app.send(slashCommand({ command: '/share-channel', userId: WORLD.users.alice, teamId: WORLD.teamId, channelId: WORLD.channels.public }));
    const call = await fake.waitForCall('views.open', (c) => fake.callsTo('views.open').indexOf(c) === fake.callsTo('views.open').length - 1 && !usedViews.has((c.response as any).view.id));
    const opened = fake.view((call.response as { view: { id: string } }).view.id)!;
    usedViews.add(opened.id);
    return app.send(
      viewSubmission(
        opened,
        shareChannelValues({ channel: WORLD.channels.public, email: email }),
        { id: WORLD.users.alice, teamId: WORLD.teamId },
      ),
    );
  }
  const usedViews = new Set<string>();

  it('works normally before the outage', async () => {
    assert.equal((await fetch(`${app.baseUrl}/healthz`)).status, 200);
    const ack = await openAndSubmit('before@partner.example');
    assert.equal(ack.json.response_action, 'update');
    await fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[])[0] === 'before@partner.example');
  });

  it('during the outage: 503 health, a clear answer, nothing sent to Slack, the Home tab says so', async () => {
    proxy.cut();
    const health = await fetch(`${app.baseUrl}/healthz`);
    assert.equal(health.status, 503);
    const before = fake.callsTo('conversations.inviteShared').length;
    const ack = await openAndSubmit('during@partner.example');
    assert.equal(ack.json?.response_action, 'errors', ack.text);
    assert.match(ack.json.errors['share_channel.channel'], /nothing was sent/i);
    assert.ok(ack.ms < 3000, `answered in ${Math.round(ack.ms)} ms, within Slack's 3 seconds`);
    assert.equal(fake.callsTo('conversations.inviteShared').length, before, 'nothing unrecorded reached Slack');

    const publishes = fake.callsTo('views.publish').length;
    await app.send(eventCallback({ type: 'app_home_opened', user: WORLD.users.alice, channel: 'D0HOME', tab: 'home' }, WORLD.teamId));
    const home = await fake.waitForCall('views.publish', () => fake.callsTo('views.publish').length > publishes);
    assert.match(JSON.stringify(home.args.view), /cannot be loaded right now/);
  });

  it('recovers by itself when the database returns', async () => {
    proxy.restore();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await fetch(`${app.baseUrl}/healthz`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 200);
    const ack = await openAndSubmit('after@partner.example');
    assert.equal(ack.json?.response_action, 'update', ack.text);
    await fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[])[0] === 'after@partner.example');
    const rows = await db.query<{ invitee_email: string; status: string }>("SELECT invitee_email, status FROM invites ORDER BY created_at");
    assert.deepEqual(rows.map((r) => r.invitee_email), ['before@partner.example', 'after@partner.example'], 'nothing recorded during the outage, nothing lost around it');
  });
});
