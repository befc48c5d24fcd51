// The fake's files answer as Slack documents files.info (docs.slack.dev: scope files:read, Tier 4,
// file_not_found, file_deleted) and serves url_private_download only to a bearer token of the
// file's workspace, through the real Web API client and plain HTTP.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { WebClient } from '@slack/web-api';
import { FakeSlack, manifestBotScopes, RATE_LIMITS, SCOPES, WORLD } from './fake-slack.js';

// The keys of Slack's file object for a hosted upload (file object reference, files.info example).
const FILE_KEYS = [
  'id', 'created', 'timestamp', 'name', 'title', 'mimetype', 'filetype', 'pretty_type', 'user', 'user_team', 'editable', 'size', 'mode',
  'is_external', 'external_type', 'is_public', 'public_url_shared', 'display_as_bot', 'username', 'url_private', 'url_private_download',
  'permalink', 'permalink_public', 'is_starred', 'has_rich_preview', 'file_access', 'channels', 'groups', 'ims', 'comments_count',
];
const CSV = 'email,name\r\njane@x.com,Jane Doe\r\n';
const slackError = (code: string) => (e: { data?: { error?: string } }) => e.data?.error === code;

describe('the fake Slack: files', () => {
  let fake: FakeSlack;
  let client: WebClient;
  let otherToken: string;
  before(async () => {
    fake = await FakeSlack.start();
    fake.seedDefaultWorld();
    fake.addWorkspace({ teamId: 'T0OTHER', name: 'Other', domain: 'other' });
    otherToken = fake.addInstallation({ teamId: 'T0OTHER' });
    client = new WebClient(fake.botToken, { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
  });
  beforeEach(() => fake.reset());
  after(() => fake.stop());

  it('stores an upload as Slack’s file object, its URLs on the fake’s own server', () => {
    const file = fake.uploadFile({ userId: WORLD.users.alice, name: 'partners.csv', filetype: 'csv', content: CSV });
    assert.deepEqual(Object.keys(file).sort(), [...FILE_KEYS].sort());
    assert.match(String(file.id), /^F[A-Z0-9]{10}$/);
    assert.equal(file.size, Buffer.byteLength(CSV));
    assert.equal(file.mimetype, 'text/csv');
    assert.equal(file.pretty_type, 'CSV');
    assert.equal(file.user, WORLD.users.alice);
    assert.equal(file.url_private_download, `${new URL(fake.url).origin}/files-pri/${WORLD.teamId}-${file.id}/download/partners.csv`);
    assert.match(String(file.permalink), new RegExp(`^https://testteam\\.slack\\.com/files/${WORLD.users.alice}/${file.id}/partners\\.csv$`));
  });

  it('files.info answers { ok, file, comments, response_metadata } with the file', async () => {
    const file = fake.uploadFile({ userId: WORLD.users.alice, name: 'partners.csv', filetype: 'csv', content: CSV });
    const info = await client.files.info({ file: String(file.id) });
    assert.equal(info.ok, true);
    assert.deepEqual(info.file, file);
    assert.deepEqual(info.comments, []);
    assert.deepEqual(info.response_metadata?.next_cursor, '');
  });

  it('files.info: file_not_found for an unknown file and for another workspace’s, file_deleted once deleted, invalid_arguments without file', async () => {
    await assert.rejects(client.files.info({ file: 'F0NOSUCHFILE' }), slackError('file_not_found'));
    const theirs = fake.uploadFile({ teamId: 'T0OTHER', userId: 'U0THEM', name: 'theirs.csv', filetype: 'csv', content: CSV });
    await assert.rejects(client.files.info({ file: String(theirs.id) }), slackError('file_not_found'));
    const mine = fake.uploadFile({ userId: WORLD.users.alice, name: 'mine.csv', filetype: 'csv', content: CSV });
    fake.files.delete(String(mine.id));
    await assert.rejects(client.files.info({ file: String(mine.id) }), slackError('file_deleted'));
    await assert.rejects(client.apiCall('files.info', {}), slackError('invalid_arguments'));
  });

  it('files.info needs files:read, and is Tier 4', async () => {
    assert.deepEqual(SCOPES['files.info']?.bot, ['files:read']);
    assert.equal(RATE_LIMITS['files.info']?.calls, 100);
    const file = fake.uploadFile({ userId: WORLD.users.alice, name: 'partners.csv', filetype: 'csv', content: CSV });
    fake.setBotScopes(manifestBotScopes().filter((s) => s !== 'files:read'));
    try {
      await assert.rejects(client.files.info({ file: String(file.id) }), (e: { data?: { error?: string; needed?: string } }) => e.data?.error === 'missing_scope' && e.data.needed === 'files:read');
    } finally {
      fake.setBotScopes(manifestBotScopes());
    }
    const limited = await FakeSlack.start({ rateLimits: { multiplier: 0.03 } }); // 3 calls a minute
    try {
      const c = new WebClient(limited.botToken, { slackApiUrl: limited.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
      const f = limited.uploadFile({ userId: WORLD.users.alice, name: 'a.csv', filetype: 'csv', content: CSV });
      for (let i = 0; i < 3; i++) await c.files.info({ file: String(f.id) });
      await assert.rejects(c.files.info({ file: String(f.id) }), (e: { code?: string }) => e.code === 'slack_webapi_rate_limited_error');
    } finally {
      await limited.stop();
    }
  });

  it('serves url_private_download to a bearer token of the file’s workspace, counting downloads', async () => {
    const file = fake.uploadFile({ userId: WORLD.users.alice, name: 'partners.csv', filetype: 'csv', content: CSV });
    const res = await fetch(String(file.url_private_download), { headers: { authorization: `Bearer ${fake.botToken}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv');
    assert.equal(await res.text(), CSV);
    assert.equal(fake.files.downloads(String(file.id)), 1);
  });

  it('answers a download without the right token with Slack’s sign-in page, never the file', async () => {
    const file = fake.uploadFile({ userId: WORLD.users.alice, name: 'partners.csv', filetype: 'csv', content: CSV });
    const url = String(file.url_private_download);
    const headerSets: Record<string, string>[] = [{}, { authorization: 'Bearer xoxb-not-a-token' }, { authorization: `Bearer ${otherToken}` }, { authorization: `Bearer ${fake.appToken}` }, { authorization: fake.botToken }];
    for (const headers of headerSets) {
      const res = await fetch(url, { headers });
      assert.equal(res.status, 200, JSON.stringify(headers));
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const body = await res.text();
      assert.match(body, /<!DOCTYPE html>.*Sign in/s);
      assert.ok(!body.includes('jane@x.com'));
    }
    fake.files.anonymousDownloads = 'redirect';
    const redirected = await fetch(url, { redirect: 'manual' });
    assert.equal(redirected.status, 302);
    assert.match(redirected.headers.get('location') ?? '', /^https:\/\/testteam\.slack\.com\//);
    assert.equal(fake.files.downloads(String(file.id)), 0);
    fake.revokeToken(fake.botToken); // reset() before the next test clears it
    assert.match(await (await fetch(url, { headers: { authorization: `Bearer ${fake.botToken}` }, redirect: 'manual' })).text(), /^$/);
    assert.equal(fake.files.downloads(String(file.id)), 0);
    assert.equal(fake.files.downloads(String(file.id), 'all'), 7);
  });

  it('refuses a download to a token without files:read, and of a file path that names another workspace', async () => {
    const file = fake.uploadFile({ userId: WORLD.users.alice, name: 'partners.csv', filetype: 'csv', content: CSV });
    fake.setBotScopes(manifestBotScopes().filter((s) => s !== 'files:read'));
    try {
      const denied = await fetch(String(file.url_private_download), { headers: { authorization: `Bearer ${fake.botToken}` } });
      assert.match(await denied.text(), /Sign in/);
    } finally {
      fake.setBotScopes(manifestBotScopes());
    }
    const forged = String(file.url_private_download).replace(`${WORLD.teamId}-`, 'T0OTHER-');
    assert.match(await (await fetch(forged, { headers: { authorization: `Bearer ${fake.botToken}` } })).text(), /Sign in/);
    assert.equal(fake.files.downloads(String(file.id)), 0);
  });

  it('reports a size other than the content’s when told to (a file that is not what its size says)', async () => {
    const file = fake.uploadFile({ userId: WORLD.users.alice, name: 'big.csv', filetype: 'csv', content: 'x'.repeat(5000), reportedSize: 10 });
    assert.equal((await client.files.info({ file: String(file.id) })).file?.size, 10);
  });
});
