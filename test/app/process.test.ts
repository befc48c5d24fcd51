// The app as a process, as people run it: configuration errors, embedded PostgreSQL kept between
// starts, graceful shutdown on SIGTERM, and replicas starting together on one empty database.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { readMigrations } from '../../src/db/migrator.js';
import { createTestDatabase } from '../helpers/database.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { spawnApp } from '../helpers/process.js';
import { newSigningSecret } from '../helpers/signing.js';
import { postSigned } from '../helpers/app-harness.js';
import { oauthModeEnv } from '../helpers/oauth-flow.js';
import { slashCommand } from '../helpers/slack-payloads.js';

describe('the app process', () => {
  let fake: FakeSlack;
  let dir: string;
  before(async () => {
    fake = await FakeSlack.start();
    fake.seedDefaultWorld();
    dir = mkdtempSync(path.join(tmpdir(), 'connect-invites-process-'));
    // Reachable by the `postgres` OS user the embedded server runs as when the tests run as root.
    chmodSync(dir, 0o755);
  });
  after(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const slackEnv = () => ({ SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: newSigningSecret(), SLACK_API_URL: fake.url, PORT: '0' });

  it('exits non-zero with one clear message when the Slack values are missing', async () => {
    const app = spawnApp({}, dir);
    assert.equal(await app.exited, 1);
    assert.match(app.stderr(), /cannot start: 2 settings need attention/);
    assert.match(app.stderr(), /SLACK_BOT_TOKEN is not set.*api\.slack\.com\/apps/);
    assert.match(app.stderr(), /SLACK_SIGNING_SECRET is not set/);
  });

  it('exits non-zero with a clear message when Slack rejects the bot token', async () => {
    const app = spawnApp({ ...slackEnv(), SLACK_BOT_TOKEN: 'xoxb-not-a-real-token' }, dir);
    assert.equal(await app.exited, 1);
    assert.match(app.stderr(), /Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);
    assert.ok(!app.stderr().includes('xoxb-not-a-real-token'));
  });

  it('explains, instead of failing obscurely, a data folder the embedded server could not reach', { skip: process.getuid?.() !== 0 }, async () => {
    const hidden = mkdtempSync(path.join(tmpdir(), 'connect-invites-private-'));
    try {
      const app = spawnApp({ ...slackEnv(), EMBEDDED_DATABASE_DIR: path.join(hidden, 'pgdata') }, dir);
      assert.equal(await app.exited, 1);
      assert.match(app.stderr(), /cannot enter .*connect-invites-private-.*EMBEDDED_DATABASE_DIR/);
    } finally {
      rmSync(hidden, { recursive: true, force: true });
    }
  });

  it('starts on embedded PostgreSQL, answers /healthz, stops on SIGTERM, and keeps its data for the next start', async () => {
    const env = { ...slackEnv(), EMBEDDED_DATABASE_DIR: path.join(dir, 'pgdata') };
    const first = spawnApp(env, dir);
    const port = await first.running;
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    const started = first.lines.find((l) => l.msg === 'embedded PostgreSQL started')!;
    assert.equal(started.reused, false);
    assert.equal(first.lines.filter((l) => l.msg === 'migration applied').length, (await readMigrations()).length);
    const url = `postgresql://postgres:postgres@127.0.0.1:${started.port}/connect_invites`;
    await withClient(url, (c) =>
      c.query(
        "INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, method, idempotency_key, updated_at) VALUES (gen_random_uuid(), 'SLACK_CONNECT', 'FAILED', 'T0TEAM', 'U0ALICE', 'C0PUBLIC', 'conversations.inviteShared', 'kept-across-restarts', now())",
      ),
    );
    assert.equal(await first.stop('SIGTERM'), 0);
    assert.ok(first.lines.some((l) => l.msg === 'embedded PostgreSQL stopped'));

    const second = spawnApp(env, dir);
    await second.running;
    const again = second.lines.find((l) => l.msg === 'embedded PostgreSQL started')!;
    assert.equal(again.reused, true);
    assert.equal(second.lines.filter((l) => l.msg === 'migration applied').length, 0, 'nothing applied twice');
    const rows = await withClient(`postgresql://postgres:postgres@127.0.0.1:${again.port}/connect_invites`, (c) =>
      c.query("SELECT 1 FROM invites WHERE idempotency_key = 'kept-across-restarts'"),
    );
    assert.equal(rows.rowCount, 1, 'the data of the first run is still there');
    assert.equal(await second.stop('SIGINT'), 0);
  });

  it('runs in OAuth mode as `npm start` runs it: the install page with Slack’s button, and a polite answer for a workspace not installed', async () => {
    const db = await createTestDatabase();
    try {
      const signingSecret = newSigningSecret();
      const env = { ...oauthModeEnv(fake, 'https://connect-invites.example/slack/oauth_redirect'), SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: fake.url, PORT: '0', DATABASE_URL: db.url };
      const app = spawnApp(env, dir);
      const port = await app.running;
      const page = await fetch(`http://127.0.0.1:${port}/slack/install`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Add to Slack/);
      assert.ok(app.lines.some((l) => l.msg === 'Connect Invites is running' && l.installs === 'oauth'));
      const res = await postSigned(`http://127.0.0.1:${port}`, signingSecret, slashCommand({ command: '/share-channel', userId: 'U0ALICE', teamId: 'T0NOWHERE', channelId: 'C0PUBLIC' }));
      assert.equal(res.status, 200);
      assert.match(res.text, /not installed in this workspace/);
      assert.equal(await app.stop('SIGTERM'), 0);
    } finally {
      await db.drop();
    }
  });

  it('comes up twice at once against one empty database, applying each migration once', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const env = { ...slackEnv(), DATABASE_URL: db.url };
      const apps = [spawnApp(env, dir), spawnApp(env, dir)];
      const ports = await Promise.all(apps.map((a) => a.running));
      for (const port of ports) assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
      const applied = apps.flatMap((a) => a.lines.filter((l) => l.msg === 'migration applied').map((l) => l.migration));
      const names = (await readMigrations()).map((m) => m.name);
      assert.deepEqual([...applied].sort(), names, 'each migration applied by exactly one of the two');
      const rows = await db.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations ORDER BY 1');
      assert.deepEqual(rows.map((r) => r.migration_name), names);
      assert.deepEqual(await Promise.all(apps.map((a) => a.stop())), [0, 0]);
    } finally {
      await db.drop();
    }
  });
});

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
