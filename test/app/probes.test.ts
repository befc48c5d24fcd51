// The probes, through HTTP as an orchestrator asks them: /livez says the process is alive even
// with the database gone (so an outage never restarts every replica); /readyz says whether this
// replica should get requests: database, draining, and in Socket Mode Slack's connection.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../../src/db/embedded.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import type { FakeSocketMode } from '../helpers/fake-socket-mode.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { until } from '../helpers/until.js';
import { startSocketModeWorld, type SocketModeWorld } from '../helpers/socket-mode-world.js';

async function probe(base: string, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: await res.json() };
}

describe('probes over HTTP', () => {
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
    // A grace at shutdown, so the draining replica is seen answering /readyz with 503.
    app = await startTestApp({ fake, databaseUrl: proxy.route(db.url), env: { SHUTDOWN_GRACE_SECONDS: '2' } });
  });
  after(async () => {
    await app?.stop();
    await proxy?.stop();
    await fake?.stop();
    await db?.drop();
  });

  it('all answer 200 while everything is fine', async () => {
    assert.deepEqual(await probe(app.baseUrl, '/livez'), { status: 200, body: { alive: true } });
    assert.deepEqual(await probe(app.baseUrl, '/readyz'), { status: 200, body: { healthy: true, checks: { app: 'ok', database: 'ok' } } });
    assert.deepEqual(await probe(app.baseUrl, '/healthz'), { status: 200, body: { healthy: true, checks: { app: 'ok', database: 'ok' } } });
  });

  it('with the database unreachable: /livez still 200, /readyz and /healthz 503', async () => {
    proxy.cut();
    try {
      assert.deepEqual(await probe(app.baseUrl, '/livez'), { status: 200, body: { alive: true } });
      const ready = await probe(app.baseUrl, '/readyz');
      assert.equal(ready.status, 503);
      assert.equal(ready.body.checks.database, 'unavailable');
      assert.equal((await probe(app.baseUrl, '/healthz')).status, 503);
    } finally {
      proxy.restore();
    }
    // Ready again by itself once the database is back.
    await until('ready again', async () => ((await probe(app.baseUrl, '/readyz')).status === 200 ? true : undefined));
  });

  it('while draining for shutdown: /readyz 503, /livez 200', async () => {
    const stopped = app.stop();
    try {
      const ready = await probe(app.baseUrl, '/readyz');
      assert.deepEqual(ready, { status: 503, body: { healthy: false, checks: { app: 'draining' } } });
      assert.equal((await probe(app.baseUrl, '/livez')).status, 200);
    } finally {
      await stopped;
    }
    assert.ok(app.logs.some((l) => l.msg === 'stopped'));
  });
});

describe('probes in Socket Mode', () => {
  let fake: FakeSlack;
  let world: SocketModeWorld | undefined;
  let socket: FakeSocketMode;
  let db: TestDatabase;
  let app: TestApp;
  let base: string;
  before(async () => {
    ({ fake, socket, db } = world = await startSocketModeWorld());
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startTestApp({ fake, databaseUrl: db.url, env: { SLACK_APP_TOKEN: fake.appToken, SLACK_SIGNING_SECRET: '', PORT: String(port) } });
    await socket.connected;
  });
  after(async () => {
    await app?.stop();
    await world?.stop();
  });

  it('serves the probes on the app port, ready while the socket is connected', async () => {
    assert.deepEqual(await probe(base, '/livez'), { status: 200, body: { alive: true } });
    assert.deepEqual(await probe(base, '/readyz'), { status: 200, body: { healthy: true, checks: { app: 'ok', database: 'ok', socket: 'ok' } } });
    assert.equal((await probe(base, '/healthz')).status, 200);
  });

  it('is not ready while Slack’s connection is lost, and ready again once it reconnects', async () => {
    // apps.connections.open is Tier 1 (one a minute): this fake workspace allows the reconnection its second one.
    fake.setRateLimits({ multiplier: 1, methods: { 'apps.connections.open': 2 } });
    const reconnected = socket.nextConnection();
    const greetings = socket.greetings;
    socket.dropConnections();
    const lost = await until('readiness to see the lost socket', async () => {
      const ready = await probe(base, '/readyz');
      return ready.status === 503 ? ready : undefined;
    });
    assert.equal(lost.body.checks.socket, 'disconnected');
    assert.equal(lost.body.checks.database, 'ok');
    assert.deepEqual(await probe(base, '/livez'), { status: 200, body: { alive: true } });
    await reconnected;
    assert.ok(socket.greetings > greetings);
    const ready = await until('ready again', async () => {
      const r = await probe(base, '/readyz');
      return r.status === 200 ? r : undefined;
    });
    assert.equal(ready.body.checks.socket, 'ok');
  });
});
