// The receiver: only correctly signed, fresh requests reach a listener; health reflects the database.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { postSigned } from '../helpers/app-harness.js';
import { useE2E, WORLD } from '../helpers/e2e.js';
import { slashCommand } from '../helpers/slack-payloads.js';
import { newSigningSecret, signedHeaders, slackSignature } from '../helpers/signing.js';

describe('HTTP receiver', () => {
  const e2e = useE2E();
  const command = () => slashCommand({ command: '/share-channel', userId: WORLD.users.alice, teamId: WORLD.teamId, channelId: WORLD.channels.public });

  it('answers GET /healthz with 200 while the database is reachable', async () => {
    const res = await fetch(`${e2e.app.baseUrl}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { healthy: true, checks: { app: 'ok', database: 'ok' } });
  });

  it('routes a correctly signed command to its listener', async () => {
    e2e.fake.reset();
    const res = await e2e.app.send(command());
    assert.equal(res.status, 200);
    await e2e.fake.waitForCall('views.open');
  });

  for (const [name, tamper] of [
    ['missing', (h: Record<string, string>) => ({ ...h, 'x-slack-signature': '' })],
    ['forged', (h: Record<string, string>) => ({ ...h, 'x-slack-signature': slackSignature(newSigningSecret(), Number(h['x-slack-request-timestamp']), 'x') })],
    ['without a timestamp', (h: Record<string, string>) => ({ ...h, 'x-slack-request-timestamp': '' })],
  ] as const) {
    it(`rejects a request whose signature is ${name} with 401, and no listener runs`, async () => {
      e2e.fake.reset();
      const payload = command();
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = tamper({ 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(e2e.app.signingSecret, timestamp, payload.body) });
      const res = await fetch(`${e2e.app.baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': payload.contentType, ...headers }, body: payload.body });
      assert.equal(res.status, 401);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(e2e.fake.calls.length, 0, 'nothing reached Slack');
    });
  }

  it('rejects a correctly signed but stale request (older than 5 minutes) with 401', async () => {
    e2e.fake.reset();
    const res = await postSigned(e2e.app.baseUrl, e2e.app.signingSecret, command(), { timestamp: Math.floor(Date.now() / 1000) - 5 * 60 - 5 });
    assert.equal(res.status, 401);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(e2e.fake.calls.length, 0);
  });

  it('rejects a body signed with the right secret but altered in transit', async () => {
    e2e.fake.reset();
    const payload = command();
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = slackSignature(e2e.app.signingSecret, timestamp, payload.body);
    const res = await fetch(`${e2e.app.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': payload.contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
      body: payload.body.replace('share-channel', 'invite-private'),
    });
    assert.equal(res.status, 401);
  });

  it('refuses bodies over the size limit with 413', async () => {
    const body = `payload=${'x'.repeat(2 * 1024 * 1024)}`;
    // Over a connection of its own, closed afterwards: the app answers without reading the body,
    // and a kept-alive connection with a request body still unread holds up the server's close
    // (on Node 20.19.0 until Node's request timeout, 5 minutes), so the app would not stop.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const headers = { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(e2e.app.signingSecret, body) };
      const req = request(`${e2e.app.baseUrl}/slack/events`, { method: 'POST', agent: false, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(status, 413);
  });

  it('answers url_verification with the challenge', async () => {
    const res = await postSigned(e2e.app.baseUrl, e2e.app.signingSecret, {
      body: JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }),
      contentType: 'application/json',
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.challenge, 'abc123');
  });

  it('keeps tokens and response_urls out of the logs', () => {
    const logs = e2e.app.rawLogs();
    assert.ok(logs.length > 0);
    assert.ok(!logs.includes(e2e.fake.botToken), 'bot token in logs');
    assert.ok(!logs.includes(e2e.app.signingSecret), 'signing secret in logs');
    assert.ok(!/127\.0\.0\.1:1\/commands/.test(logs), 'response_url in logs');
  });

  it('answers /healthz with 503 when the database is gone', async () => {
    await e2e.db.drop();
    const res = await fetch(`${e2e.app.baseUrl}/healthz`);
    assert.equal(res.status, 503);
    const body = (await res.json()) as { checks: { database: string } };
    assert.equal(body.checks.database, 'unavailable');
  });
});
