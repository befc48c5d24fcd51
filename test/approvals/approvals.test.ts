// Approvals end to end over signed HTTP, against the fake Slack's model of Slack Connect's admin
// side: an accepted invitation needing approval becomes a card; admins approve or decline it
// (with a reason) and a non-admin is refused, checked with Slack at the click; two admins at
// once make one decision; one decided in Slack's own screens is said so; a trusted organization
// is approved by its rule; an invitation to the app is accepted from its card; Enterprise invite
// requests are approved and denied (every documented error: approvals-errors.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebClient } from '@slack/web-api';
import { APPROVALS, HOME } from '../../src/slack/ids.js';
import { useE2E, WORLD, type E2E } from '../helpers/e2e.js';
import { manifestBotScopes } from '../helpers/fake-slack.js';
import { blockAction, eventCallback, shareChannelValues, viewSubmission, type OpenedView } from '../helpers/slack-payloads.js';
import { addTrustedModal } from '../../src/slack/views/approval-modals.js';
import { sharedChannelInviteAccepted, sharedChannelInviteReceived, sharedChannelInviteRequested } from '../helpers/slack-payloads-approvals.js';
import { until } from '../helpers/until.js';

const { alice, bob, admin, owner } = WORLD.users;
const PARTNER = { id: WORLD.partnerTeamId, name: 'Partner Inc', domain: 'partner' };
const me = (id: string) => ({ id, teamId: WORLD.teamId });

interface ApprovalRow {
  id: string;
  kind: string;
  status: string;
  decided_by_user_id: string | null;
  decided_by_rule: string | null;
  reason: string | null;
  slack_error: string | null;
  cards: Array<{ channel: string; ts: string }>;
}

async function approvalOf(e2e: E2E, slackInviteId: string): Promise<ApprovalRow | undefined> {
  const [row] = await e2e.db.query<ApprovalRow>('SELECT id, kind, status, decided_by_user_id, decided_by_rule, reason, slack_error, cards FROM approvals WHERE slack_invite_id = $1', [slackInviteId]);
  return row;
}

/** Alice invites `email` through the form; the Slack invite ID. */
async function invite(e2e: E2E, email: string): Promise<string> {
  const opened = await e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.public });
  const ack = await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email }), alice);
  assert.equal(ack.json?.response_action, 'update', ack.text);
  const sent = await e2e.fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[] | undefined)?.[0] === email && (c.response as { ok: boolean }).ok);
  return (sent.response as { invite_id: string }).invite_id;
}

/** The other side accepts it, and Slack tells the app (approval required); the approval once recorded with its cards. */
async function acceptedNeedingApproval(e2e: E2E, inviteId: string, acceptingTeam: { id: string; name?: string; domain?: string } = PARTNER, acceptingUserId: string = WORLD.users.ext): Promise<ApprovalRow> {
  e2e.fake.acceptConnectInvite(inviteId, { acceptingTeam, acceptingUserId });
  const res = await e2e.app.send(sharedChannelInviteAccepted(e2e.fake, inviteId));
  assert.equal(res.status, 200);
  return until(`the approval of ${inviteId}`, async () => {
    const row = await approvalOf(e2e, inviteId);
    return row && (row.cards.length > 0 || row.status !== 'PENDING') ? row : undefined;
  });
}

const click = (e2e: E2E, actionId: string, value: string, user: string) => e2e.app.send(blockAction({ actionId, value, user: me(user) }));

