// "Send again" as a new invitation: offered on App Home (and the failure view) for the person's
// own invitations that ended without reaching the invitee (declined, expired, failed), to the same
// or a corrected email, linked to the old one in the history, once however often it is sent; and
// refused, with the reason, for one still on its way or waiting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RESEND, SHARE_CHANNEL_OUTCOME } from '../../src/slack/ids.js';
import { useE2E, WORLD, type E2E } from '../helpers/e2e.js';
import { blockAction, eventCallback, shareChannelValues, viewSubmission, type OpenedView } from '../helpers/slack-payloads.js';
import { until } from '../helpers/until.js';

const { alice, bob } = WORLD.users;
const me = (id: string) => ({ id, teamId: WORLD.teamId });

async function sendInvite(e2e: E2E, email: string): Promise<string> {
  const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
  await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email }), alice);
  const [row] = await until(`${email} sent`, async () => {
    const r = await e2e.db.query<{ id: string }>("SELECT id FROM invites WHERE invitee_email = $1 AND status = 'AWAITING_ACCEPTANCE'", [email]);
    return r.length ? r : undefined;
  });
  return row!.id;
}

async function homeOf(e2e: E2E, user: string) {
  const before = e2e.fake.callsTo('views.publish').length;
  await e2e.app.send(eventCallback({ type: 'app_home_opened', user, channel: 'D0X', tab: 'home' }, WORLD.teamId));
  const call = await e2e.fake.waitForCall('views.publish', (c) => e2e.fake.callsTo('views.publish').indexOf(c) >= before && c.args.user_id === user);
  const id = (call.response as { view: { id: string } }).view.id;
  return { ...(e2e.fake.view(id)! as OpenedView), type: 'home' as const };
}

async function openResend(e2e: E2E, inviteId: string, from: OpenedView & { type?: 'home' | 'modal' }) {
  const opens = e2e.fake.callsTo('views.open').length + e2e.fake.callsTo('views.push').length;
  await e2e.app.send(blockAction({ actionId: SHARE_CHANNEL_OUTCOME.actions.resend, value: inviteId, user: me(alice), view: from }));
  const call = await until('the form', () => [...e2e.fake.callsTo('views.open'), ...e2e.fake.callsTo('views.push')].length > opens ? [...e2e.fake.callsTo('views.open'), ...e2e.fake.callsTo('views.push')].sort((a, b) => a.at - b.at).at(-1) : undefined);
  return { modal: e2e.fake.view((call!.response as { view: { id: string } }).view.id)! as OpenedView, method: call!.method };
}

const emailValues = (email: string) => ({ [RESEND.blocks.email]: { [RESEND.inputs.email]: { type: 'email_text_input', value: email } } });

describe('Send again, as a new invitation', () => {
  const e2e = useE2E();

  it('offers it on App Home for a declined invitation, and sends a new one to a corrected email, linked to the old one', async () => {
    const declined = await sendInvite(e2e, 'typo@partner.exmaple');
    await e2e.db.query("UPDATE invites SET status = 'DECLINED', declined_at = now() WHERE id = $1::uuid", [declined]);
    const home = await homeOf(e2e, alice);
    assert.ok(JSON.stringify(home.view.blocks).includes(SHARE_CHANNEL_OUTCOME.actions.resend), 'the button, on the declined one');
    assert.ok(!JSON.stringify((await homeOf(e2e, bob)).view.blocks).includes(declined), 'not on anyone else’s Home');

    const { modal, method } = await openResend(e2e, declined, home);
    assert.equal(method, 'views.open');
    assert.match(JSON.stringify(modal.view.blocks), /typo@partner\.exmaple/);
    const ack = await e2e.app.send(viewSubmission(modal, emailValues('right@partner.example'), me(alice)));
    assert.equal(ack.json?.response_action, 'update', ack.text);
    const sent = await e2e.fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[] | undefined)?.[0] === 'right@partner.example');
    assert.equal((sent.response as { ok: boolean }).ok, true);
    const [fresh] = await until('recorded', async () => {
      const r = await e2e.db.query<{ status: string; resend_of_id: string }>("SELECT status, resend_of_id FROM invites WHERE invitee_email = 'right@partner.example'");
      return r.length && r[0]!.status === 'AWAITING_ACCEPTANCE' ? r : undefined;
    });
    assert.equal(fresh!.resend_of_id, declined);
    await until('the modal shows it sent', () => (/Slack sent the invitation/.test(JSON.stringify(e2e.fake.view(modal.id)?.view.blocks)) ? true : undefined));

    // The same form sent again: the same invitation, not a second one.
    await e2e.app.send(viewSubmission(modal, emailValues('right@partner.example'), me(alice)));
    assert.equal((await e2e.db.query("SELECT 1 FROM invites WHERE invitee_email = 'right@partner.example'")).length, 1);
  });

  it('offers it for an expired invitation; refuses, with the reason, one still waiting', async () => {
    const waiting = await sendInvite(e2e, 'still-waiting@partner.example');
    const expired = await sendInvite(e2e, 'expired@partner.example');
    await e2e.db.query("UPDATE invites SET created_at = now() - interval '15 days' WHERE id = $1::uuid", [expired]);
    const home = await homeOf(e2e, alice);
    const blocks = JSON.stringify(home.view.blocks);
    assert.ok(blocks.includes(`"value":"${expired}"`), 'offered for the expired one');
    assert.ok(!blocks.includes(`"value":"${waiting}"`), 'not for the one still waiting');

    // A form for the waiting one (as if forged or stale): refused in the form, nothing sent.
    const { modal } = await openResend(e2e, expired, home);
    const forged = { ...modal, view: { ...modal.view, private_metadata: waiting } };
    const sends = e2e.fake.callsTo('conversations.inviteShared').length;
    const ack = await e2e.app.send(viewSubmission(forged, emailValues('still-waiting@partner.example'), me(alice)));
    assert.equal(ack.json?.response_action, 'errors', ack.text);
    assert.match(JSON.stringify(ack.json.errors), /still on its way or waiting/);
    assert.equal(e2e.fake.callsTo('conversations.inviteShared').length, sends);
  });

  it('offers it from the failure view, over the outcome modal', async () => {
    e2e.fake.failNext('conversations.inviteShared', 'not_allowed');
    const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
    await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email: 'failed-once@partner.example' }), alice);
    const outcome = await until('the failure view with the button', () => {
      const v = e2e.fake.view(opened.id);
      return v && JSON.stringify(v.view.blocks).includes(SHARE_CHANNEL_OUTCOME.actions.resend) ? v : undefined;
    });
    const [row] = await e2e.db.query<{ id: string }>("SELECT id FROM invites WHERE invitee_email = 'failed-once@partner.example'");
    const { method } = await openResend(e2e, row!.id, outcome);
    assert.equal(method, 'views.push');
  });
});
