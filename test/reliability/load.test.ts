// 200 people submit at once while Slack answers slowly: each is acknowledged within Slack's
// 3 seconds, each invitation is sent once and completed, and the database counts them all.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useE2E, WORLD } from '../helpers/e2e.js';
import { slashCommand, viewSubmission, type OpenedView, shareChannelValues } from '../helpers/slack-payloads.js';

const N = 200;

describe('load', () => {
  const e2e = useE2E();

  it(`acknowledges ${N} concurrent submissions within 3 s while Slack is slow, and completes each once`, async () => {
    const { fake, app } = e2e;
    // Open N modals: each submission has its own view (the app's idempotency key).
    const openedBefore = fake.callsTo('views.open').length;
    await Promise.all(
      Array.from({ length: N }, () => app.send(slashCommand({ command: '/share-channel', userId: WORLD.users.alice, teamId: WORLD.teamId, channelId: WORLD.channels.public }))),
    );
    await fake.waitForCall('views.open', () => fake.callsTo('views.open').length >= openedBefore + N, 20_000);
    const views: OpenedView[] = fake.callsTo('views.open').slice(openedBefore).map((c) => fake.view((c.response as { view: { id: string } }).view.id)!);
    assert.equal(new Set(views.map((v) => v.id)).size, N);

    fake.setDelay('conversations.inviteShared', 1500);
    const acks = await Promise.all(
      views.map((opened, i) =>
        app.send(
          viewSubmission(
            opened,
            shareChannelValues({ channel: WORLD.channels.public, email: `load${i}@partner.example` }),
            { id: WORLD.users.alice, teamId: WORLD.teamId },
          ),
        ),
      ),
    );
    const slowest = Math.max(...acks.map((a) => a.ms));
    assert.ok(acks.every((a) => a.status === 200 && a.json?.response_action === 'update'), 'every submission acknowledged with the sending view');
    assert.ok(slowest < 3000, `slowest acknowledgement ${Math.round(slowest)} ms`);

    const ids = new Set(views.map((v) => v.id));
    await fake.waitForCall(
      'views.update',
      () => fake.callsTo('views.update').filter((c) => ids.has(c.args.view_id as string) && (c.args.view as { title: { text: string } }).title.text === 'Invitation sent').length >= N,
      30_000,
    );
    fake.setDelay('conversations.inviteShared', 0);

    const sent = fake.callsTo('conversations.inviteShared').map((c) => (c.args.emails as string[])[0]).filter((e) => e?.startsWith('load'));
    assert.equal(sent.length, N, 'one call per submission');
    assert.equal(new Set(sent).size, N, 'none duplicated');
    const rows = await e2e.db.query<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM invites WHERE invitee_email LIKE 'load%' GROUP BY status");
    assert.deepEqual(rows, [{ status: 'AWAITING_ACCEPTANCE', n: N }]);
  });
});
