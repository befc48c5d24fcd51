// Socket Mode end to end: with SLACK_APP_TOKEN set, the app opens its connection through the
// configured Web API URL, answers a slash command and a form submission over the WebSocket,
// handles an event, and still serves /healthz over HTTP. No signing secret is needed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../../src/db/embedded.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import type { TestDatabase } from '../helpers/database.js';
import { FakeSlack, WORLD } from '../helpers/fake-slack.js';
import type { FakeSocketMode } from '../helpers/fake-socket-mode.js';
import { eventCallback, shareChannelValues, slashCommand, viewSubmission } from '../helpers/slack-payloads.js';
import { startSocketModeWorld, type SocketModeWorld } from '../helpers/socket-mode-world.js';

describe('Socket Mode', () => {
  let fake: FakeSlack;
  let world: SocketModeWorld | undefined;
  let socket: FakeSocketMode;
  let db: TestDatabase;
  let app: TestApp;
  let port: number;
  before(async () => {
    ({ fake, socket, db } = world = await startSocketModeWorld());
    port = await freePort();
    app = await startTestApp({ fake, databaseUrl: db.url, env: { SLACK_APP_TOKEN: fake.appToken, SLACK_SIGNING_SECRET: '', PORT: String(port) } });
    await socket.connected;
  });
  after(async () => {
    await app?.stop();
    await world?.stop();
  });

  it('opens its connection with the app token, through the configured API URL', () => {
    const opens = fake.callsTo('apps.connections.open');
    assert.equal(opens.length, 1);
    assert.equal(opens[0]!.token, fake.appToken);
    assert.equal((opens[0]!.response as { ok: boolean }).ok, true);
  });

  it('answers a slash command and a submission over the socket, end to end', async () => {
    const command = Object.fromEntries(new URLSearchParams(slashCommand({ command: '/share-channel', userId: WORLD.users.alice, teamId: WORLD.teamId, channelId: WORLD.channels.public }).body));
    const commandAck = await socket.send('slash_commands', command);
    assert.ok(commandAck.envelope_id);
    const open = await fake.waitForCall('views.open');
    const opened = fake.view((open.response as { view: { id: string } }).view.id)!;

    const submission = viewSubmission(opened, shareChannelValues({ channel: WORLD.channels.public, email: 'socket@partner.example' }), { id: WORLD.users.alice, teamId: WORLD.teamId });
    const payload = JSON.parse(new URLSearchParams(submission.body).get('payload')!);
    const ack = await socket.send('interactive', payload);
    assert.equal(ack.payload?.response_action, 'update');
    assert.equal(ack.payload.view.title.text, 'Sending invitation');
    const call = await fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[])[0] === 'socket@partner.example');
    assert.deepEqual(call.args, { channel: WORLD.channels.public, emails: ['socket@partner.example'], external_limited: true });
    await fake.waitForCall('views.update', (c) => c.args.view_id === opened.id && (c.args.view as { title: { text: string } }).title.text === 'Invitation sent');
    const [row] = await db.query<{ status: string }>('SELECT status FROM invites WHERE idempotency_key = $1', [opened.id]);
    assert.equal(row!.status, 'AWAITING_ACCEPTANCE');
  });

  it('handles events (App Home) and serves /healthz over HTTP', async () => {
    const event = JSON.parse(eventCallback({ type: 'app_home_opened', user: WORLD.users.alice, channel: 'D0HOME', tab: 'home' }, WORLD.teamId).body);
    await socket.send('events_api', event);
    const publish = await fake.waitForCall('views.publish', (c) => c.args.user_id === WORLD.users.alice);
    assert.match(JSON.stringify(publish.args.view), /socket@partner\.example/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
  });
});
