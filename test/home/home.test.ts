// App Home and the invitation lifecycle end to end: invites of both kinds, the dashboard built
// from the database, Slack Connect events (once each), paging at 10,000 invites, the admin view.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestApp } from '../helpers/app-harness.js';
import { useE2E, WORLD, type E2E } from '../helpers/e2e.js';
import { seedInvites } from '../helpers/seed.js';
import { blockAction, eventCallback, shareChannelValues, stateValue, type OpenedView } from '../helpers/slack-payloads.js';

const { alice, bob, carol, admin, ext } = WORLD.users;
const HOME = { filter: 'home.filter', scope: 'home.scope', older: 'home.page_older', newer: 'home.page_newer', refresh: 'home.refresh' };

async function openHome(e2e: E2E, user: string, app = e2e.app) {
  const before = e2e.fake.callsTo('views.publish').length;
  const res = await app.send(eventCallback({ type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home' }, WORLD.teamId));
  assert.equal(res.status, 200);
  return latestHome(e2e, user, before);
}

async function latestHome(e2e: E2E, user: string, before: number) {
  const call = await e2e.fake.waitForCall('views.publish', (c) => c.args.user_id === user && e2e.fake.callsTo('views.publish').indexOf(c) >= before);
  assert.equal((call.response as { ok: boolean }).ok, true, `views.publish failed: ${JSON.stringify(call.response)}`);
  const view = call.args.view as { blocks: Array<Record<string, any>>; private_metadata: string };
  return { view, text: JSON.stringify(view.blocks) };
}

async function clickHome(e2e: E2E, user: string, actionId: string, home: { view: { blocks: Array<Record<string, any>>; private_metadata: string } }, selected?: string) {
  const button = home.view.blocks.flatMap((b) => b.elements ?? []).find((el: { action_id?: string }) => el.action_id === actionId);
  if (!selected) assert.ok(button, `no ${actionId} button on the Home tab`);
  const before = e2e.fake.callsTo('views.publish').length;
  const res = await e2e.app.send(
    blockAction({
      actionId,
      value: button?.value,
      user: { id: user, teamId: WORLD.teamId },
      view: { id: 'VHOME', hash: 'h', view: { private_metadata: home.view.private_metadata }, type: 'home' },
      ...(selected ? { selectedOption: { value: selected } } : {}),
    }),
  );
  assert.equal(res.status, 200);
  return latestHome(e2e, user, before);
}

type Counts = Record<
  'Sent' | 'Waiting for acceptance' | 'Waiting for approval' | 'Accepted' | 'Declined' | 'Expired' | 'Added to private channels' | 'Failed' | 'Still sending',
  number
>;
const NO_COUNTS: Counts = {
  Sent: 0, 'Waiting for acceptance': 0, 'Waiting for approval': 0, Accepted: 0, Declined: 0, Expired: 0, 'Added to private channels': 0, Failed: 0, 'Still sending': 0,
};

function counts(home: { view: { blocks: Array<Record<string, any>> } }): Counts {
  const section = home.view.blocks.find((b) => b.type === 'section' && Array.isArray(b.fields));
  return Object.fromEntries(section!.fields.map((f: { text: string }) => f.text.split('\n')).map(([k, v]: string[]) => [k!.replaceAll('*', ''), Number(v)])) as Counts;
}

/** Every invitation counts in exactly one counter besides Sent (which adds up the Slack Connect ones Slack accepted). */
function total(c: Counts): number {
  return Object.entries(c).reduce((sum, [label, n]) => (label === 'Sent' ? sum : sum + n), 0);
}

function itemsOf(home: { view: { blocks: Array<Record<string, any>> } }): string[] {
  return home.view.blocks.filter((b) => b.type === 'section' && typeof b.text?.text === 'string' && b.text.text.includes('→')).map((b) => b.text.text as string);
}

/** The seeded invitees' numbers on the page (bulkN@…), 0 for any other invitee. */
function inviteesOf(home: { view: { blocks: Array<Record<string, any>> } }): number[] {
  return itemsOf(home).map((item) => Number(/\bbulk(\d+)@/.exec(item)?.[1] ?? 0));
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function share(e2e: E2E, user: string, values: { email?: string; user?: string }, failWith?: string) {
  const opened: OpenedView = await e2e.openModal('/share-channel', { user, channel: WORLD.channels.public });
  if (failWith) e2e.fake.failNext('conversations.inviteShared', failWith);
  await e2e.submit(
    opened,
    shareChannelValues({ channel: WORLD.channels.public, email: values.email ?? null, user: values.user ?? null }),
    user,
  );
  await e2e.fake.waitForCall('views.update', (c) => c.args.view_id === opened.id && (c.args.view as { title: { text: string } }).title.text !== 'Sending invitation');
  const [row] = await e2e.db.query<{ id: string; slack_invite_id: string | null; status: string }>('SELECT id, slack_invite_id, status FROM invites WHERE idempotency_key = $1', [opened.id]);
  return row!;
}

async function invitePrivate(e2e: E2E, user: string, users: string[]) {
  const opened = await e2e.openModal('/invite-private', { user, channel: WORLD.channels.private });
  await e2e.submit(
    opened,
    { 'invite_private.channel': { channel: stateValue.conversation(WORLD.channels.private) }, 'invite_private.users': { users: stateValue.users(users) } },
    user,
  );
  await e2e.fake.waitForCall('views.update', (c) => c.args.view_id === opened.id && !/Sending|Adding/.test((c.args.view as { title: { text: string } }).title.text));
}

function lifecycleEvent(type: string, inviteId: string, extra: Record<string, unknown>) {
  const now = Math.floor(Date.now() / 1000);
  return {
    type,
    invite: {
      id: inviteId,
      date_created: now - 60,
      date_invalid: now + 14 * 86400,
      inviting_team: { id: WORLD.teamId, name: 'Acme', domain: 'acme' },
      inviting_user: { id: alice, team_id: WORLD.teamId, name: 'alice' },
      recipient_email: WORLD.emails.ext,
    },
    channel: { id: WORLD.channels.public, is_private: false, is_im: false, name: 'project-x' },
    teams_in_channel: [{ id: WORLD.teamId }],
    event_ts: `${now}.000100`,
    ...extra,
  };
}

describe('App Home and the invitation lifecycle', () => {
  const e2e = useE2E();

  it('shows both kinds of invitation, newest first, with counts and the explanation of a failure', async () => {
    await share(e2e, alice, { email: WORLD.emails.ext });
    await share(e2e, alice, { email: 'blocked@partner.example' }, 'restricted_action');
    await invitePrivate(e2e, alice, [bob]);
    const home = await openHome(e2e, alice);
    // Sent is the one invitation Slack accepted: not the one it refused, nor the private-channel add.
    assert.deepEqual(counts(home), { ...NO_COUNTS, Sent: 1, 'Waiting for acceptance': 1, 'Added to private channels': 1, Failed: 1 });
    const items = itemsOf(home);
    assert.equal(items.length, 3);
    assert.match(items[0]!, /private channel/, 'the newest (the private invite) first');
    assert.match(items[0]!, new RegExp(`<@${bob}>`));
    assert.match(items[0]!, /Everyone added/);
    assert.match(items[1]!, /blocked@partner\.example[\s\S]*Not sent[\s\S]*Ask a workspace admin or owner to/);
    assert.match(items[2]!, /Waiting for them to accept/);
    assert.match(home.text, /Invite ID `I[A-Z0-9]+`/);
    assert.ok(home.text.includes('home.open_share_channel') && home.text.includes('home.open_invite_private'));
  });

  it('opens the same forms as the commands from the Home tab buttons', async () => {
    const home = await openHome(e2e, alice);
    for (const [actionId, callbackId] of [['home.open_share_channel', 'share_channel'], ['home.open_invite_private', 'invite_private']] as const) {
      const before = e2e.fake.callsTo('views.open').length;
      await e2e.app.send(blockAction({ actionId, value: 'open', user: { id: alice, teamId: WORLD.teamId }, view: { id: 'VHOME', hash: 'h', view: { private_metadata: home.view.private_metadata }, type: 'home' } }));
      const call = await e2e.fake.waitForCall('views.open', () => e2e.fake.callsTo('views.open').length > before);
      assert.equal((call.args.view as { callback_id: string }).callback_id, callbackId);
      assert.equal((call.response as { ok: boolean }).ok, true);
    }
  });

  it('follows an invitation through acceptance (awaiting approval), approval, and tells the inviter', async () => {
    const row = await share(e2e, alice, { user: ext });
    const dmsBefore = e2e.fake.messages.length;
    const accepted = eventCallback(lifecycleEvent('shared_channel_invite_accepted', row.slack_invite_id!, { approval_required: true, accepting_user: { id: ext, team_id: WORLD.partnerTeamId, name: 'partner' } }), WORLD.teamId);
    const publishesBefore = e2e.fake.callsTo('views.publish').length;
    assert.equal((await e2e.app.send(accepted)).status, 200);
    const home = await latestHome(e2e, alice, publishesBefore);
    assert.match(home.text, /waiting for an admin to approve/);
    const [afterAccept] = await e2e.db.query<Record<string, any>>('SELECT * FROM invites WHERE id = $1', [row.id]);
    assert.equal(afterAccept!.status, 'AWAITING_APPROVAL');
    assert.equal(afterAccept!.accepted_by_user_id, ext);
    assert.equal(afterAccept!.accepted_by_team_id, WORLD.partnerTeamId);
    assert.equal(afterAccept!.approval_required, true);
    assert.ok(afterAccept!.date_invalid instanceof Date);
    const dm = await e2e.fake.waitForCall('chat.postMessage', (c) => c.args.channel === alice && /accepted your invitation/.test(String(c.args.text)));
    assert.match(String(dm.args.text), /admin must approve/);

    const approved = eventCallback(lifecycleEvent('shared_channel_invite_approved', row.slack_invite_id!, { approving_team_id: WORLD.teamId, approving_user: { id: admin, team_id: WORLD.teamId } }), WORLD.teamId);
    assert.equal((await e2e.app.send(approved)).status, 200);
    // The message is sent; whether Slack takes it, a second after the first, is the todo below.
    await e2e.fake.waitForCall('chat.postMessage', (c) => c.args.channel === alice && /was approved/.test(String(c.args.text)));
    const [afterApprove] = await e2e.db.query<Record<string, any>>('SELECT * FROM invites WHERE id = $1', [row.id]);
    assert.equal(afterApprove!.status, 'ACCEPTED');
    assert.equal(afterApprove!.approved_by_user_id, admin);
    assert.ok(e2e.fake.messages.length - dmsBefore >= 1, 'the acceptance message delivered');
  });

  // Slack takes about one message a second per channel. Two lifecycle events for one person within
  // a second (an acceptance the admins' rules approve at once, say) make the second message a 429;
  // Bolt's client rejects 429s at once (so one person's limit never holds up another's modal), and
  // the message waits out Slack's Retry-After by itself (src/slack/direct-message.ts).
  it(
    'tells the inviter of both an acceptance and its approval arriving within a second',
    async () => {
      const row = await share(e2e, alice, { email: 'quick@partner.example' });
      await e2e.app.send(eventCallback(lifecycleEvent('shared_channel_invite_accepted', row.slack_invite_id!, { approval_required: true, accepting_user: { id: ext, team_id: WORLD.partnerTeamId } }), WORLD.teamId));
      await e2e.app.send(eventCallback(lifecycleEvent('shared_channel_invite_approved', row.slack_invite_id!, { approving_team_id: WORLD.teamId, approving_user: { id: admin, team_id: WORLD.teamId } }), WORLD.teamId));
      const delivered = (re: RegExp) => (c: { args: Record<string, unknown>; response: unknown }) => c.args.channel === alice && re.test(String(c.args.text)) && (c.response as { ok?: boolean }).ok === true;
      await e2e.fake.waitForCall('chat.postMessage', delivered(/quick@partner\.example[\s\S]*accepted|accepted[\s\S]*quick@partner\.example/), 5000);
      await e2e.fake.waitForCall('chat.postMessage', delivered(/was approved/), 5000);
    },
  );

  it('records a declined invitation', async () => {
    const row = await share(e2e, alice, { email: 'no-thanks@partner.example' });
    await e2e.app.send(eventCallback(lifecycleEvent('shared_channel_invite_declined', row.slack_invite_id!, { declining_team_id: WORLD.partnerTeamId, declining_user: { id: ext, team_id: WORLD.partnerTeamId } }), WORLD.teamId));
    await e2e.fake.waitForCall('chat.postMessage', (c) => c.args.channel === alice && /was declined/.test(String(c.args.text)));
    const [after] = await e2e.db.query<Record<string, any>>('SELECT status, declined_by_team_id FROM invites WHERE id = $1', [row.id]);
    assert.deepEqual({ ...after }, { status: 'DECLINED', declined_by_team_id: WORLD.partnerTeamId });
  });

  it('processes a repeated event (Slack’s retry) once', async () => {
    const row = await share(e2e, alice, { email: 'retry@partner.example' });
    const event = eventCallback(lifecycleEvent('shared_channel_invite_accepted', row.slack_invite_id!, { approval_required: false, accepting_user: { id: ext, team_id: WORLD.partnerTeamId } }), WORLD.teamId);
    await e2e.app.send(event);
    await e2e.fake.waitForCall('chat.postMessage', (c) => c.args.channel === alice && /retry@partner\.example/.test(String(c.args.text)));
    const [first] = await e2e.db.query<{ updated_at: Date; status: string }>('SELECT updated_at, status FROM invites WHERE id = $1', [row.id]);
    // Messages the app sent (whether Slack took them within its per-channel limit or not).
    const dms = () => e2e.fake.callsTo('chat.postMessage').filter((c) => /retry@partner\.example/.test(String(c.args.text)) && c.httpStatus !== 0).length;
    const res = await e2e.app.send(event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    assert.equal(res.status, 200);
    await new Promise((r) => setTimeout(r, 300));
    const [second] = await e2e.db.query<{ updated_at: Date; status: string }>('SELECT updated_at, status FROM invites WHERE id = $1', [row.id]);
    assert.equal(first!.status, 'ACCEPTED');
    assert.deepEqual(second, first);
    assert.equal(dms(), 1);
    assert.ok(e2e.app.logs.some((l) => l.msg === 'event already processed; ignoring the repeat'));
  });

  it('ignores, with a log line, an event for an invitation the app never sent', async () => {
    const res = await e2e.app.send(eventCallback(lifecycleEvent('shared_channel_invite_accepted', 'I0NOTOURS00', { accepting_user: { id: ext } }), WORLD.teamId));
    assert.equal(res.status, 200);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(e2e.app.logs.some((l) => l.msg === 'event for an invitation this app did not send; ignored' && l.slackInviteId === 'I0NOTOURS00'));
    assert.ok(!e2e.app.logs.some((l) => l.level === 50 && String(l.msg).includes('unhandled')));
  });

  it('shows an invitation older than 14 days, or past its date_invalid, as expired', async () => {
    await e2e.db.query(
      `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, channel_name, method, invitee_email, external_limited, idempotency_key, slack_invite_id, created_at, updated_at, date_invalid)
       VALUES (gen_random_uuid(), 'SLACK_CONNECT', 'AWAITING_ACCEPTANCE', $1, $2, 'C0PUBLIC', 'project-x', 'conversations.inviteShared', 'old@partner.example', true, 'old-1', 'I0OLD00001', now() - interval '15 days', now(), NULL),
              (gen_random_uuid(), 'SLACK_CONNECT', 'AWAITING_APPROVAL', $1, $2, 'C0PUBLIC', 'project-x', 'conversations.inviteShared', 'past@partner.example', true, 'old-2', 'I0OLD00002', now() - interval '1 day', now(), now() - interval '1 minute')`,
      [WORLD.teamId, bob],
    );
    const home = await openHome(e2e, bob);
    assert.equal(counts(home).Expired, 2);
    const filtered = await clickHome(e2e, bob, HOME.filter, home, 'expired');
    assert.equal((filtered.text.match(/Expired: not accepted within 14 days/g) ?? []).length, 2);
    const waiting = await clickHome(e2e, bob, HOME.filter, home, 'awaiting_acceptance');
    assert.doesNotMatch(waiting.text, /old@partner/);
  });

  it('counts each invitation once, in the counter its status says, and each filter lists what its counter counts', async () => {
    const { owner } = WORLD.users;
    // Still-sending rows hold a live lease elsewhere, so recovery leaves them alone.
    await e2e.db.query(
      `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, channel_name, method, invitee_email, external_limited, idempotency_key, created_at, updated_at, lease_owner, lease_expires_at, error_code)
       SELECT gen_random_uuid(), r.kind::"InviteKind", r.status::"InviteStatus", $1, $2, 'C0PUBLIC', 'project-x', r.method, r.email, true, 'count-' || r.n,
              now() - make_interval(days => r.age_days, secs => r.n), now(),
              CASE WHEN r.status IN ('RECORDED', 'SENDING') THEN 'another-process' END,
              CASE WHEN r.status IN ('RECORDED', 'SENDING') THEN now() + interval '1 hour' END,
              CASE WHEN r.status IN ('FAILED', 'PARTIALLY_COMPLETED') THEN 'restricted_action' END
       FROM (VALUES
         (1, 'SLACK_CONNECT', 'RECORDED', 'conversations.inviteShared', 'c1@partner.example', 0),
         (2, 'SLACK_CONNECT', 'SENDING', 'conversations.inviteShared', 'c2@partner.example', 0),
         (3, 'SLACK_CONNECT', 'AWAITING_ACCEPTANCE', 'conversations.inviteShared', 'c3@partner.example', 0),
         (4, 'SLACK_CONNECT', 'AWAITING_ACCEPTANCE', 'conversations.inviteShared', 'c4@partner.example', 15),
         (5, 'SLACK_CONNECT', 'AWAITING_APPROVAL', 'conversations.inviteShared', 'c5@partner.example', 0),
         (6, 'SLACK_CONNECT', 'ACCEPTED', 'conversations.inviteShared', 'c6@partner.example', 0),
         (7, 'SLACK_CONNECT', 'DECLINED', 'conversations.inviteShared', 'c7@partner.example', 0),
         (8, 'SLACK_CONNECT', 'FAILED', 'conversations.inviteShared', 'c8@partner.example', 0),
         (9, 'PRIVATE_CHANNEL', 'COMPLETED', 'conversations.invite', NULL, 0),
         (10, 'PRIVATE_CHANNEL', 'PARTIALLY_COMPLETED', 'conversations.invite', NULL, 0),
         (11, 'PRIVATE_CHANNEL', 'FAILED', 'conversations.invite', NULL, 0)
       ) AS r(n, kind, status, method, email, age_days)`,
      [WORLD.teamId, owner],
    );
    const home = await openHome(e2e, owner);
    const c = counts(home);
    assert.deepEqual(c, {
      Sent: 5, 'Waiting for acceptance': 1, 'Waiting for approval': 1, Accepted: 1, Declined: 1, Expired: 1,
      'Added to private channels': 1, Failed: 3, 'Still sending': 2,
    });
    assert.equal(total(c), 11, 'each of the 11 invitations counted once');
    assert.match(home.text, /Slack Connect invitations Slack accepted/, 'the Home tab says what Sent means');

    const byFilter: Array<[string, keyof Counts, RegExp]> = [
      ['sent', 'Sent', /Waiting for them to accept|waiting for an admin|Accepted|Declined|Expired/],
      ['awaiting_acceptance', 'Waiting for acceptance', /Waiting for them to accept/],
      ['awaiting_approval', 'Waiting for approval', /waiting for an admin to approve/],
      ['accepted', 'Accepted', /:white_check_mark: Accepted/],
      ['declined', 'Declined', /Declined/],
      ['expired', 'Expired', /Expired: not accepted within 14 days/],
      ['added', 'Added to private channels', /Everyone added/],
      ['failed', 'Failed', /Not sent|Some people were not added/],
      ['sending', 'Still sending', /Sending/],
    ];
    for (const [filter, label, status] of byFilter) {
      const items = itemsOf(await clickHome(e2e, owner, HOME.filter, home, filter));
      assert.equal(items.length, c[label], `filter ${filter} lists the ${c[label]} invitations "${label}" counts`);
      for (const item of items) assert.match(item, status, `${filter}: ${item}`);
      if (filter === 'sent') for (const item of items) assert.doesNotMatch(item, /Not sent|Sending/);
    }
  });

  it('publishes, within Slack’s limits and paged, for a person with 10,000 invitations', async () => {
    await seedInvites((sql, params) => e2e.db.query(sql, params), WORLD.teamId, carol, 10_000);
    const home = await openHome(e2e, carol);
    // The seed cycles AWAITING_ACCEPTANCE, ACCEPTED, FAILED, DECLINED: the failed quarter was never sent.
    assert.deepEqual(counts(home), { ...NO_COUNTS, Sent: 7_500, 'Waiting for acceptance': 2_500, Accepted: 2_500, Declined: 2_500, Failed: 2_500 });
    assert.ok(home.view.blocks.length <= 100, `${home.view.blocks.length} blocks`);
    assert.ok(!home.text.includes('<!channel>'), 'no mention survives from stored data');
    assert.match(home.text, /bulk1@partner\.example/, 'newest first');
    assert.match(home.text, /Showing 15 of 10000, newest first/);
    const page2 = await clickHome(e2e, carol, HOME.older, home);
    assert.ok(page2.view.blocks.length <= 100);
    assert.deepEqual(inviteesOf(page2), range(16, 30), 'the next 15, by a cursor at the last one shown');
    assert.ok(page2.text.includes(HOME.newer));
    const failed = await clickHome(e2e, carol, HOME.filter, page2, 'failed');
    assert.deepEqual(inviteesOf(failed), range(1, 60).filter((i) => i % 4 === 2).slice(0, 15), 'a new filter starts at the newest');
    assert.doesNotMatch(failed.text, /Waiting for them to accept/);
    const failed2 = await clickHome(e2e, carol, HOME.older, failed);
    assert.deepEqual(inviteesOf(failed2), range(61, 120).filter((i) => i % 4 === 2), 'Older keeps the filter');
  });

  it('repeats and loses no invitation when new ones arrive between clicks, Older and Newer', async () => {
    const page1 = await openHome(e2e, carol);
    const page2 = await clickHome(e2e, carol, HOME.older, page1);
    assert.deepEqual(inviteesOf(page2), range(16, 30));
    // Three new invitations arrive, all at the same instant (ties are broken by id).
    await e2e.db.query(
      `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, method, invitee_email, idempotency_key, created_at, updated_at)
       SELECT gen_random_uuid(), 'SLACK_CONNECT', 'AWAITING_ACCEPTANCE', $1, $2, 'C0PUBLIC', 'conversations.inviteShared', 'new' || i || '@partner.example', 'new-' || i, now(), now()
       FROM generate_series(1, 3) AS i`,
      [WORLD.teamId, carol],
    );
    const page3 = await clickHome(e2e, carol, HOME.older, page2);
    assert.deepEqual(inviteesOf(page3), range(31, 45), 'the page after page 2, not one shifted by the arrivals');
    const back2 = await clickHome(e2e, carol, HOME.newer, page3);
    assert.deepEqual(inviteesOf(back2), range(16, 30), 'Newer returns exactly to page 2');
    const back1 = await clickHome(e2e, carol, HOME.newer, back2);
    assert.deepEqual(inviteesOf(back1), range(1, 15), 'and to page 1 as it was');
    assert.ok(back1.text.includes(HOME.newer), 'with the arrivals above it');
    const top = await clickHome(e2e, carol, HOME.newer, back1);
    assert.equal(inviteesOf(top).filter((i) => i === 0).length, 3, 'the newest page shows the three arrivals');
    assert.deepEqual(inviteesOf(top).filter((i) => i > 0), range(1, 12));
    assert.ok(!top.text.includes(HOME.newer), 'nothing newer than the newest');
  });

  it('walks a person’s invitations that share one created_at, page by page, each exactly once', async () => {
    const person = WORLD.users.guest;
    await e2e.db.query(
      `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, method, invitee_email, idempotency_key, created_at, updated_at)
       SELECT gen_random_uuid(), 'SLACK_CONNECT', 'ACCEPTED', $1, $2, 'C0PUBLIC', 'conversations.inviteShared', 'bulk' || i || '@partner.example', 'tie-' || i, date_trunc('second', now()) - interval '400 days', now()
       FROM generate_series(1, 40) AS i`,
      [WORLD.teamId, person],
    );
    let home = await openHome(e2e, person);
    const seen = [...inviteesOf(home)];
    for (let pages = 1; home.text.includes(HOME.older) && pages < 10; pages++) {
      home = await clickHome(e2e, person, HOME.older, home);
      seen.push(...inviteesOf(home));
    }
    assert.deepEqual([...seen].sort((a, b) => a - b), range(1, 40), 'all 40, none twice');
  });

  it('refuses a forged cursor: the newest page instead, no query built from it', async () => {
    const home = await openHome(e2e, carol);
    for (const forged of [`["mine","all","o1'; DROP TABLE invites; --.${'0'.repeat(32)}"]`, '["mine","all","ozzzzzzzzzzz.00000000000000000000000000000000"]', `["mine","all","${'x'.repeat(3000)}"]`]) {
      const page = await clickHome(e2e, carol, HOME.refresh, { view: { ...home.view, blocks: [{ type: 'actions', elements: [{ action_id: HOME.refresh, value: forged }] }] } });
      assert.deepEqual(inviteesOf(page).filter((i) => i > 0), inviteesOf(home).filter((i) => i > 0));
    }
  });

  it('gives workspace admins a workspace-wide view, and nobody else', async () => {
    const adminHome = await openHome(e2e, admin);
    const everyone = await clickHome(e2e, admin, HOME.scope, adminHome);
    assert.equal(everyone.view.blocks[0]!.text.text, 'Everyone’s invitations');
    assert.ok(total(counts(everyone)) > 10_000, 'all invitations in the workspace');
    assert.match(everyone.text, new RegExp(`by <@(${alice}|${carol}|${bob})>`));

    const aliceHome = await openHome(e2e, alice);
    assert.ok(!aliceHome.text.includes(HOME.scope), 'no scope button for a non-admin');
    const forged = await clickHome(e2e, alice, HOME.refresh, { view: { ...aliceHome.view, blocks: [{ type: 'actions', elements: [{ action_id: HOME.refresh, value: JSON.stringify(['workspace', 'all']) }] }] } });
    assert.equal(forged.view.blocks[0]!.text.text, 'Your invitations', 'a forged workspace request gets only their own');
    assert.ok(total(counts(forged)) < 100);
  });

  it('keeps its data across an app restart', async () => {
    const before = counts(await openHome(e2e, alice));
    const second = await startTestApp({ fake: e2e.fake, databaseUrl: e2e.db.url });
    try {
      const after = counts(await openHome(e2e, alice, second));
      assert.deepEqual(after, before);
      assert.ok(total(after) >= 5);
    } finally {
      await second.stop();
    }
  });

  it('says the dashboard is unavailable, rather than nothing, when the database is down', async () => {
    await e2e.db.drop();
    const home = await openHome(e2e, alice);
    assert.match(home.text, /cannot be loaded right now/);
  });
});
