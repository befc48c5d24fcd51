// Every documented error of the approval methods, answered through the whole path: the admin's
// click or modal reaches Slack, Slack refuses with that error, and the admin is shown the
// catalogue's words for that method (on the Home tab, or in the modal); an answer meaning "already
// decided in Slack" closes the approval as such, any other leaves it waiting with the error noted.
// And what admins set on App Home: the approver channel, trusted organizations (removal
// recorded), Slack's pending list read at most once a minute, an invitation to the app ignored.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAlreadyDecided } from '../../src/invites/approvals/already-decided.js';
import { explainError } from '../../src/invites/error-catalogue.js';
import type { ConnectAdminMethod } from '../../src/invites/explanations/catalogue.js';
import { APPROVALS } from '../../src/slack/ids.js';
import { useE2E, WORLD, type E2E } from '../helpers/e2e.js';
import { manifestBotScopes } from '../helpers/fake-slack.js';
import { CONNECT_ADMIN_ERRORS } from '../helpers/fake-slack/connect-admin.js';
import { blockAction, eventCallback, shareChannelValues, viewSubmission, type OpenedView, type StateValues } from '../helpers/slack-payloads.js';
import { sharedChannelInviteAccepted, sharedChannelInviteReceived, sharedChannelInviteRequested } from '../helpers/slack-payloads-approvals.js';
import { until } from '../helpers/until.js';

const { alice, admin } = WORLD.users;
const me = (id: string) => ({ id, teamId: WORLD.teamId });
const PARTNER = { id: WORLD.partnerTeamId, name: 'Partner Inc', domain: 'partner' };
const HOME_VIEW = { id: 'V0HOMEADMIN', hash: 'h', view: { type: 'home', blocks: [] }, type: 'home' } as unknown as OpenedView & { type: 'home' };
let serial = 0;

interface Row { id: string; status: string; slack_error: string | null }
const rowOf = async (e2e: E2E, slackInviteId: string) => (await e2e.db.query<Row>('SELECT id, status, slack_error FROM approvals WHERE slack_invite_id = $1', [slackInviteId]))[0];

/** A fresh approval of each kind, recorded from Slack's event. */
async function pendingApproval(e2e: E2E, kind: 'accepted' | 'incoming' | 'request'): Promise<{ row: Row; slackInviteId: string }> {
  let slackInviteId: string;
  serial += 1;
  if (kind === 'accepted') {
    const email = `errors-${serial}@partner.example`;
    const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
    await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email }), alice);
    const sent = await e2e.fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[] | undefined)?.[0] === email && (c.response as { ok: boolean }).ok);
    slackInviteId = (sent.response as { invite_id: string }).invite_id;
    e2e.fake.acceptConnectInvite(slackInviteId, { acceptingTeam: PARTNER, acceptingUserId: WORLD.users.ext });
    await e2e.app.send(sharedChannelInviteAccepted(e2e.fake, slackInviteId));
  } else if (kind === 'incoming') {
    const incoming = e2e.fake.receiveConnectInvite({ channel: { id: `C0THEIRS${serial}`, name: `their-room-${serial}` }, invitingTeam: { id: `T0ORG${serial}`, name: 'Other Org' }, invitingUserId: 'U0OTHER' });
    slackInviteId = incoming.id;
    await e2e.app.send(sharedChannelInviteReceived(e2e.fake, slackInviteId));
  } else {
    const request = e2e.fake.requestSharedInvite({ channel: { id: WORLD.channels.public, name: 'project-x' }, actorUserId: alice, email: `req-${serial}@partner.example`, isExternalLimited: true });
    slackInviteId = request.id;
    await e2e.app.send(sharedChannelInviteRequested(e2e.fake, slackInviteId));
  }
  const row = await until(`the approval of ${slackInviteId}`, async () => rowOf(e2e, slackInviteId));
  return { row, slackInviteId };
}

/** Clicks on the Home tab and returns the Home the app published for the admin after it. */
async function clickOnHome(e2e: E2E, actionId: string, value: string) {
  const before = e2e.fake.callsTo('views.publish').length;
  await e2e.app.send(blockAction({ actionId, value, user: me(admin), view: HOME_VIEW }));
  const published = await e2e.fake.waitForCall('views.publish', (c) => e2e.fake.callsTo('views.publish').indexOf(c) >= before && c.args.user_id === admin);
  return JSON.stringify(published.args.view);
}

