// Several invitees in one /share-channel form, end to end through signed requests: every line
// checked before anything is sent (typed, chosen, uploaded), refusals named line by line where
// they are, a mixed batch sent once with its progress, its summary and App Home, Slack's per-user
// limit on email invitations waited out instead of failing the rest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SHARE_CHANNEL } from '../../src/slack/ids.js';
import { useE2E, WORLD, type E2E } from '../helpers/e2e.js';
import { eventCallback, shareChannelValues, type OpenedView } from '../helpers/slack-payloads.js';
import { until } from '../helpers/until.js';

const { alice } = WORLD.users;
const B = SHARE_CHANNEL.blocks;
const PARTNER_2 = 'U0EXTTWO';

/** The batch pace raised with the fake's limit for conversations.inviteShared (30 times Tier 2), so batches take seconds, not minutes. */
const FAST = { BATCH_INVITES_PER_MINUTE: '600', BATCH_EMAIL_LIMIT_WAIT_SECONDS: '1' };
const FAKE = { rateLimits: { multiplier: 1, methods: { 'conversations.inviteShared': 30 } } };

async function open(e2e: E2E): Promise<OpenedView> {
  return e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
}

function upload(e2e: E2E, name: string, content: string | Buffer, filetype = 'csv') {
  return e2e.fake.uploadFile({ userId: alice, name, filetype, content });
}

async function nothingRecorded(e2e: E2E, opened: OpenedView) {
  assert.equal((await e2e.db.query('SELECT 1 FROM invite_batches WHERE idempotency_key = $1', [opened.id])).length, 0, 'no batch');
  assert.equal((await e2e.db.query("SELECT 1 FROM invites WHERE idempotency_key LIKE $1 || '%'", [opened.id])).length, 0, 'no invitation');
}

