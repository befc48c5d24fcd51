// Token rotation (REF 4.3): bot tokens last 12 hours and refresh tokens work once. An expiring
// token is refreshed before use, once, however many requests need it at the same moment, on
// however many replicas; every request then goes with the new token.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack, WORLD } from '../helpers/fake-slack.js';
import { slashCommand } from '../helpers/slack-payloads.js';
import { installThroughApp, oauthModeEnv } from '../helpers/oauth-flow.js';

const REDIRECT = 'https://connect-invites.example/slack/oauth_redirect';
const HOUR = 60 * 60_000;

describe('token rotation across two replicas', () => {
  let fake: FakeSlack;
  let db: TestDatabase;
  const replicas: TestApp[] = [];
  /** The fake Slack's clock runs ahead of the real one by this much. */
  let ahead = 0;
  let env: Record<string, string>;

  before(async () => {
    fake = await FakeSlack.start({ oauth: { redirectUris: [REDIRECT], rotation: true }, clock: () => Date.now() + ahead });
    fake.seedDefaultWorld();
    db = await createTestDatabase();
    env = oauthModeEnv(fake, REDIRECT);
    replicas.push(await startTestApp({ fake, databaseUrl: db.url, env }));
    replicas.push(await startTestApp({ fake, databaseUrl: db.url, env: { ...env, SLACK_SIGNING_SECRET: replicas[0]!.signingSecret } }));
  });
  after(async () => {
    for (const r of replicas) await r.stop();
    await fake?.stop();
    await db?.drop();
  });

  it('refreshes an expiring token once for many requests on two replicas, then uses the new one', async () => {
    const installed = await installThroughApp(replicas[0]!, fake, REDIRECT, { userId: WORLD.users.admin, teamId: WORLD.teamId });
    assert.equal(installed.done.status, 200, installed.done.html);
    const [stored] = await db.query<{ expires: Date }>('SELECT bot_token_expires_at AS expires FROM slack_installations');
    assert.ok(stored!.expires.getTime() > Date.now() + 11 * HOUR, 'a rotating token, stored with its 12-hour expiry');
    const first = fake.callsTo('oauth.v2.access').at(-1)!.response as { access_token: string; refresh_token: string };
    assert.match(first.access_token, /^xoxe\.xoxb-/);

    // 11 h 55 min later: the token still works at Slack, and expires within the app's margin.
    ahead = 11 * HOUR + 55 * 60_000;
    await db.query("UPDATE slack_installations SET bot_token_expires_at = now() + interval '5 minutes', updated_at = now()");

    const opens = fake.callsTo('views.open').length;
    const commands = Array.from({ length: 12 }, (_, i) =>
      replicas[i % 2]!.send(slashCommand({ command: '/share-channel', userId: WORLD.users.alice, teamId: WORLD.teamId, channelId: WORLD.channels.public })),
    );
    const answers = await Promise.all(commands);
    for (const a of answers) assert.equal(a.status, 200, a.text);
    await fake.waitForCall('views.open', () => fake.callsTo('views.open').length >= opens + 12, 10_000);
    assert.equal(fake.refreshCount(WORLD.teamId), 1, 'one refresh for twelve requests on two replicas');

    const refreshed = fake.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token');
    assert.equal(refreshed.length, 1, 'no replica spent the single-use refresh token a second time');
    const newToken = (refreshed[0]!.response as { access_token: string }).access_token;
    const opened = fake.callsTo('views.open').slice(opens);
    assert.ok(opened.every((c) => (c.response as { ok: boolean }).ok), JSON.stringify(opened.map((c) => c.response)));
    assert.ok(opened.every((c) => c.token === newToken), 'every request after the refresh went with the new token');

    // Past the old token's life: requests keep working with the new one.
    ahead = 12 * HOUR + 60_000;
    const more = fake.callsTo('views.open').length;
    await replicas[1]!.send(slashCommand({ command: '/share-channel', userId: WORLD.users.alice, teamId: WORLD.teamId, channelId: WORLD.channels.public }));
    const later = await fake.waitForCall('views.open', () => fake.callsTo('views.open').length > more);
    assert.equal((later.response as { ok: boolean }).ok, true, JSON.stringify(later.response));
    const dump = JSON.stringify(await db.query('SELECT * FROM slack_installations'));
    for (const secret of [first.access_token, first.refresh_token, newToken]) assert.ok(!dump.includes(secret), 'a token is readable in the database');
  });

  it('refuses to start with an encryption key that is not the installations’ own, and starts with it as a previous key', async () => {
    const otherKey = randomBytes(32).toString('base64');
    await assert.rejects(
      startTestApp({ fake, databaseUrl: db.url, env: { ...env, SLACK_TOKEN_ENCRYPTION_KEY: otherKey } }),
      (err: Error) => err.name === 'StartupError' && /SLACK_TOKEN_ENCRYPTION_KEY does not decrypt the installations/.test(err.message) && !err.message.includes(otherKey),
    );
    const rotated = await startTestApp({ fake, databaseUrl: db.url, env: { ...env, SLACK_TOKEN_ENCRYPTION_KEY: otherKey, SLACK_TOKEN_ENCRYPTION_PREVIOUS_KEYS: env.SLACK_TOKEN_ENCRYPTION_KEY! } });
    replicas.push(rotated);
    const opens = fake.callsTo('views.open').length;
    await rotated.send(slashCommand({ command: '/share-channel', userId: WORLD.users.alice, teamId: WORLD.teamId, channelId: WORLD.channels.public }));
    const opened = await fake.waitForCall('views.open', () => fake.callsTo('views.open').length > opens);
    assert.equal((opened.response as { ok: boolean }).ok, true, 'the old key still reads the installation after a key change');
  });
});
