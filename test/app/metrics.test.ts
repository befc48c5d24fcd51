// Metrics as the operator scrapes them: on their own listener (METRICS_PORT, 127.0.0.1 by
// default) behind METRICS_TOKEN, never on the app's public port, counting real /share-channel
// invitations sent through signed requests, with no workspace, person, channel or email in them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useE2E, WORLD, type E2E } from '../helpers/e2e.js';
import { eventCallback, shareChannelValues } from '../helpers/slack-payloads.js';
import { until } from '../helpers/until.js';

const TOKEN = 'metrics-token-for-the-test-0123456789';
const { alice } = WORLD.users;

type Labels = Record<string, string>;

/** Every sample of the scrape: its name, labels and value. */
function samples(text: string): Array<{ name: string; labels: Labels; value: number }> {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      assert.ok(match, `a sample line in Prometheus' text format: ${line}`);
      const labels: Labels = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample named `name` with these labels (0 when it was never counted). */
function value(text: string, name: string, labels: Labels = {}): number {
  const found = samples(text).filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  assert.ok(found.length <= 1, `one sample of ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}

async function scrape(e2e: E2E, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${e2e.app.app.metricsPort}/metrics`, { headers });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return res.text();
}

async function submit(e2e: E2E, email: string): Promise<void> {
  const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
  const ack = await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email }), alice);
  assert.equal(ack.status, 200);
}

async function finalStatus(e2e: E2E, email: string): Promise<{ status: string; slack_invite_id: string | null }> {
  return until(`${email} answered`, async () => {
    const [row] = await e2e.db.query<{ status: string; slack_invite_id: string | null }>('SELECT status, slack_invite_id FROM invites WHERE invitee_email = $1', [email]);
    return row && row.status !== 'RECORDED' && row.status !== 'SENDING' ? row : undefined;
  });
}

const INVITATIONS = 'connect_invites_invitations_total';
const SLACK_CALLS = 'connect_invites_slack_api_call_duration_seconds_count';

