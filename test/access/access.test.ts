// After acceptance, the partner's access changed from App Home end to end, over signed HTTP,
// against the fake Slack's model of conversations.externalInvitePermissions.set and a real
// database: the inviter gives full access and limits it again (the fake's state and the database
// agree, with who and when); two clicks at once leave one story Slack agrees with; someone else
// sees no button and a forged click is refused; an admin may; Slack's not_supported is explained.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainError } from '../../src/invites/error-catalogue.js';
import { HOME } from '../../src/slack/ids.js';
import { useE2E, WORLD } from '../helpers/e2e.js';
import { manifestBotScopes } from '../helpers/fake-slack.js';
import { blockAction } from '../helpers/slack-payloads.js';
import { until } from '../helpers/until.js';
import { accessButton, accessCalls, acceptedByPartner, click, clickTogether, everyonesHome, history, invite, inviteRow, openHome, PARTNER } from './helpers.js';

const { alice, bob, admin } = WORLD.users;
const METHOD = 'conversations.externalInvitePermissions.set';

describe('changing an accepted partner’s access from App Home, with conversations.connect:manage', () => {
  const e2e = useE2E({}, { fake: { scopes: [...manifestBotScopes(), 'conversations.connect:manage'] } });

  it('the inviter gives full access, then limits it to posting again: Slack, the database and the Home tab agree', async () => {
    const slackInviteId = await invite(e2e, alice, 'upgrade-me@partner.example');
    const sent = await inviteRow(e2e, slackInviteId);
    assert.equal(accessButton(await openHome(e2e, alice), sent.id), undefined, 'no button before the partner accepted');

    const accepted = await acceptedByPartner(e2e, slackInviteId);
    assert.deepEqual([accepted.accepted_by_team_id, accepted.external_limited], [PARTNER.id, true]);
    assert.equal(e2e.fake.externalAccess(WORLD.channels.public, PARTNER.id), 'limited');
    const home = await openHome(e2e, alice);
    const give = accessButton(home, accepted.id);
    assert.equal(give?.action_id, HOME.actions.giveFullAccess);
    assert.equal(give?.text.text, 'Give full access');
    assert.match(give?.confirm?.text.text ?? '', /invite others, export the history/, 'the confirm dialog says what changes');

    const after = await click(e2e, alice, HOME.actions.giveFullAccess, accepted.id, home);
    const [call] = accessCalls(e2e);
    assert.deepEqual(call?.args, { channel: WORLD.channels.public, target_team: PARTNER.id, action: 'upgrade' });
    assert.match(call?.contentType ?? '', /^application\/x-www-form-urlencoded/, 'sent as POST (DSD-JSON), which the fake answers as Slack does');
    assert.equal(e2e.fake.externalAccess(WORLD.channels.public, PARTNER.id), 'full');
    const full = await inviteRow(e2e, slackInviteId);
    assert.deepEqual([full.external_limited, full.access_changed_by_user_id, full.access_changed_at instanceof Date], [false, alice, true]);
    assert.equal(accessButton(after, accepted.id)?.action_id, HOME.actions.limitAccess, 'the Home tab shows the new access');
    assert.match(after.text, /Slack Connect, full access/);
    assert.match(after.text, new RegExp(`Full access given by <@${alice}>`));

    const limitedHome = await click(e2e, alice, HOME.actions.limitAccess, accepted.id, after);
    assert.deepEqual(accessCalls(e2e).at(-1)?.args, { channel: WORLD.channels.public, target_team: PARTNER.id, action: 'downgrade' });
    assert.equal(e2e.fake.externalAccess(WORLD.channels.public, PARTNER.id), 'limited');
    assert.equal((await inviteRow(e2e, slackInviteId)).external_limited, true);
    assert.equal(accessButton(limitedHome, accepted.id)?.action_id, HOME.actions.giveFullAccess);
    assert.deepEqual(await history(e2e, accepted.id), [
      { external_limited: false, target_team_id: PARTNER.id, changed_by_user_id: alice },
      { external_limited: true, target_team_id: PARTNER.id, changed_by_user_id: alice },
    ]);
  });

  it('two clicks at once: the same change reaches Slack once; opposite ones leave the database as Slack left it', async () => {
    const slackInviteId = await invite(e2e, alice, 'race-access@partner.example');
    const { id } = await acceptedByPartner(e2e, slackInviteId);
    const okCalls = () => accessCalls(e2e).filter((c) => (c.response as { ok: boolean }).ok).length;
    const callsBefore = accessCalls(e2e).length;
    const okBefore = okCalls();
    await clickTogether(e2e, alice, [{ actionId: HOME.actions.giveFullAccess, value: id }, { actionId: HOME.actions.giveFullAccess, value: id }]);
    assert.equal(accessCalls(e2e).length, callsBefore + 1, 'the second found it done');
    assert.equal((await history(e2e, id)).length, 1);
    assert.equal(e2e.fake.externalAccess(WORLD.channels.public, PARTNER.id), 'full');

    await clickTogether(e2e, alice, [{ actionId: HOME.actions.limitAccess, value: id }, { actionId: HOME.actions.giveFullAccess, value: id }]);
    const row = await inviteRow(e2e, slackInviteId);
    const slack = e2e.fake.externalAccess(WORLD.channels.public, PARTNER.id);
    assert.equal(row.external_limited, slack === 'limited', `database ${row.external_limited ? 'limited' : 'full'}, Slack ${slack}`);
    const changes = await history(e2e, id);
    assert.equal(changes.length, okCalls() - okBefore, 'one record per change Slack made');
    assert.equal(changes.at(-1)?.external_limited, slack === 'limited');
  });

  it('someone else who is not an admin sees no button, and a forged click is refused in the catalogue’s words', async () => {
    const slackInviteId = await invite(e2e, alice, 'not-bobs@partner.example');
    const { id } = await acceptedByPartner(e2e, slackInviteId);
    const bobsHome = await openHome(e2e, bob);
    assert.equal(accessButton(bobsHome, id), undefined);
    assert.ok(!bobsHome.text.includes(HOME.actions.giveFullAccess));
    const calls = accessCalls(e2e).length;
    const refused = await click(e2e, bob, HOME.actions.giveFullAccess, id, bobsHome);
    assert.equal(accessCalls(e2e).length, calls, 'nothing sent to Slack');
    assert.ok(e2e.fake.callsTo('users.info').some((c) => c.args.user === bob), 'checked with Slack at the click');
    assert.ok(refused.text.includes(explainError('not_access_changer').title), refused.text);
    assert.equal((await inviteRow(e2e, slackInviteId)).external_limited, true);
    assert.equal(e2e.fake.externalAccess(WORLD.channels.public, PARTNER.id), 'limited');
  });

  it('a workspace admin sees the button on everyone’s invitations and may change them', async () => {
    const slackInviteId = await invite(e2e, alice, 'admin-upgrades@partner.example');
    const { id } = await acceptedByPartner(e2e, slackInviteId);
    const adminsHome = await everyonesHome(e2e, admin);
    assert.equal(accessButton(adminsHome, id)?.action_id, HOME.actions.giveFullAccess);
    await click(e2e, admin, HOME.actions.giveFullAccess, id, adminsHome);
    assert.equal(e2e.fake.externalAccess(WORLD.channels.public, PARTNER.id), 'full');
    const row = await inviteRow(e2e, slackInviteId);
    assert.deepEqual([row.external_limited, row.access_changed_by_user_id], [false, admin]);
  });

  it('the inviter who may no longer send Slack Connect invitations (not in the admins’ group) sees no button and is refused', async () => {
    const slackInviteId = await invite(e2e, alice, 'no-longer-allowed@partner.example');
    const { id } = await acceptedByPartner(e2e, slackInviteId);
    const group = { id: 'S0ACCESSONLY', handle: 'access-only', name: 'Access only' };
    e2e.fake.usergroups.add({ ...group, users: [bob] });
    const chosen = await e2e.app.send(
      blockAction({ actionId: HOME.actions.inviteGroup, blockId: HOME.blocks.inviteGroup, elementType: 'external_select', selectedOption: { value: group.id }, user: { id: admin, teamId: WORLD.teamId } }),
    );
    assert.equal(chosen.status, 200);
    await until('the group chosen', async () => ((await e2e.db.query('SELECT 1 FROM workspace_settings WHERE invite_usergroup_id = $1', [group.id])).length ? true : undefined));
    try {
      const home = await openHome(e2e, alice);
      assert.match(home.text, /no-longer-allowed@partner\.example/);
      assert.equal(accessButton(home, id), undefined);
      const calls = accessCalls(e2e).length;
      const refused = await click(e2e, alice, HOME.actions.giveFullAccess, id, home);
      assert.equal(accessCalls(e2e).length, calls);
      assert.ok(refused.text.includes(explainError('requester_not_in_invite_group').title), refused.text);
      assert.equal((await inviteRow(e2e, slackInviteId)).external_limited, true);
    } finally {
      await e2e.app.send(blockAction({ actionId: HOME.actions.clearInviteGroup, blockId: HOME.blocks.inviteGroupClear, value: 'clear', user: { id: admin, teamId: WORLD.teamId } }));
      await until('the group cleared', async () => ((await e2e.db.query('SELECT 1 FROM workspace_settings WHERE invite_usergroup_id IS NULL')).length ? true : undefined));
    }
  });

  it('explains Slack’s not_supported (Enterprise Grid only) and records nothing', async () => {
    const slackInviteId = await invite(e2e, alice, 'not-supported@partner.example', false);
    const { id } = await acceptedByPartner(e2e, slackInviteId);
    assert.equal(e2e.fake.externalAccess(WORLD.channels.public, PARTNER.id), 'full', 'a full-access invitation');
    const home = await openHome(e2e, alice);
    assert.equal(accessButton(home, id)?.action_id, HOME.actions.limitAccess);
    e2e.fake.refuseExternalAccessChanges(WORLD.teamId, 'not_supported');
    try {
      const answered = await click(e2e, alice, HOME.actions.limitAccess, id, home);
      assert.equal((accessCalls(e2e).at(-1)?.response as { error?: string }).error, 'not_supported');
      const e = explainError('not_supported', { method: METHOD });
      assert.ok(answered.text.includes(e.title), answered.text);
      assert.match(answered.text, /Enterprise Grid/);
      const row = await inviteRow(e2e, slackInviteId);
      assert.deepEqual([row.external_limited, row.access_changed_by_user_id], [false, null]);
      assert.deepEqual(await history(e2e, id), []);
    } finally {
      e2e.fake.refuseExternalAccessChanges(WORLD.teamId, undefined);
    }
  });
});
