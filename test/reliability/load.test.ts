// 200 people in one workspace submit at once while Slack answers slowly.
//
// What this measures: each is acknowledged within Slack's 3 seconds (the app records the request
// and answers before it calls Slack), and each invitation ends accounted for, once.
//
// What it does not claim: that 200 invitations go out in seconds. Slack limits
// conversations.inviteShared to Tier 2, about 20 a minute per workspace (D4 in the 2026-12
// review); no app can send this burst. The fake runs at MULTIPLIER times Slack's limits, enough
// for 200 people to open the form and be checked (views.open is Tier 4: 500 a minute here), and
// the burst is twice what even that lets inviteShared send (100 a minute here). So the test also
// shows what the app does at the limit: every invitation is either sent once or, refused by
// Slack's limit, deferred to be sent after Retry-After (the person told when); none is lost or
// sent twice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useE2E, WORLD, type E2E } from '../helpers/e2e.js';
import { RATE_LIMITS } from '../helpers/fake-slack.js';
import { allowedCalls, type RateLimitSetting } from '../helpers/fake-slack/rate-limits.js';
import { slashCommand, viewSubmission, type OpenedView, shareChannelValues } from '../helpers/slack-payloads.js';

const N = 200;
const MULTIPLIER: RateLimitSetting = { multiplier: 5 };
const INVITES_ALLOWED = allowedCalls(RATE_LIMITS['conversations.inviteShared']!, MULTIPLIER);

/** Opens `n` modals, one per person's command, and returns them as stored. */
async function openModals(e2e: E2E, n: number): Promise<OpenedView[]> {
  const { fake, app } = e2e;
  const openedBefore = fake.callsTo('views.open').length;
  await Promise.all(
    Array.from({ length: n }, () => app.send(slashCommand({ command: '/share-channel', userId: WORLD.users.alice, teamId: WORLD.teamId, channelId: WORLD.channels.public }))),
  );
  await fake.waitForCall('views.open', () => fake.callsTo('views.open').length >= openedBefore + n, 20_000);
  const calls = fake.callsTo('views.open').slice(openedBefore);
  assert.ok(calls.every((c) => c.httpStatus === 200 && (c.response as { ok: boolean }).ok), 'every modal opened, none rate limited');
  return calls.map((c) => fake.view((c.response as { view: { id: string } }).view.id)!);
}

/** Submits every modal at once with its own invitee; returns the acknowledgements. */
function submitAll(e2e: E2E, views: OpenedView[], prefix: string) {
  return Promise.all(
    views.map((opened, i) =>
      e2e.app.send(viewSubmission(opened, shareChannelValues({ channel: WORLD.channels.public, email: `${prefix}${i}@partner.example` }), { id: WORLD.users.alice, teamId: WORLD.teamId })),
    ),
  );
}

/** Waits until every view has been updated away from the view its acknowledgement showed. */
async function waitForOutcomes(e2e: E2E, views: OpenedView[], ackTitles: Map<string, string>): Promise<void> {
  const ids = new Set(views.map((v) => v.id));
  const final = () =>
    new Set(
      e2e.fake
        .callsTo('views.update')
        .filter((c) => ids.has(c.args.view_id as string) && (c.response as { ok?: boolean }).ok && (c.args.view as { title: { text: string } }).title.text !== ackTitles.get(c.args.view_id as string))
        .map((c) => c.args.view_id),
    ).size;
  await e2e.fake.waitForCall('views.update', () => final() >= views.length, 30_000);
}

describe('load: a burst of submissions beyond Slack Connect’s rate limit', () => {
  const e2e = useE2E({}, { fake: { rateLimits: MULTIPLIER } });

  it(`acknowledges ${N} concurrent submissions within 3 s while Slack is slow, and sends each once or defers it past Slack's limit`, async () => {
    const { fake } = e2e;
    const views = await openModals(e2e, N);
    assert.equal(new Set(views.map((v) => v.id)).size, N);

    fake.setDelay('conversations.inviteShared', 1500);
    const acks = await submitAll(e2e, views, 'load');
    const slowest = Math.max(...acks.map((a) => a.ms));
    assert.ok(acks.every((a) => a.status === 200 && a.json?.response_action === 'update'), 'every submission acknowledged with the sending view');
    assert.ok(slowest < 3000, `slowest acknowledgement ${Math.round(slowest)} ms`);

    const ackTitles = new Map(views.map((v, i) => [v.id, String(acks[i]!.json.view.title.text)]));
    await waitForOutcomes(e2e, views, ackTitles);
    fake.setDelay('conversations.inviteShared', 0);

    const calls = fake.callsTo('conversations.inviteShared').filter((c) => String((c.args.emails as string[])[0]).startsWith('load'));
    const sent = calls.filter((c) => c.httpStatus === 200 && (c.response as { ok: boolean }).ok).map((c) => (c.args.emails as string[])[0]);
    const limited = calls.filter((c) => c.httpStatus === 429);
    assert.equal(sent.length, INVITES_ALLOWED, "Slack's limit (at the fake's multiplier) let this many through");
    assert.equal(new Set(sent).size, sent.length, 'none sent twice');
    assert.equal(limited.length, N - INVITES_ALLOWED, 'each of the others was refused once, and not retried within the minute');
    assert.equal(fake.connectInvites.filter((i) => i.email?.startsWith('load')).length, INVITES_ALLOWED);

    const rows = await e2e.db.query<{ status: string; error_code: string | null; retrying: boolean; n: number }>(
      `SELECT status, error_code, retry_after_seconds > 0 AS retrying, count(*)::int AS n FROM invites WHERE invitee_email LIKE 'load%' GROUP BY 1, 2, 3 ORDER BY status::text`,
    );
    assert.deepEqual(rows, [
      { status: 'AWAITING_ACCEPTANCE', error_code: null, retrying: null, n: INVITES_ALLOWED },
      { status: 'RECORDED', error_code: 'ratelimited', retrying: true, n: N - INVITES_ALLOWED },
    ]);
  });
});

describe('load: invitations past the rate limit are deferred, not refused', () => {
  const e2e = useE2E({}, { fake: { rateLimits: { multiplier: 1 } } });

  it('at Slack’s own Tier 2, defers the ones past it to send after Retry-After, telling each person, instead of recording them failed', async () => {
    const allowed = allowedCalls(RATE_LIMITS['conversations.inviteShared']!, { multiplier: 1 });
    const views = await openModals(e2e, allowed + 5);
    const acks = await submitAll(e2e, views, 'queued');
    await waitForOutcomes(e2e, views, new Map(views.map((v, i) => [v.id, String(acks[i]!.json.view.title.text)])));
    const rows = await e2e.db.query<{ status: string; error_code: string | null; n: number }>(
      "SELECT status, error_code, count(*)::int AS n FROM invites WHERE invitee_email LIKE 'queued%' GROUP BY 1, 2 ORDER BY status::text",
    );
    assert.deepEqual(rows, [
      { status: 'AWAITING_ACCEPTANCE', error_code: null, n: allowed },
      { status: 'RECORDED', error_code: 'ratelimited', n: 5 },
    ]);
  });
});