/** Opens an approval's modal (decline/deny or accept) and submits it with `values`; Slack's acknowledgement. */
async function submitModal(e2e: E2E, actionId: string, approvalId: string, values: StateValues) {
  const opens = e2e.fake.callsTo('views.open').length;
  await e2e.app.send(blockAction({ actionId, value: approvalId, user: me(admin) }));
  const open = await e2e.fake.waitForCall('views.open', () => e2e.fake.callsTo('views.open').length > opens);
  const modal = e2e.fake.view((open.response as { view: { id: string } }).view.id)! as OpenedView;
  return e2e.app.send(viewSubmission(modal, values, me(admin)));
}

const reasonValues: StateValues = { [APPROVALS.blocks.reason]: { [APPROVALS.inputs.reason]: { type: 'plain_text_input', value: 'Not now.' } } };
const acceptValues: StateValues = {
  [APPROVALS.blocks.channelName]: { [APPROVALS.inputs.channelName]: { type: 'plain_text_input', value: 'their-room' } },
  [APPROVALS.blocks.privacy]: { [APPROVALS.inputs.privacy]: { type: 'radio_buttons', selected_option: { value: APPROVALS.privacyOptions.public, text: { type: 'plain_text', text: 'Public' } } } },
};

/** Where each method's decision starts, and how its refusal reaches the admin. */
const PATHS: Record<string, { kind: 'accepted' | 'incoming' | 'request'; act(e2e: E2E, approvalId: string): Promise<string> }> = {
  'conversations.approveSharedInvite': { kind: 'accepted', act: (e2e, id) => clickOnHome(e2e, APPROVALS.actions.approve, id) },
  'conversations.declineSharedInvite': { kind: 'accepted', act: async (e2e, id) => (await submitModal(e2e, APPROVALS.actions.decline, id, reasonValues)).text },
  'conversations.acceptSharedInvite': { kind: 'incoming', act: async (e2e, id) => (await submitModal(e2e, APPROVALS.actions.accept, id, acceptValues)).text },
  'conversations.requestSharedInvite.approve': { kind: 'request', act: (e2e, id) => clickOnHome(e2e, APPROVALS.actions.approve, id) },
  'conversations.requestSharedInvite.deny': { kind: 'request', act: async (e2e, id) => (await submitModal(e2e, APPROVALS.actions.decline, id, reasonValues)).text },
};

describe('every documented error of the approval methods, through the whole path', () => {
  const e2e = useE2E({}, { fake: { scopes: [...manifestBotScopes(), 'conversations.connect:manage'], rateLimits: 'off' } });

  for (const [method, path] of Object.entries(PATHS)) {
    it(`${method}: each of its ${CONNECT_ADMIN_ERRORS[method]!.length} errors is explained with the method’s own words`, async () => {
      for (const code of CONNECT_ADMIN_ERRORS[method]!) {
        const { row, slackInviteId } = await pendingApproval(e2e, path.kind);
        e2e.fake.failNext(method, code);
        const calls = e2e.fake.callsTo(method).length;
        const shown = await path.act(e2e, row.id);
        assert.equal(e2e.fake.callsTo(method).length, calls + 1, `${code}: the decision reached Slack once`);
        const words = explainError(code, { appName: 'Connect Invites', method: method as ConnectAdminMethod });
        // JSON-escaped, as the view or the acknowledgement carries it.
        const whatHappened = JSON.stringify(words.whatHappened.slice(0, 60)).slice(1, -1);
        assert.ok(shown.includes(whatHappened), `${method} ${code}: shows “${words.whatHappened.slice(0, 60)}…”`);
        const after = await until(`${code} recorded`, async () => {
          const r = await rowOf(e2e, slackInviteId);
          return r && r.status !== 'DECIDING' ? r : undefined;
        });
        assert.equal(after.slack_error, code, `${code}: Slack's answer recorded`);
        assert.equal(after.status, isAlreadyDecided(code) ? 'DECIDED_IN_SLACK' : 'PENDING', `${code}: ${isAlreadyDecided(code) ? 'closed as decided in Slack' : 'waits again'}`);
      }
    });
  }
});

