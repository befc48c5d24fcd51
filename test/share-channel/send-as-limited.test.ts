// A workspace that allows only limited Slack Connect invitations refuses a full-access one
// (restricted_action, as the fake models the setting): the outcome says why and who can change
// it, and offers "Send as limited instead", which sends it once as limited, linked to the refused
// one, however often it is pressed, and only for the person who asked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SHARE_CHANNEL_OUTCOME } from '../../src/slack/ids.js';
import { useE2E, WORLD } from '../helpers/e2e.js';
import { blockAction, shareChannelValues } from '../helpers/slack-payloads.js';
import { until } from '../helpers/until.js';

const { alice, bob } = WORLD.users;
const EMAIL = 'full-please@partner.example';

describe('Send as limited instead', () => {
  const e2e = useE2E();

  it('offers it when the workspace allows only limited invitations, and sends the invitation once as limited, linked to the refused one', async () => {
    e2e.fake.connectInvitePermissions.full = false;
    const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
    const ack = await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email: EMAIL, limited: false }), alice);
    assert.equal(ack.json?.response_action, 'update', ack.text);
    const refused = await e2e.fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[] | undefined)?.[0] === EMAIL);
    assert.equal(refused.args.external_limited, false);
    assert.equal((refused.response as { error?: string }).error, 'restricted_action');

    const outcome = await until('the outcome with the button', () => {
      const view = e2e.fake.view(opened.id);
      return view && JSON.stringify(view.view.blocks).includes(SHARE_CHANNEL_OUTCOME.actions.sendAsLimited) ? view : undefined;
    });
    assert.match(JSON.stringify(outcome.view.blocks), /limited/);
    const [original] = await e2e.db.query<{ id: string; status: string; error_code: string }>('SELECT id, status, error_code FROM invites WHERE invitee_email = $1', [EMAIL]);
    assert.deepEqual({ status: original!.status, error: original!.error_code }, { status: 'FAILED', error: 'restricted_action' });

    // Someone else's click does nothing; the person's, even twice at once, sends it once.
    const press = (user: string) => e2e.app.send(blockAction({ actionId: SHARE_CHANNEL_OUTCOME.actions.sendAsLimited, value: original!.id, user: { id: user, teamId: WORLD.teamId }, view: outcome }));
    await press(bob);
    await Promise.all([press(alice), press(alice)]);
    const sent = await e2e.fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[] | undefined)?.[0] === EMAIL && c.args.external_limited === true);
    assert.equal((sent.response as { ok: boolean }).ok, true, JSON.stringify(sent.response));
    const rows = await until('the limited one recorded as sent', async () => {
      const r = await e2e.db.query<{ id: string; status: string; external_limited: boolean; resend_of_id: string | null; requester_user_id: string }>(
        'SELECT id, status, external_limited, resend_of_id, requester_user_id FROM invites WHERE invitee_email = $1 ORDER BY created_at', [EMAIL],
      );
      return r.length === 2 && r[1]!.status === 'AWAITING_ACCEPTANCE' ? r : undefined;
    });
    assert.deepEqual(
      { limited: rows[1]!.external_limited, resendOf: rows[1]!.resend_of_id, requester: rows[1]!.requester_user_id },
      { limited: true, resendOf: original!.id, requester: alice },
    );
    assert.equal(e2e.fake.callsTo('conversations.inviteShared').filter((c) => (c.args.emails as string[] | undefined)?.[0] === EMAIL).length, 2, 'the refused one and the limited one, nothing more');
    await until('the modal shows it sent', () => (/Slack sent the invitation/.test(JSON.stringify(e2e.fake.view(opened.id)?.view.blocks)) ? true : undefined));
  });

  it('is not offered for an invitation refused for another reason', async () => {
    e2e.fake.connectInvitePermissions.full = true;
    e2e.fake.failNext('conversations.inviteShared', 'not_allowed');
    const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
    await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email: 'other-reason@partner.example', limited: false }), alice);
    const view = await until('the outcome', () => {
      const v = e2e.fake.view(opened.id);
      return v && /not sent/.test(JSON.stringify(v.view)) ? v : undefined;
    });
    assert.ok(!JSON.stringify(view.view.blocks).includes(SHARE_CHANNEL_OUTCOME.actions.sendAsLimited));
  });
});