describe('several invitees in one form', () => {
  const e2e = useE2E(FAST, { fake: FAKE });

  describe('refused before anything is sent, each problem where it is', () => {
    it('names the typed lines that are not addresses', async () => {
      const opened = await open(e2e);
      const before = e2e.fake.callsTo('conversations.inviteShared').length;
      const ack = await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email: 'ok@partner.example\nnot-an-address\nJane <jane@partner.example>, bob@' }), alice);
      assert.equal(ack.json?.response_action, 'errors', ack.text);
      assert.deepEqual(Object.keys(ack.json.errors), [B.email]);
      assert.match(ack.json.errors[B.email], /Line 2: .*not-an-address/);
      assert.match(ack.json.errors[B.email], /Line 3: .*bob@/);
      assert.doesNotMatch(ack.json.errors[B.email], /jane@partner/, 'a good line is not named');
      assert.equal(e2e.fake.callsTo('conversations.inviteShared').length, before);
      await nothingRecorded(e2e, opened);
    });

    it('refuses a CSV line by line, by its line numbers in the file', async () => {
      const file = upload(e2e, 'guests.csv', 'Name,Email\nAda,ada@partner.example\nBob,bob-at-partner\nCy,\nDee,dee@partner.example\n');
      const opened = await open(e2e);
      const ack = await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, files: [file] }), alice);
      assert.equal(ack.json?.response_action, 'errors', ack.text);
      assert.deepEqual(Object.keys(ack.json.errors), [B.file]);
      assert.match(ack.json.errors[B.file], /guests\.csv/);
      assert.match(ack.json.errors[B.file], /Line 3: .*bob-at-partner/);
      assert.match(ack.json.errors[B.file], /Line 4: /);
      assert.doesNotMatch(ack.json.errors[B.file], /Line (2|5)\b/);
      await nothingRecorded(e2e, opened);
    });

    for (const [name, file, message] of [
      ['a file that is not CSV', () => upload(e2e, 'logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0, 255]), 'png'), /CSV/],
      ['a CSV with a header only', () => upload(e2e, 'empty.csv', 'email,name\n'), /empty|nobody|no one|no address/i],
      ['a file too large', () => e2e.fake.uploadFile({ userId: alice, name: 'huge.csv', filetype: 'csv', content: 'email\na@partner.example\n', reportedSize: 5 * 1024 * 1024 }), /MB/],
    ] as const) {
      it(`answers ${name} clearly`, async () => {
        const opened = await open(e2e);
        const ack = await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, files: [file()] }), alice);
        assert.equal(ack.json?.response_action, 'errors', ack.text);
        assert.deepEqual(Object.keys(ack.json.errors), [B.file]);
        assert.match(ack.json.errors[B.file], message);
        await nothingRecorded(e2e, opened);
      });
    }

    it('names a chosen colleague of the same workspace under the people', async () => {
      const opened = await open(e2e);
      const ack = await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email: 'ok@partner.example', users: [WORLD.users.ext, WORLD.users.carol] }), alice);
      assert.equal(ack.json?.response_action, 'errors', ack.text);
      assert.deepEqual(Object.keys(ack.json.errors), [B.user]);
      assert.match(ack.json.errors[B.user], /own workspace/);
      await nothingRecorded(e2e, opened);
    });

    it('refuses more than 100 invitees, saying the limit', async () => {
      const opened = await open(e2e);
      const list = Array.from({ length: 101 }, (_, i) => `p${i}@partner.example`).join('\n');
      const ack = await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email: list }), alice);
      assert.equal(ack.json?.response_action, 'errors', ack.text);
      assert.match(ack.json.errors[B.email], /100/);
      await nothingRecorded(e2e, opened);
    });
  });

  it('sends a mixed batch once (typed, chosen, uploaded), shows it going, sums it up and lists it on App Home', async () => {
    e2e.fake.addUser({ id: PARTNER_2, name: 'dana', realName: 'Dana Partner', email: 'dana@partner.example', teamId: WORLD.partnerTeamId } as Parameters<typeof e2e.fake.addUser>[0]);
    const file = upload(e2e, 'team.csv', '\uFEFFemail;name\r\nfile1@partner.example;File One\r\nTYPED1@partner.example;Typed Again\r\n');
    const opened = await open(e2e);
    const values = shareChannelValues({ channel: WORLD.channels.public, email: 'typed1@partner.example, "Two, Typed" <typed2@partner.example>', users: [WORLD.users.ext, PARTNER_2], files: [file] });
    const ack = await e2e.submit(opened, values, alice);
    assert.equal(ack.json?.response_action, 'update', ack.text);
    // The same submission delivered again: the same batch, nothing sent twice.
    const again = await e2e.submit(opened, values, alice);
    assert.equal(again.json?.response_action, 'update', again.text);

    const members = await until('the batch finished', async () => {
      const rows = await e2e.db.query<{ invitee_email: string | null; invitee_user_id: string | null; invitee_name: string | null; status: string }>(
        'SELECT i.invitee_email, i.invitee_user_id, i.invitee_name, i.status FROM invites i JOIN invite_batches b ON b.id = i.batch_id WHERE b.idempotency_key = $1 AND b.finished_at IS NOT NULL ORDER BY i.batch_position',
        [opened.id],
      );
      return rows.length ? rows : undefined;
    });
    assert.deepEqual(
      members.map((m) => m.invitee_email ?? m.invitee_user_id),
      ['typed1@partner.example', 'typed2@partner.example', WORLD.users.ext, PARTNER_2, 'file1@partner.example'],
      'typed, chosen, then the file; the address listed twice once',
    );
    assert.equal(members[1]!.invitee_name, 'Two, Typed');
    assert.ok(members.every((m) => m.status === 'AWAITING_ACCEPTANCE'));
    const calls = e2e.fake.callsTo('conversations.inviteShared').filter((c) => c.args.channel === WORLD.channels.public && ((c.args.emails as string[] | undefined)?.[0]?.match(/typed|file1/) || (c.args.user_ids as string[] | undefined)?.[0]?.match(/U0EXT/)));
    assert.equal(calls.length, 5, 'one call per invitee, none twice');
    assert.ok(calls.every((c) => c.args.external_limited === true), 'limited, as the form said');
    // Each delivery checks the form, the file with it, before the record says it is the same one.
    assert.equal(e2e.fake.files.downloads(file.id as string, 'served'), 2, 'the file read once per delivery, with the bot token');

    const final = await until('the final modal', () => {
      const v = e2e.fake.view(opened.id);
      return (v?.view as { title?: { text: string } } | undefined)?.title?.text === 'Invitations sent' ? v : undefined;
    });
    assert.match(JSON.stringify(final!.view.blocks), /\*5\* sent · \*0\* not sent · \*0\* waiting/);
    const dm = await e2e.fake.waitForCall('chat.postMessage', (c) => c.args.channel === alice && /invitations are done/.test(String(c.args.text)));
    assert.match(JSON.stringify(dm.args.blocks), /file1@partner\.example/);

    const before = e2e.fake.callsTo('views.publish').length;
    await e2e.app.send(eventCallback({ type: 'app_home_opened', user: alice, channel: 'D0X', tab: 'home' }, WORLD.teamId));
    const home = await e2e.fake.waitForCall('views.publish', (c) => e2e.fake.callsTo('views.publish').indexOf(c) >= before && c.args.user_id === alice);
    assert.match(JSON.stringify((home.args.view as { blocks: unknown }).blocks), /Your batches.*5 invitations, done/);
  });

  it('waits out Slack’s per-user limit on email invitations instead of failing the rest', async () => {
    const opened = await open(e2e);
    e2e.fake.failNext('conversations.inviteShared', 'ratelimit', { times: 1 });
    await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email: 'lim1@partner.example\nlim2@partner.example' }), alice);
    const members = await until('the batch finished', async () => {
      const rows = await e2e.db.query<{ status: string; attempts: number }>(
        'SELECT i.status, i.attempts FROM invites i JOIN invite_batches b ON b.id = i.batch_id WHERE b.idempotency_key = $1 AND b.finished_at IS NOT NULL ORDER BY i.batch_position',
        [opened.id],
      );
      return rows.length ? rows : undefined;
    });
    assert.deepEqual(members.map((m) => m.status), ['AWAITING_ACCEPTANCE', 'AWAITING_ACCEPTANCE'], 'both sent in the end');
    assert.equal(members[0]!.attempts, 2, 'the first tried again after the wait');
  });
});