describe('what admins set on App Home', () => {
  const e2e = useE2E({}, { fake: { scopes: [...manifestBotScopes(), 'conversations.connect:manage'] } });

  it('sends cards to the channel the admins chose, and to each admin again once it is cleared', async () => {
    const cardChannels = async (approvalId: string) =>
      until('cards', async () => {
        const [r] = await e2e.db.query<{ cards: Array<{ channel: string }> }>('SELECT cards FROM approvals WHERE id = $1::uuid', [approvalId]);
        return r && r.cards.length > 0 ? r.cards.map((c) => c.channel) : undefined;
      });
    const before = e2e.fake.callsTo('views.publish').length;
    await e2e.app.send(blockAction({ actionId: APPROVALS.actions.approverChannel, selectedConversation: WORLD.channels.general, user: me(admin), view: HOME_VIEW }));
    await e2e.fake.waitForCall('views.publish', (c) => e2e.fake.callsTo('views.publish').indexOf(c) >= before);
    const [setting] = await e2e.db.query<{ approver_channel_id: string; updated_by_user_id: string }>('SELECT approver_channel_id, updated_by_user_id FROM workspace_settings WHERE team_id = $1', [WORLD.teamId]);
    assert.deepEqual(setting, { approver_channel_id: WORLD.channels.general, updated_by_user_id: admin });
    assert.deepEqual(await cardChannels((await pendingApproval(e2e, 'accepted')).row.id), [WORLD.channels.general]);

    await clickOnHome(e2e, APPROVALS.actions.clearApproverChannel, '');
    const channels = await cardChannels((await pendingApproval(e2e, 'accepted')).row.id);
    assert.ok(channels.length >= 2 && channels.every((c) => c.startsWith('D')), `no channel chosen: each admin by DM (${channels.join(', ')})`);
  });

  it('refuses a non-admin’s change of the approver channel', async () => {
    await e2e.app.send(blockAction({ actionId: APPROVALS.actions.approverChannel, selectedConversation: WORLD.channels.public, user: me(WORLD.users.bob), view: HOME_VIEW }));
    await until('bob checked', () => (e2e.fake.callsTo('users.info').some((c) => c.args.user === WORLD.users.bob) ? true : undefined));
    const [setting] = await e2e.db.query<{ approver_channel_id: string | null }>('SELECT approver_channel_id FROM workspace_settings WHERE team_id = $1', [WORLD.teamId]);
    assert.notEqual(setting?.approver_channel_id, WORLD.channels.public);
  });

  it('removes a trusted organization from App Home, recording who and when', async () => {
    await e2e.db.query("INSERT INTO trusted_organizations (team_id, org_id, org_name, added_by_user_id) VALUES ($1, 'T0GONE', 'Gone Co', $2)", [WORLD.teamId, admin]);
    const home = await clickOnHome(e2e, `${APPROVALS.actions.untrust}:0`, 'T0GONE');
    assert.doesNotMatch(home, /Gone Co/);
    assert.equal((await e2e.db.query("SELECT 1 FROM trusted_organizations WHERE org_id = 'T0GONE'")).length, 0);
    const [change] = await e2e.db.query<{ action: string; by_user_id: string; at: Date }>("SELECT action, by_user_id, at FROM trusted_organization_changes WHERE org_id = 'T0GONE'");
    assert.deepEqual({ action: change!.action, by: change!.by_user_id }, { action: 'removed', by: admin });
    assert.ok(change!.at instanceof Date);
  });

  it('ignores an invitation to the app from its card, calling nothing at Slack', async () => {
    const { row, slackInviteId } = await pendingApproval(e2e, 'incoming');
    await clickOnHome(e2e, APPROVALS.actions.ignore, row.id);
    await until('ignored', async () => ((await rowOf(e2e, slackInviteId))?.status === 'IGNORED' ? true : undefined));
    assert.equal(e2e.fake.callsTo('conversations.acceptSharedInvite').filter((c) => c.args.invite_id === slackInviteId).length, 0);
  });

});

describe('Slack’s pending list (Tier 1) behind App Home', () => {
  // A fake of its own: the listing's Tier 1 budget is the whole minute's.
  const e2e = useE2E({}, { fake: { scopes: [...manifestBotScopes(), 'conversations.connect:manage'] } });

  it('reads Slack’s pending list at most once a minute, however often admins open the Home tab, and records what it finds', async () => {
    // Accepted in Slack with no event delivered to the app (a missed or old one).
    const email = 'listed-only@partner.example';
    const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
    await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email }), alice);
    const sent = await e2e.fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[] | undefined)?.[0] === email && (c.response as { ok: boolean }).ok);
    const slackInviteId = (sent.response as { invite_id: string }).invite_id;
    e2e.fake.acceptConnectInvite(slackInviteId, { acceptingTeam: PARTNER, acceptingUserId: WORLD.users.ext });
    const listings = () => e2e.fake.callsTo('conversations.listConnectInvites').length;
    const before = listings();
    for (let i = 0; i < 3; i++) await e2e.app.send(eventCallback({ type: 'app_home_opened', user: admin, channel: 'D0ADMIN', tab: 'home' }, WORLD.teamId));
    const found = await until('found in Slack’s list', async () => rowOf(e2e, slackInviteId));
    assert.equal(found.status, 'PENDING');
    assert.equal(listings() - before, 1, 'one listing for three Home opens within a minute');
  });
});