describe('metrics', () => {
  const e2e = useE2E({ METRICS_PORT: '0', METRICS_TOKEN: TOKEN });

  it('counts an invitation still unanswered in the unfinished gauge, as the database holds it', async () => {
    // (The gauge is counted at most every few seconds: this is the app's first scrape.)
    const held = e2e.fake.holdNext('conversations.inviteShared');
    await submit(e2e, 'held@partner.example');
    await held.arrived;
    try {
      const [{ n }] = (await e2e.db.query<{ n: number }>("SELECT count(*)::int AS n FROM invites WHERE status IN ('RECORDED', 'SENDING')")) as [{ n: number }];
      assert.equal(n, 1);
      assert.equal(value(await scrape(e2e), 'connect_invites_unfinished_invitations'), n);
    } finally {
      held.release();
    }
    assert.equal((await finalStatus(e2e, 'held@partner.example')).status, 'AWAITING_ACCEPTANCE');
  });

  it('counts a /share-channel invitation by outcome, and its Slack call by method and result with a latency histogram', async () => {
    const before = await scrape(e2e);
    await submit(e2e, 'sent@partner.example');
    assert.equal((await finalStatus(e2e, 'sent@partner.example')).status, 'AWAITING_ACCEPTANCE');
    const after = await scrape(e2e);
    const sent = { kind: 'slack_connect', outcome: 'sent', error_code: 'none' };
    assert.equal(value(after, INVITATIONS, sent) - value(before, INVITATIONS, sent), 1);
    const call = { method: 'conversations.inviteShared', result: 'ok' };
    assert.equal(value(after, SLACK_CALLS, call) - value(before, SLACK_CALLS, call), 1);
    // Each call lands in the histogram's buckets: the slowest bucket holds every one.
    assert.equal(value(after, 'connect_invites_slack_api_call_duration_seconds_bucket', { ...call, le: '+Inf' }), value(after, SLACK_CALLS, call));
    assert.ok(value(after, 'connect_invites_slack_api_call_duration_seconds_sum', call) > 0);
    assert.ok(value(after, SLACK_CALLS, { method: 'views.open', result: 'ok' }) >= 2, 'the modals opened, through the same transport');
  });

  it('labels a refusal with its catalogued error code, and a code outside the catalogue as other', async () => {
    const before = await scrape(e2e);
    e2e.fake.failNext('conversations.inviteShared', 'restricted_action');
    await submit(e2e, 'restricted@partner.example');
    assert.equal((await finalStatus(e2e, 'restricted@partner.example')).status, 'FAILED');
    e2e.fake.failNext('conversations.inviteShared', 'a_code_slack_invented_tomorrow');
    await submit(e2e, 'novel@partner.example');
    assert.equal((await finalStatus(e2e, 'novel@partner.example')).status, 'FAILED');
    const after = await scrape(e2e);
    for (const code of ['restricted_action', 'other']) {
      const failed = { kind: 'slack_connect', outcome: 'failed', error_code: code };
      assert.equal(value(after, INVITATIONS, failed) - value(before, INVITATIONS, failed), 1, code);
    }
    assert.ok(!after.includes('a_code_slack_invented_tomorrow'));
    const refused = { method: 'conversations.inviteShared', result: 'error' };
    assert.equal(value(after, SLACK_CALLS, refused) - value(before, SLACK_CALLS, refused), 2);
  });

  it('counts a rate-limited call and the wait for Slack’s Retry-After', async () => {
    const before = await scrape(e2e);
    e2e.fake.rateLimitNext('conversations.inviteShared', 1);
    await submit(e2e, 'limited@partner.example');
    assert.equal((await finalStatus(e2e, 'limited@partner.example')).status, 'AWAITING_ACCEPTANCE');
    const after = await scrape(e2e);
    const reason = { reason: 'retry_after' };
    assert.equal(value(after, 'connect_invites_rate_limit_waits_total', reason) - value(before, 'connect_invites_rate_limit_waits_total', reason), 1);
    assert.equal(value(after, 'connect_invites_rate_limit_wait_seconds_total', reason) - value(before, 'connect_invites_rate_limit_wait_seconds_total', reason), 1);
    const limited = { method: 'conversations.inviteShared', result: 'rate_limited' };
    assert.equal(value(after, SLACK_CALLS, limited) - value(before, SLACK_CALLS, limited), 1);
  });

  it('counts a lifecycle event once, and its repeated delivery as a duplicate dropped', async () => {
    const { slack_invite_id: slackInviteId } = await finalStatus(e2e, 'sent@partner.example');
    assert.ok(slackInviteId);
    const before = await scrape(e2e);
    const now = Math.floor(Date.now() / 1000);
    const accepted = eventCallback(
      {
        type: 'shared_channel_invite_accepted',
        approval_required: false,
        invite: { id: slackInviteId, date_created: now - 60, date_invalid: now + 14 * 86_400, inviting_team: { id: WORLD.teamId, name: 'Acme', domain: 'acme' }, inviting_user: { id: alice, team_id: WORLD.teamId, name: 'alice' }, recipient_email: 'sent@partner.example' },
        channel: { id: WORLD.channels.public, is_private: false, is_im: false, name: 'project-x' },
        accepting_user: { id: 'U0EXTERNAL', team_id: WORLD.partnerTeamId, name: 'partner' },
        teams_in_channel: [{ id: WORLD.teamId }],
        event_ts: `${now}.000100`,
      },
      WORLD.teamId,
    );
    assert.equal((await e2e.app.send(accepted)).status, 200);
    await until('accepted', async () => ((await finalStatus(e2e, 'sent@partner.example')).status === 'ACCEPTED' ? true : undefined));
    assert.equal((await e2e.app.send(accepted)).status, 200, 'Slack delivers it again');
    const after = await until('the repeat counted', async () => {
      const text = await scrape(e2e);
      return value(text, 'connect_invites_lifecycle_events_total', { type: 'accepted', outcome: 'duplicate' }) > value(before, 'connect_invites_lifecycle_events_total', { type: 'accepted', outcome: 'duplicate' }) ? text : undefined;
    });
    for (const [outcome, delta] of [['applied', 1], ['duplicate', 1]] as const) {
      const labels = { type: 'accepted', outcome };
      assert.equal(value(after, 'connect_invites_lifecycle_events_total', labels) - value(before, 'connect_invites_lifecycle_events_total', labels), delta, outcome);
    }
  });

  it('has Node’s process metrics, and no workspace, person, channel, email or token anywhere', async () => {
    const text = await scrape(e2e);
    assert.ok(value(text, 'process_cpu_user_seconds_total') > 0);
    assert.ok(value(text, 'process_resident_memory_bytes') > 0);
    assert.ok(samples(text).some((s) => s.name.startsWith('nodejs_eventloop_lag')));
    const ids = await e2e.db.query<{ team_id: string; requester_user_id: string; channel_id: string; invitee_email: string; slack_invite_id: string | null }>(
      'SELECT team_id, requester_user_id, channel_id, invitee_email, slack_invite_id FROM invites',
    );
    assert.ok(ids.length >= 5);
    const secrets = [WORLD.teamId, WORLD.partnerTeamId, ...Object.values(WORLD.users), ...Object.values(WORLD.channels), ...Object.values(WORLD.emails), e2e.fake.botToken, ...ids.flatMap((r) => Object.values(r).filter((v): v is string => typeof v === 'string'))];
    for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} is not in the scrape`);
    assert.ok(!text.includes('@'), 'no email address');
    // Nothing shaped like a Slack ID (T…, U…, C…, G…, D…, W…, E…) either, whatever the world seeded.
    assert.doesNotMatch(text, /"[TUCGDWE][0-9][A-Z0-9]{3,}"/);
  });

  it('is served only on the metrics listener, on 127.0.0.1 unless told otherwise, and only with the token', async () => {
    const publicAnswer = await fetch(`${e2e.app.baseUrl}/metrics`);
    assert.equal(publicAnswer.status, 404);
    assert.ok(!(await publicAnswer.text()).includes('connect_invites_'), 'the public port gives no metrics');

    const base = `http://127.0.0.1:${e2e.app.app.metricsPort}`;
    for (const headers of [{}, { authorization: 'Bearer not-the-token-at-all-000000' }, { authorization: TOKEN }] as Array<Record<string, string>>) {
      const res = await fetch(`${base}/metrics`, { headers });
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.ok(!(await res.text()).includes('connect_invites_'));
    }
    const elsewhere = await fetch(`${base}/slack/events`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(elsewhere.status, 404);
    assert.notEqual(e2e.app.app.metricsPort, e2e.app.app.port);
    const listening = e2e.app.logs.find((l) => l.msg === 'metrics listening');
    assert.deepEqual({ host: listening?.host, tokenRequired: listening?.tokenRequired }, { host: '127.0.0.1', tokenRequired: true });
    assert.ok(!e2e.app.rawLogs().includes(TOKEN), 'the token is never logged');
  });
});
