// Expiry care: a Slack Connect invitation nobody accepted is reminded to its inviter once, a
// configurable time before it expires (the clock is injected, not slept), whichever of two
// replicas sees it first; one accepted, or not yet due, is not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack, WORLD } from '../helpers/fake-slack.js';
import { shareChannelValues, slashCommand, viewSubmission } from '../helpers/slack-payloads.js';
import { until } from '../helpers/until.js';

const DAY = 24 * 3600_000;
const { alice } = WORLD.users;

describe('expiry reminders', () => {
  let fake: FakeSlack;
  let db: TestDatabase;
  const replicas: TestApp[] = [];
  /** How far the app's clock runs ahead of the real one. */
  let ahead = 0;
  const clock = () => new Date(Date.now() + ahead);

  before(async () => {
    fake = await FakeSlack.start({ rateLimits: 'off' });
    fake.seedDefaultWorld();
    db = await createTestDatabase();
    const env = { REMINDER_HOURS_BEFORE_EXPIRY: '48' };
    replicas.push(await startTestApp({ fake, databaseUrl: db.url, env, clock, reminderIntervalMs: 100 }));
    replicas.push(await startTestApp({ fake, databaseUrl: db.url, env: { ...env, SLACK_SIGNING_SECRET: replicas[0]!.signingSecret }, clock, reminderIntervalMs: 100 }));
  });
  after(async () => {
    for (const r of replicas) await r.stop();
    await fake?.stop();
    await db?.drop();
  });

  async function send(email: string) {
    const app = replicas[0]!;
    const opens = fake.callsTo('views.open').length;
    await app.send(slashCommand({ command: '/share-channel', userId: alice, teamId: WORLD.teamId, channelId: WORLD.channels.public }));
    const open = await fake.waitForCall('views.open', () => fake.callsTo('views.open').length > opens);
    const opened = fake.view((open.response as { view: { id: string } }).view.id)!;
    await app.send(viewSubmission(opened, shareChannelValues({ channel: WORLD.channels.public, email }), { id: alice, teamId: WORLD.teamId }));
    await until(`${email} sent`, async () => ((await db.query("SELECT 1 FROM invites WHERE invitee_email = $1 AND status = 'AWAITING_ACCEPTANCE'", [email])).length ? true : undefined));
  }
  const reminders = (email: string) => fake.messages.filter((m) => m.dmUser === alice && /has not accepted your invitation/.test(m.text ?? '') && (m.text ?? '').includes(email));

  it('reminds the inviter once, two days before expiry, across two replicas; none before, none for an accepted one', async () => {
    await send('remind-me@partner.example');
    await send('accepted@partner.example');
    await db.query("UPDATE invites SET status = 'ACCEPTED', accepted_at = now() WHERE invitee_email = 'accepted@partner.example'");

    // Eleven days on: not due yet (the reminder comes within 48 hours of the 14th day).
    ahead = 11 * DAY;
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(reminders('remind-me@partner.example').length, 0, 'not yet');

    ahead = 12 * DAY + 3600_000;
    await until('the reminder', () => (reminders('remind-me@partner.example').length > 0 ? true : undefined));
    // Several more sweeps on both replicas: still one.
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(reminders('remind-me@partner.example').length, 1, 'once');
    assert.equal(reminders('accepted@partner.example').length, 0, 'not for an accepted invitation');
    const [row] = await db.query<{ reminder_sent_at: Date }>("SELECT reminder_sent_at FROM invites WHERE invitee_email = 'remind-me@partner.example'");
    assert.ok(Math.abs(row!.reminder_sent_at.getTime() - clock().getTime()) < 5 * 60_000, 'recorded at the injected clock’s time');
    assert.match(reminders('remind-me@partner.example')[0]!.text!, /expires <!date\^/);
    // Send again from the reminder (whether it may go is decided when its form is sent: not while this one still waits).
    const [invite] = await db.query<{ id: string }>("SELECT id FROM invites WHERE invitee_email = 'remind-me@partner.example'");
    assert.match(JSON.stringify(reminders('remind-me@partner.example')[0]), new RegExp(`share_channel\\.resend.*${invite!.id}`));
  });

  it('shows an expired invitation expired on its inviter’s App Home without their opening it, once', async () => {
    ahead = 0;
    await send('lapsed@partner.example');
    // Sent fifteen days ago, by the database's clock and the app's alike.
    await db.query("UPDATE invites SET created_at = now() - interval '15 days', sent_at = now() - interval '15 days', date_invalid = NULL WHERE invitee_email = 'lapsed@partner.example'");
    const before = fake.callsTo('views.publish').length;
    const published = await until('alice’s Home published by itself', () =>
      fake.callsTo('views.publish').slice(before).find((c) => c.args.user_id === alice && JSON.stringify(c.args.view).includes('lapsed@partner.example')),
    );
    assert.match(JSON.stringify(published.args.view), /[Ee]xpired/);
    assert.equal(fake.callsTo('app_home_opened').length, 0);
    const [row] = await db.query<{ expired_at: Date | null }>("SELECT expired_at FROM invites WHERE invitee_email = 'lapsed@partner.example'");
    assert.ok(row!.expired_at, 'noticed');
    // More sweeps on both replicas: no second Home for it.
    await new Promise((r) => setTimeout(r, 600));
    const homes = fake.callsTo('views.publish').slice(before).filter((c) => c.args.user_id === alice);
    assert.equal(homes.length, 1, 'published once');
  });
});
