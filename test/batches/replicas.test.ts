// Sixty invitees from one form, two replicas, one killed mid-batch: every invitee is sent exactly
// once, the workspace's pace holds at Slack across both replicas (the pace lives in PostgreSQL),
// and the person follows it all in the modal and gets one summary message at the end.
//
// Time is compressed: the fake Slack's minute lasts 3 s (every limit scaled with it: Tier 2 is 20
// calls in any 3 s), and the app's batch pace is 300 a real minute, 15 in any 3 s, as 15 a minute
// (the default) is of Slack's real 20.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { postSigned } from '../helpers/app-harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack, manifestBotScopes, WORLD } from '../helpers/fake-slack.js';
import { spawnApp, type AppProcess } from '../helpers/process.js';
import { newSigningSecret } from '../helpers/signing.js';
import { shareChannelValues, slashCommand, viewSubmission } from '../helpers/slack-payloads.js';
import { until } from '../helpers/until.js';
import { busiestWindow } from '../helpers/windows.js';

const { alice } = WORLD.users;
const MINUTE_MS = 3000;
const TIER_2 = 20;
const N = 60;


describe('a batch of 60 invitations across two replicas, one killed mid-batch', () => {
  let fake: FakeSlack;
  let db: TestDatabase;
  let dir: string;
  const replicas: AppProcess[] = [];
  before(async () => {
    // conversations.connect:manage: the replica that takes over can ask Slack which invitations it holds.
    fake = await FakeSlack.start({ scopes: [...manifestBotScopes(), 'conversations.connect:manage'], rateLimits: { multiplier: 1, minuteMs: MINUTE_MS } });
    fake.seedDefaultWorld();
    db = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'connect-invites-batch-'));
    chmodSync(dir, 0o755);
  });
  after(async () => {
    await Promise.all(replicas.map((r) => r.stop('SIGKILL')));
    await fake.stop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each invitee once, at the pace, and tells the person', async () => {
    const secret = newSigningSecret();
    const env = {
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.url,
      PORT: '0',
      DATABASE_URL: db.url,
      SLACK_INVITE_TIMEOUT_MS: '1000',
      RECOVERY_LEASE_SECONDS: '2',
      BATCH_INVITES_PER_MINUTE: String((15 * 60_000) / MINUTE_MS),
    };
    const [first, second] = [spawnApp(env, dir), spawnApp(env, dir)] as [AppProcess, AppProcess];
    replicas.push(first, second);
    const baseUrl = `http://127.0.0.1:${await first.running}`;
    await second.running;

    const opensBefore = fake.callsTo('views.open').length;
    await postSigned(baseUrl, secret, slashCommand({ command: '/share-channel', userId: alice, teamId: WORLD.teamId, channelId: WORLD.channels.public }));
    const open = await fake.waitForCall('views.open', () => fake.callsTo('views.open').length > opensBefore);
    const opened = fake.view((open.response as { view: { id: string } }).view.id)!;

    const emails = Array.from({ length: N }, (_, i) => `guest${i + 1}@partner.example`);
    // As people paste them: some with names, commas and new lines mixed.
    const text = emails.map((e, i) => (i % 2 === 0 ? `${e},` : `${e}\n`)).join(' ');
    // Slack refuses the first one (the workspace allows only limited invitations... of this one address).
    fake.failNext('conversations.inviteShared', 'restricted_action');
    const ack = await postSigned(baseUrl, secret, viewSubmission(opened, shareChannelValues({ channel: WORLD.channels.public, email: text }), { id: alice, teamId: WORLD.teamId }));
    assert.equal(ack.json?.response_action, 'update', ack.text);
    assert.match(JSON.stringify(ack.json.view), /Sending 60 invitations/);

    const sent = () => fake.callsTo('conversations.inviteShared');
    await until('a third of the batch sent', () => (sent().length >= N / 3 ? true : undefined), 30_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const killedAfter = sent().length;
    assert.ok(killedAfter < N, `killed mid-batch (after ${killedAfter})`);

    const rows = await until(
      'every member final',
      async () => {
        const r = await db.query<{ invitee_email: string; status: string; error_code: string | null }>(
          'SELECT invitee_email, status, error_code FROM invites WHERE batch_id IS NOT NULL ORDER BY batch_position',
        );
        return r.length === N && r.every((m) => m.status !== 'RECORDED' && m.status !== 'SENDING') ? r : undefined;
      },
      60_000,
    );
    assert.deepEqual(rows.map((r) => r.invitee_email), emails, 'every invitee, in the order listed');
    assert.equal(rows[0]!.status, 'FAILED');
    assert.equal(rows[0]!.error_code, 'restricted_action');
    assert.ok(rows.slice(1).every((r) => r.status === 'AWAITING_ACCEPTANCE'), JSON.stringify(rows.filter((r) => r.status !== 'AWAITING_ACCEPTANCE')));

    // Exactly once: one invitation at Slack per invitee, and no second call Slack accepted.
    for (const email of emails.slice(1)) {
      assert.equal(fake.connectInvites.filter((i) => i.email === email).length, 1, `${email}: one invitation at Slack`);
      const accepted = sent().filter((c) => (c.args.emails as string[])[0] === email && (c.response as { ok: boolean }).ok);
      assert.equal(accepted.length, 1, `${email}: accepted once`);
    }
    // The pace, across both replicas: never more than Slack's Tier 2 in any (scaled) minute, and no call refused for it.
    const busiest = busiestWindow(sent().map((c) => c.at), MINUTE_MS);
    assert.ok(busiest <= TIER_2, `at most ${TIER_2} calls in any ${MINUTE_MS} ms, saw ${busiest}`);
    assert.equal(sent().filter((c) => c.httpStatus === 429).length, 0, 'Slack never had to refuse one');
    assert.ok(second.lines.some((l) => l.msg === 'taking over a batch its process left unfinished'), 'the other replica took the batch over');

    // The person: the modal (kept open, as the fake keeps it) shows every invitee's outcome, and one summary message.
    const modal = await until('the final modal', () => {
      const v = fake.view(opened.id);
      return v && (v.view as { title: { text: string } }).title.text === 'Invitations sent' ? v : undefined;
    });
    const shown = JSON.stringify(modal.view.blocks);
    for (const email of emails) assert.ok(shown.includes(email), `${email} in the modal`);
    assert.match(shown, /\*59\* sent · \*1\* not sent · \*0\* waiting/);
    assert.match(shown, /full-access|limited/i, 'the refusal explained');
    const summaries = await until('the summary', () => {
      const dms = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === alice && /invitations are done/.test(String(c.args.text)));
      return dms.length ? dms : undefined;
    });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === alice && /invitations are done/.test(String(c.args.text))).length, 1, 'one summary');
    assert.match(JSON.stringify(summaries[0]!.args.blocks), /guest60@partner\.example/);
  });
});