describe('Slack Connect approvals, with conversations.connect:manage', () => {
  const e2e = useE2E({}, { fake: { scopes: [...manifestBotScopes(), 'conversations.connect:manage'] } });

  it('posts a card to each admin for an accepted invitation that needs approval; a non-admin is refused; an admin approves', async () => {
    const inviteId = await invite(e2e, 'approve-me@partner.example');
    const row = await acceptedNeedingApproval(e2e, inviteId);
    assert.equal(row.kind, 'ACCEPTED_INVITE');
    assert.equal(row.status, 'PENDING');
    const cards = e2e.fake.messages.filter((m) => m.dmUser && ([admin, owner] as string[]).includes(m.dmUser) && JSON.stringify(m.blocks).includes(row.id));
    assert.deepEqual(cards.map((c) => c.dmUser).sort(), [admin, owner].sort(), 'a card to each admin and owner, by DM');
    assert.match(JSON.stringify(cards[0]!.blocks), /approve-me@partner\.example/);
    // The event names the accepting organization by ID only (Slack's sample); its name comes with Slack's pending list.
    assert.match(JSON.stringify(cards[0]!.blocks), new RegExp(PARTNER.id));

    await click(e2e, APPROVALS.actions.approve, row.id, bob);
    await until('bob checked with Slack', () => (e2e.fake.callsTo('users.info').some((c) => c.args.user === bob) ? true : undefined));
    assert.equal(e2e.fake.callsTo('conversations.approveSharedInvite').length, 0, 'a non-admin decides nothing');
    assert.equal((await approvalOf(e2e, inviteId))!.status, 'PENDING');

    const updates = e2e.fake.callsTo('chat.update').length;
    await click(e2e, APPROVALS.actions.approve, row.id, admin);
    const approved = await e2e.fake.waitForCall('conversations.approveSharedInvite', (c) => c.args.invite_id === inviteId);
    assert.equal(approved.args.target_team, PARTNER.id, 'target_team: the accepting party');
    const done = await until('approved', async () => ((await approvalOf(e2e, inviteId))?.status === 'APPROVED' ? approvalOf(e2e, inviteId) : undefined));
    assert.equal(done!.decided_by_user_id, admin);
    await until('both cards updated', () => (e2e.fake.callsTo('chat.update').length >= updates + 2 ? true : undefined));
    const updated = e2e.fake.callsTo('chat.update').slice(updates);
    for (const u of updated) assert.match(JSON.stringify(u.args.blocks), new RegExp(`<@${admin}>`), 'every card shows who decided');
    assert.ok(updated.every((u) => !JSON.stringify(u.args.blocks).includes(APPROVALS.actions.approve)), 'no buttons once decided');
    await until('alice told', () => (e2e.fake.messages.some((m) => m.dmUser === alice && /approved/.test(m.text ?? '') && /approve-me@partner\.example/.test(m.text ?? '')) ? true : undefined));
  });

  it('makes one decision when two admins click at once, and both cards say who made it', async () => {
    const inviteId = await invite(e2e, 'race@partner.example');
    const row = await acceptedNeedingApproval(e2e, inviteId);
    await Promise.all([click(e2e, APPROVALS.actions.approve, row.id, admin), click(e2e, APPROVALS.actions.approve, row.id, owner)]);
    await until('decided', async () => ((await approvalOf(e2e, inviteId))?.status === 'APPROVED' ? true : undefined));
    assert.equal(e2e.fake.callsTo('conversations.approveSharedInvite').filter((c) => c.args.invite_id === inviteId).length, 1, 'one call to Slack');
    const decider = (await approvalOf(e2e, inviteId))!.decided_by_user_id!;
    assert.ok(([admin, owner] as string[]).includes(decider));
  });

  it('declines with a reason from the modal; the inviter is told the reason', async () => {
    const inviteId = await invite(e2e, 'decline-me@partner.example');
    const row = await acceptedNeedingApproval(e2e, inviteId);
    const opens = e2e.fake.callsTo('views.open').length;
    await click(e2e, APPROVALS.actions.decline, row.id, admin);
    const open = await e2e.fake.waitForCall('views.open', () => e2e.fake.callsTo('views.open').length > opens);
    const modal = e2e.fake.view((open.response as { view: { id: string } }).view.id)! as OpenedView;
    assert.equal(modal.view.callback_id, APPROVALS.callbacks.declineReason);
    const ack = await e2e.app.send(viewSubmission(modal, { [APPROVALS.blocks.reason]: { [APPROVALS.inputs.reason]: { type: 'plain_text_input', value: 'We do not work with them yet.' } } }, me(admin)));
    assert.equal(ack.status, 200);
    assert.equal(ack.text, '', ack.text);
    await e2e.fake.waitForCall('conversations.declineSharedInvite', (c) => c.args.invite_id === inviteId);
    const done = await until('declined', async () => ((await approvalOf(e2e, inviteId))?.status === 'DECLINED' ? approvalOf(e2e, inviteId) : undefined));
    assert.equal(done!.reason, 'We do not work with them yet.');
    await until('alice told why', () => (e2e.fake.messages.some((m) => m.dmUser === alice && /declined/.test(m.text ?? '') && /We do not work with them yet/.test(m.text ?? '')) ? true : undefined));
  });

  it('says so when the invitation was already decided in Slack’s own screens', async () => {
    const inviteId = await invite(e2e, 'decided-elsewhere@partner.example');
    const row = await acceptedNeedingApproval(e2e, inviteId);
    // An admin approves it in Slack itself, outside the app.
    await new WebClient(e2e.fake.botToken, { slackApiUrl: e2e.fake.url }).conversations.approveSharedInvite({ invite_id: inviteId, target_team: PARTNER.id });
    await click(e2e, APPROVALS.actions.approve, row.id, admin);
    const done = await until('recorded as decided in Slack', async () => ((await approvalOf(e2e, inviteId))?.status === 'DECIDED_IN_SLACK' ? approvalOf(e2e, inviteId) : undefined));
    assert.ok(done!.slack_error, 'Slack’s answer recorded');
    const update = await e2e.fake.waitForCall('chat.update', (c) => JSON.stringify(c.args.blocks).includes(row.id) || JSON.stringify(c.args.blocks).includes('Slack'));
    assert.doesNotMatch(JSON.stringify(update.args.blocks), new RegExp(APPROVALS.actions.approve.replace('.', '\\.')));
  });

  it('approves an invitation accepted by a trusted organization with no person, recorded as the rule’s', async () => {
    const trustedTeam = { id: 'T0TRUSTED', name: 'Trusted Co', domain: 'trusted' };
    // An admin adds the organization from App Home's modal.
    const ack = await e2e.app.send(viewSubmission({ id: 'V0ADDTRUSTED', hash: 'h', view: addTrustedModal() } as unknown as OpenedView, { [APPROVALS.blocks.trustedTeamId]: { [APPROVALS.inputs.trustedTeamId]: { type: 'plain_text_input', value: trustedTeam.id } } }, me(admin)));
    assert.equal(ack.status, 200);
    assert.equal(ack.text, '', ack.text);
    const changes = await e2e.db.query<{ action: string; by_user_id: string }>('SELECT action, by_user_id FROM trusted_organization_changes WHERE org_id = $1', [trustedTeam.id]);
    assert.deepEqual(changes, [{ action: 'added', by_user_id: admin }]);

    const inviteId = await invite(e2e, 'trusted@trusted.example');
    e2e.fake.addUser({ id: 'U0TRUSTY', name: 'trusty', realName: 'Tru Sty', email: 'trusty@trusted.example', teamId: trustedTeam.id });
    const row = await acceptedNeedingApproval(e2e, inviteId, trustedTeam, 'U0TRUSTY');
    await e2e.fake.waitForCall('conversations.approveSharedInvite', (c) => c.args.invite_id === inviteId);
    const done = await until('approved by the rule', async () => ((await approvalOf(e2e, inviteId))?.status === 'APPROVED' ? approvalOf(e2e, inviteId) : undefined));
    assert.equal(done!.decided_by_rule, trustedTeam.id);
    assert.equal(done!.decided_by_user_id, null);
    assert.equal(row.cards.length, 0, 'no card: nobody needs to decide');
  });

  it('“Always trust” on a card approves it and puts the organization on the list; its next invitation to the app is accepted with no person', async () => {
    const friendly = { id: 'T0FRIENDLY', name: 'Friendly Co', domain: 'friendly' };
    e2e.fake.addUser({ id: 'U0FRIEND', name: 'friend', realName: 'Fri End', email: 'friend@friendly.example', teamId: friendly.id });
    const inviteId = await invite(e2e, 'friend@friendly.example');
    const row = await acceptedNeedingApproval(e2e, inviteId, friendly, 'U0FRIEND');
    await click(e2e, APPROVALS.actions.trust, row.id, admin);
    await e2e.fake.waitForCall('conversations.approveSharedInvite', (c) => c.args.invite_id === inviteId);
    const done = await until('approved', async () => ((await approvalOf(e2e, inviteId))?.status === 'APPROVED' ? approvalOf(e2e, inviteId) : undefined));
    assert.equal(done!.decided_by_user_id, admin, 'this one by the admin who clicked');
    assert.deepEqual(await e2e.db.query('SELECT org_id, added_by_user_id FROM trusted_organizations WHERE org_id = $1', [friendly.id]), [{ org_id: friendly.id, added_by_user_id: admin }]);

    const incoming = e2e.fake.receiveConnectInvite({ channel: { id: 'C0FRIENDS', name: 'Friends & Us', isPrivate: false }, invitingTeam: friendly, invitingUserId: 'U0FRIEND' });
    await e2e.app.send(sharedChannelInviteReceived(e2e.fake, incoming.id));
    const accepted = await e2e.fake.waitForCall('conversations.acceptSharedInvite', (c) => c.args.invite_id === incoming.id);
    assert.equal(accepted.args.channel_name, 'friends-us', 'the invitation’s channel name, made a valid one');
    const auto = await until('accepted by the rule', async () => ((await approvalOf(e2e, incoming.id))?.status === 'ACCEPTED' ? approvalOf(e2e, incoming.id) : undefined));
    assert.equal(auto!.decided_by_rule, friendly.id);
  });

  it('asks the admins after all when Slack refuses the rule’s acceptance (the channel name is taken here)', async () => {
    const known = { id: 'T0KNOWN', name: 'Known Co', domain: 'known' };
    await e2e.db.query('INSERT INTO trusted_organizations (team_id, org_id, org_name, added_by_user_id) VALUES ($1, $2, $3, $4)', [WORLD.teamId, known.id, known.name, admin]);
    const incoming = e2e.fake.receiveConnectInvite({ channel: { id: 'C0KNOWNPX', name: 'project-x', isPrivate: false }, invitingTeam: known, invitingUserId: 'U0KNOWN' });
    await e2e.app.send(sharedChannelInviteReceived(e2e.fake, incoming.id));
    const row = await until('a card after the refusal', async () => {
      const r = await approvalOf(e2e, incoming.id);
      return r && r.cards.length > 0 ? r : undefined;
    });
    assert.deepEqual({ status: row.status, error: row.slack_error, rule: row.decided_by_rule }, { status: 'PENDING', error: 'name_taken', rule: null });
  });

  it('accepts an invitation to the app from its card, under the channel name and privacy chosen', async () => {
    const incoming = e2e.fake.receiveConnectInvite({ channel: { id: 'C0THEIRS', name: 'Their Project', isPrivate: false }, invitingTeam: { id: 'T0OTHERORG', name: 'Other Org', domain: 'other' }, invitingUserId: 'U0OTHER' });
    await e2e.app.send(sharedChannelInviteReceived(e2e.fake, incoming.id));
    const row = await until('the incoming approval', async () => {
      const r = await approvalOf(e2e, incoming.id);
      return r && r.cards.length > 0 ? r : undefined;
    });
    assert.equal(row.kind, 'INCOMING_INVITE');
    const opens = e2e.fake.callsTo('views.open').length;
    await click(e2e, APPROVALS.actions.accept, row.id, admin);
    const open = await e2e.fake.waitForCall('views.open', () => e2e.fake.callsTo('views.open').length > opens);
    const modal = e2e.fake.view((open.response as { view: { id: string } }).view.id)! as OpenedView;
    const submit = (name: string) =>
      e2e.app.send(viewSubmission(modal, {
              [APPROVALS.blocks.channelName]: { [APPROVALS.inputs.channelName]: { type: 'plain_text_input', value: name } },
              [APPROVALS.blocks.privacy]: { [APPROVALS.inputs.privacy]: { type: 'radio_buttons', selected_option: { value: APPROVALS.privacyOptions.private, text: { type: 'plain_text', text: 'Private' } } } },
            }, me(admin)));
    const accepts = e2e.fake.callsTo('conversations.acceptSharedInvite').length;
    const bad = await submit('Their Project!');
    assert.equal(bad.json?.response_action, 'errors', 'Slack’s naming rules checked in the form');
    assert.equal(e2e.fake.callsTo('conversations.acceptSharedInvite').length, accepts, 'nothing sent for a name Slack would refuse');
    const ok = await submit('their-project');
    assert.equal(ok.text, '', ok.text);
    const accepted = await e2e.fake.waitForCall('conversations.acceptSharedInvite', (c) => c.args.invite_id === incoming.id);
    assert.equal(accepted.args.channel_name, 'their-project');
    assert.equal(accepted.args.is_private, true);
    await until('accepted', async () => ((await approvalOf(e2e, incoming.id))?.status === 'ACCEPTED' ? true : undefined));
  });

  it('approves one Enterprise invite request and denies another with the reason sent to Slack', async () => {
    const first = e2e.fake.requestSharedInvite({ channel: { id: WORLD.channels.public, name: 'project-x' }, actorUserId: alice, email: 'req-one@partner.example', isExternalLimited: true });
    const second = e2e.fake.requestSharedInvite({ channel: { id: WORLD.channels.public, name: 'project-x' }, actorUserId: alice, email: 'req-two@partner.example', isExternalLimited: true });
    await e2e.app.send(sharedChannelInviteRequested(e2e.fake, [first.id, second.id]));
    const [one, two] = await Promise.all([first, second].map((r) => until(`request ${r.id}`, async () => approvalOf(e2e, r.id))));
    assert.equal(one!.kind, 'INVITE_REQUEST');
    await click(e2e, APPROVALS.actions.approve, one!.id, admin);
    await e2e.fake.waitForCall('conversations.requestSharedInvite.approve', (c) => c.args.invite_id === first.id);
    await until('approved', async () => ((await approvalOf(e2e, first.id))?.status === 'APPROVED' ? true : undefined));

    const opens = e2e.fake.callsTo('views.open').length;
    await click(e2e, APPROVALS.actions.decline, two!.id, admin);
    const open = await e2e.fake.waitForCall('views.open', () => e2e.fake.callsTo('views.open').length > opens);
    const modal = e2e.fake.view((open.response as { view: { id: string } }).view.id)! as OpenedView;
    await e2e.app.send(viewSubmission(modal, { [APPROVALS.blocks.reason]: { [APPROVALS.inputs.reason]: { type: 'plain_text_input', value: 'Use the partner channel instead.' } } }, me(admin)));
    const denied = await e2e.fake.waitForCall('conversations.requestSharedInvite.deny', (c) => c.args.invite_id === second.id);
    assert.equal(denied.args.message, 'Use the partner channel instead.');
    assert.equal(e2e.fake.inviteRequest(second.id)!.state, 'denied');
    await until('denied', async () => ((await approvalOf(e2e, second.id))?.status === 'DECLINED' ? true : undefined));
  });

  it('shows admins what waits for approval on App Home, with the same buttons', async () => {
    const inviteId = await invite(e2e, 'home-list@partner.example');
    const row = await acceptedNeedingApproval(e2e, inviteId);
    const publishes = e2e.fake.callsTo('views.publish').length;
    await e2e.app.send(eventCallback({ type: 'app_home_opened', user: admin, channel: 'D0ADMIN', tab: 'home' }, WORLD.teamId));
    const published = await e2e.fake.waitForCall('views.publish', (c) => e2e.fake.callsTo('views.publish').indexOf(c) >= publishes && c.args.user_id === admin);
    const text = JSON.stringify(published.args.view);
    assert.match(text, /home-list@partner\.example/);
    assert.ok(text.includes(row.id), 'the buttons carry the approval');
    void HOME;
  });
});

describe('Slack Connect approvals without conversations.connect:manage', () => {
  const e2e = useE2E();

  it('hides approvals, and tells admins on App Home how to turn them on; an acceptance needing approval posts no card', async () => {
    const inviteId = await invite(e2e, 'no-scope@partner.example');
    e2e.fake.acceptConnectInvite(inviteId, { acceptingTeam: PARTNER, acceptingUserId: WORLD.users.ext });
    await e2e.app.send(sharedChannelInviteAccepted(e2e.fake, inviteId));
    const publishes = e2e.fake.callsTo('views.publish').length;
    await e2e.app.send(eventCallback({ type: 'app_home_opened', user: admin, channel: 'D0ADMIN', tab: 'home' }, WORLD.teamId));
    const published = await e2e.fake.waitForCall('views.publish', (c) => e2e.fake.callsTo('views.publish').indexOf(c) >= publishes && c.args.user_id === admin);
    assert.match(JSON.stringify(published.args.view), /conversations\.connect:manage/);
    assert.equal((await e2e.db.query('SELECT 1 FROM approvals')).length, 0, 'nothing recorded to decide');
    assert.equal(e2e.fake.callsTo('conversations.approveSharedInvite').length, 0);
  });
});