// Slack's reference says connection_limit_exceeded_pending means "This channel already has a
// pending invite": if Slack holds one pending invitation per channel (not per invitee, as the
// fake does by default), a batch into one channel sends its first, and each of the others ends
// explained, once, without being tried again and again.
describe('several invitees, if Slack keeps one pending invitation per channel', () => {
  const e2e = useE2E(FAST, { fake: { ...FAKE, pendingInviteRule: 'per-channel' } });

  it('sends the first and explains the others', async () => {
    const opened = await open(e2e);
    await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email: 'one@partner.example\ntwo@partner.example\nthree@partner.example' }), alice);
    const members = await until('the batch finished', async () => {
      const rows = await e2e.db.query<{ status: string; error_code: string | null }>(
        'SELECT i.status, i.error_code FROM invites i JOIN invite_batches b ON b.id = i.batch_id WHERE b.idempotency_key = $1 AND b.finished_at IS NOT NULL ORDER BY i.batch_position',
        [opened.id],
      );
      return rows.length ? rows : undefined;
    });
    assert.deepEqual(members.map((m) => m.status), ['AWAITING_ACCEPTANCE', 'FAILED', 'FAILED']);
    assert.ok(members.slice(1).every((m) => m.error_code === 'connection_limit_exceeded_pending'));
    assert.equal(e2e.fake.callsTo('conversations.inviteShared').length, 3, 'each tried once');
    const dm = await e2e.fake.waitForCall('chat.postMessage', (c) => c.args.channel === alice && /invitations are done/.test(String(c.args.text)));
    assert.match(JSON.stringify(dm.args.blocks), /\(2\)/, 'the reason explained once, for both');
  });
});
