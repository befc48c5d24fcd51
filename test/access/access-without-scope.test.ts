// Without conversations.connect:manage (the default manifest.json), App Home offers no access
// button on an accepted invitation, and a forged click is answered with what to do, with no call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainError } from '../../src/invites/error-catalogue.js';
import { HOME } from '../../src/slack/ids.js';
import { useE2E, WORLD } from '../helpers/e2e.js';
import { accessButton, accessCalls, acceptedByPartner, click, invite, inviteRow, openHome, PARTNER } from './helpers.js';

const { alice } = WORLD.users;

describe('changing an accepted partner’s access, without conversations.connect:manage', () => {
  const e2e = useE2E();

  it('shows no button, and refuses a forged click without calling Slack', async () => {
    assert.ok(!e2e.fake.botScopes.includes('conversations.connect:manage'));
    const slackInviteId = await invite(e2e, alice, 'no-scope@partner.example');
    const { id } = await acceptedByPartner(e2e, slackInviteId);
    const home = await openHome(e2e, alice);
    assert.match(home.text, /Accepted/);
    assert.equal(accessButton(home, id), undefined);
    const answered = await click(e2e, alice, HOME.actions.giveFullAccess, id, home);
    assert.equal(accessCalls(e2e).length, 0);
    assert.ok(answered.text.includes(explainError('access_change_unavailable').title), answered.text);
    assert.equal((await inviteRow(e2e, slackInviteId)).external_limited, true);
    assert.equal(e2e.fake.externalAccess(WORLD.channels.public, PARTNER.id), 'limited');
  });
});
