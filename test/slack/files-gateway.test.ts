// Reading an uploaded CSV through a real WebClient pointed at the fake Slack: files.info first,
// refusals before any download, the download only to a trusted host with the bot token, and
// Slack's sign-in page (what a download without the right token gets) never taken for the file.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { InstallationClient } from '../../src/slack/clients.js';
import { createFileGateway, decodeText, defaultTrustedHosts } from '../../src/slack/gateways/files.js';
import { DEFAULT_MAX_FILE_BYTES, describeFileFailure, formatBytes, type FileDownload, type FileFailure } from '../../src/invites/share-channel/invitee-file.js';
import { readInvitees } from '../../src/invites/share-channel/invitee-list.js';
import { createLogger } from '../../src/logger.js';
import { FakeSlack, manifestBotScopes, WORLD } from '../helpers/fake-slack.js';

const CSV = '\uFEFFEmail,Name\r\njane@x.com,"Doe, Jane"\r\nbob@y.com,Bob\r\n';

function failure(result: FileDownload): FileFailure {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result).slice(0, 200)}`);
  return result as FileFailure;
}

describe('file gateway against the fake Slack', () => {
  let fake: FakeSlack;
  let client: InstallationClient;
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  });
  const gateway = (options: Parameters<typeof createFileGateway>[3] = {}, token: () => string = () => fake.botToken) => createFileGateway(client, token, logger, options);
  const upload = (o: Partial<Parameters<FakeSlack['uploadFile']>[0]> = {}) => String(fake.uploadFile({ userId: WORLD.users.alice, name: 'partners.csv', filetype: 'csv', content: CSV, ...o }).id);

  before(async () => {
    fake = await FakeSlack.start();
    fake.seedDefaultWorld();
    client = new InstallationClient(async () => fake.botToken, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  });
  beforeEach(() => {
    fake.reset();
    lines.length = 0;
  });
  after(() => fake.stop());

  it('reads a CSV: files.info, then the download with the bot token, BOM dropped', async () => {
    const id = upload();
    const result = await gateway().download(id);
    assert.deepEqual(result, { ok: true, name: 'partners.csv', text: CSV.slice(1) });
    assert.deepEqual(fake.callsTo('files.info').map((c) => c.args.file), [id]);
    assert.equal(fake.files.downloads(id), 1);
    const list = readInvitees((result as { text: string }).text);
    assert.ok(!('refused' in list));
    assert.deepEqual(list.invitees.map((i) => [i.line, i.email, i.name]), [[2, 'jane@x.com', 'Doe, Jane'], [3, 'bob@y.com', 'Bob']]);
  });

  it('refuses a file larger than the limit before downloading it, and says how large', async () => {
    const id = upload({ content: `email\n${'someone@example.com\n'.repeat(170_000)}` });
    const f = failure(await gateway().download(id));
    assert.equal(f.reason, 'too_large');
    assert.ok((f.size ?? 0) > DEFAULT_MAX_FILE_BYTES);
    assert.equal(fake.files.downloads(id, 'all'), 0, 'nothing downloaded');
    assert.match(describeFileFailure(f), /^That file is 3\.3 MB; upload a CSV under 1\.0 MB, or paste the addresses/);
  });

  it('stops reading a download that passes the limit, whatever files.info said', async () => {
    const id = upload({ content: 'x'.repeat(300_000), reportedSize: 100 });
    const declared = failure(await gateway({ maxBytes: 100_000 }).download(id));
    assert.equal(declared.reason, 'too_large', 'refused by its Content-Length');
    // The same download with no Content-Length: the stream is cut past the limit.
    const withoutLength: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const headers = new Headers(res.headers);
      headers.delete('content-length');
      return new Response(res.body, { status: res.status, headers });
    };
    const streamed = failure(await gateway({ maxBytes: 100_000, fetch: withoutLength }).download(id));
    assert.equal(streamed.reason, 'too_large');
    assert.match(describeFileFailure(streamed), /larger than 98 KB/);
  });

  it('refuses what is not text (an image, a spreadsheet) before downloading, and binary bytes sent as CSV', async () => {
    for (const [filetype, name] of [['png', 'photo.png'], ['xlsx', 'partners.xlsx'], ['pdf', 'list.pdf']] as const) {
      const id = upload({ filetype, name, content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });
      const f = failure(await gateway().download(id));
      assert.equal(f.reason, 'not_text', filetype);
      assert.equal(fake.files.downloads(id, 'all'), 0);
      assert.match(describeFileFailure(f), /not a CSV file/);
    }
    const binary = upload({ content: Buffer.from([0xff, 0x00, 0xd8, 0x00, 0xc3, 0x28]) });
    assert.equal(failure(await gateway().download(binary)).reason, 'not_text');
  });

  it('takes a CSV that Windows labels as an Excel file, by its .csv name', async () => {
    const id = upload({ filetype: 'csv', mimetype: 'application/vnd.ms-excel' });
    assert.equal((await gateway().download(id)).ok, true);
  });

  it('answers not_found for an unknown or deleted file, and for an ID that is not a file ID', async () => {
    assert.deepEqual(await gateway().download('F0NOSUCHFILE'), { ok: false, reason: 'not_found', errorCode: 'file_not_found' });
    const id = upload();
    fake.files.delete(id);
    assert.deepEqual(await gateway().download(id), { ok: false, reason: 'not_found', errorCode: 'file_deleted' });
    const calls = fake.callsTo('files.info').length;
    assert.equal(failure(await gateway().download('../../etc/passwd')).reason, 'not_found');
    assert.equal(fake.callsTo('files.info').length, calls, 'not asked');
  });

  it('explains a missing files:read, and downloads nothing', async () => {
    const id = upload();
    fake.setBotScopes(manifestBotScopes().filter((s) => s !== 'files:read'));
    try {
      const f = failure(await gateway().download(id));
      assert.deepEqual({ reason: f.reason, errorCode: f.errorCode }, { reason: 'slack_error', errorCode: 'missing_scope' });
      assert.equal(fake.files.downloads(id, 'all'), 0);
      const text = describeFileFailure(f);
      assert.match(text, /permission to read uploaded files/);
      assert.match(text, /Ask whoever runs Connect Invites to reinstall the app to the workspace with the "files:read" permission/);
    } finally {
      fake.setBotScopes(manifestBotScopes());
    }
  });

  it('never sends the token to a host it does not trust', async () => {
    const id = upload();
    let fetched = 0;
    const spy: typeof fetch = async (input, init) => {
      fetched++;
      return fetch(input, init);
    };
    const f = failure(await gateway({ trustedHosts: ['files.slack.com'], fetch: spy }).download(id));
    assert.deepEqual({ reason: f.reason, errorCode: f.errorCode }, { reason: 'unreadable', errorCode: 'untrusted_download_host' });
    assert.equal(fetched, 0);
    assert.equal(fake.files.downloads(id, 'all'), 0);
    assert.match(describeFileFailure(f), /could not be read just now/);
  });

  it('treats Slack’s sign-in page (a download without the right token) as unreadable, not as the file', async () => {
    const id = upload();
    fake.addWorkspace({ teamId: 'T0ELSEWHERE', name: 'Elsewhere', domain: 'elsewhere' });
    const otherToken = fake.addInstallation({ teamId: 'T0ELSEWHERE' });
    const page = failure(await gateway({}, () => otherToken).download(id));
    assert.deepEqual({ reason: page.reason, errorCode: page.errorCode }, { reason: 'unreadable', errorCode: 'download_sign_in_page' });
    fake.files.anonymousDownloads = 'redirect';
    const redirect = failure(await gateway({}, () => otherToken).download(id));
    assert.deepEqual({ reason: redirect.reason, errorCode: redirect.errorCode }, { reason: 'unreadable', errorCode: 'download_http_302' });
    assert.equal(fake.files.downloads(id), 0);
    assert.equal(fake.files.downloads(id, 'all'), 2);
  });

  it('gives up on a download that takes too long', async () => {
    const id = upload();
    const never: typeof fetch = (_input, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const f = failure(await gateway({ fetch: never, timeoutMs: 50 }).download(id));
    assert.deepEqual({ reason: f.reason, errorCode: f.errorCode }, { reason: 'unreadable', errorCode: 'download_timeout' });
  });

  it('logs which file and why, never the token or the download URL', async () => {
    const id = upload();
    await gateway().download(id);
    await gateway({ trustedHosts: ['files.slack.com'] }).download(id);
    await gateway({}, () => 'xoxb-secret-wrong-token').download(id);
    const all = lines.join('');
    assert.match(all, new RegExp(id));
    assert.ok(!all.includes(fake.botToken) && !all.includes('xoxb-secret-wrong-token'), 'no token');
    assert.ok(!all.includes('/files-pri/'), 'no file URL');
  });
});

describe('file gateway pieces', () => {
  it('trusts files.slack.com, the API URL’s origin and its files host (GovSlack)', () => {
    assert.deepEqual(defaultTrustedHosts('https://slack.com/api/'), ['files.slack.com', 'https://slack.com']);
    assert.deepEqual(defaultTrustedHosts('https://slack-gov.com/api/'), ['files.slack.com', 'https://slack-gov.com', 'files.slack-gov.com']);
    assert.deepEqual(defaultTrustedHosts('not a url'), ['files.slack.com']);
  });

  it('decodes UTF-8, UTF-16 with its BOM, and Excel’s Windows-1252, and gives up on binary', () => {
    assert.equal(decodeText(Buffer.from('email\nrené@x.com', 'utf8')), 'email\nrené@x.com');
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('email\tname\n', 'utf16le')])), 'email\tname\n');
    assert.equal(decodeText(Buffer.from([0x52, 0x65, 0x6e, 0xe9])), 'René');
    assert.equal(decodeText(Buffer.from([0xff, 0x00, 0xd8])), undefined);
  });

  it('says sizes as people read them', () => {
    assert.equal(formatBytes(3.2 * 1024 * 1024), '3.2 MB');
    assert.equal(formatBytes(DEFAULT_MAX_FILE_BYTES), '1.0 MB');
    assert.equal(formatBytes(850 * 1024), '850 KB');
    assert.equal(formatBytes(12), '12 bytes');
  });

  it('describes every failure with what to do', () => {
    for (const reason of ['too_large', 'not_text', 'not_found', 'unreadable', 'slack_error'] as const) {
      const text = describeFileFailure({ ok: false, reason, errorCode: reason === 'slack_error' ? 'file_deleted' : undefined } as FileFailure);
      assert.ok(text.length > 20 && text.length < 600, `${reason}: ${text}`);
      assert.doesNotMatch(text, /[<>{}]|undefined/, `${reason}: ${text}`);
    }
    assert.equal(describeFileFailure({ ok: false, reason: 'too_large', size: 3.2 * 1024 * 1024 }), 'That file is 3.2 MB; upload a CSV under 1.0 MB, or paste the addresses in the form instead.');
  });
});
