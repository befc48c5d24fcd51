// The fake Slack's admin side of Slack Connect (fake-slack/connect-admin.ts) answers as the
// reference describes it (REF = /work/shared/reference/slack-api/connect-admin-and-oauth.md
// section 1), through the Web API client the app uses; and the lifecycle-event builders of
// slack-payloads-approvals.ts carry the IDs the fake then acts on.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { WebClient } from '@slack/web-api';
import { allBotScopes, CONNECT_ADMIN_ERRORS, CONNECT_LIFETIME_SECONDS, FakeSlack, RATE_LIMITS, SCOPES, WORLD } from './fake-slack.js';
import { sampleJson } from './slack-payloads-oauth.js';
import {
  sharedChannelInviteAccepted, sharedChannelInviteApproved, sharedChannelInviteDeclined, sharedChannelInviteReceived, sharedChannelInviteRequested,
} from './slack-payloads-approvals.js';
import { errorCode, fakeClient, slackError, type ErrorData as Data } from './web-api-errors.js';

const PARTNER = { id: WORLD.partnerTeamId, name: 'Partner Co', domain: 'partner' };
const OTHER_ORG = { id: 'T0OTHERORG', name: 'Other Org', domain: 'otherorg' };
const { alice, bob, ext, bot: botUser } = WORLD.users;
const c = WORLD.channels;
const DAY = 86_400;
const nowS = () => Math.floor(Date.now() / 1000);

type Item = { direction: string; status: string; invite: Data; channel: Data; acceptances?: Data[] };

/** Keys of `sample` (recursively; arrays by their first element) that `actual` lacks. */
function missingKeys(sample: unknown, actual: unknown, at = ''): string[] {
  if (Array.isArray(sample)) return Array.isArray(actual) && sample.length > 0 && actual.length > 0 ? missingKeys(sample[0], actual[0], `${at}[]`) : [];
  if (sample === null || typeof sample !== 'object') return [];
  if (actual === null || typeof actual !== 'object') return [at || '(top)'];
  return Object.entries(sample).flatMap(([k, v]) => (k in actual ? missingKeys(v, (actual as Record<string, unknown>)[k], at ? `${at}.${k}` : k) : [at ? `${at}.${k}` : k]));
}

describe('the fake Slack: Slack Connect administration', () => {
  let fake: FakeSlack;
  let bot: WebClient;
  const api = (method: string, args: Record<string, unknown> = {}, client = bot) => client.apiCall(method, args) as Promise<Data>;
  const listed = async (client = bot, args: Record<string, unknown> = {}) => ((await api('conversations.listConnectInvites', args, client)).invites as Item[]);
  /** An invitation by email from the default workspace; its ID. */
  const send = async (email: string = WORLD.emails.ext, channel: string = c.public) => String((await bot.conversations.inviteShared({ channel, emails: [email] })).invite_id);
  const acceptedByPartner = async (o: { approvalRequired?: boolean; approvers?: string[]; dateAccepted?: number } = {}) => {
    const id = await send();
    fake.acceptConnectInvite(id, { acceptingTeam: PARTNER, acceptingUserId: ext, ...o });
    return id;
  };
  const receive = (o: { id?: string; teamId?: string; invitingTeam?: typeof OTHER_ORG; isPrivate?: boolean } = {}) =>
    fake.receiveConnectInvite({ channel: { id: 'C0THEIRS', name: 'their-channel', isPrivate: o.isPrivate ?? false }, invitingTeam: o.invitingTeam ?? OTHER_ORG, invitingUserId: 'U0THEM', ...(o.id ? { id: o.id } : {}), ...(o.teamId ? { teamId: o.teamId } : {}) });

  beforeEach(async () => {
    fake = await FakeSlack.start({ scopes: allBotScopes(), rateLimits: 'off' });
    fake.seedDefaultWorld();
    fake.addUser({ id: 'U0THEM', name: 'theo', realName: 'Theo Them', email: 'theo@other.example', teamId: OTHER_ORG.id });
    bot = fakeClient(fake);
  });
  afterEach(async () => {
    await fake.stop();
  });

  describe('the lifecycle and conversations.listConnectInvites', () => {
    it('an acceptance waits for approval, and the listing shows it in Slack’s shape', async () => {
      const id = await send();
      assert.deepEqual(fake.connectInviteState(id), { direction: 'outgoing', status: 'sent', acceptances: [] });
      const at = nowS() - 60;
      const state = fake.acceptConnectInvite(id, { acceptingTeam: PARTNER, acceptingUserId: ext, dateAccepted: at });
      assert.equal(state.status, 'accepted');
      assert.deepEqual(state.acceptances.map((a) => [a.team.id, a.approvalStatus, a.reviews, a.approvers]), [[PARTNER.id, 'pending_approval', [], [WORLD.teamId]]]);
      const [item] = await listed();
      assert.equal(item?.direction, 'outgoing');
      assert.equal(item?.invite.id, id);
      assert.equal(item?.invite.recipient_email, WORLD.emails.ext);
      const acc = item?.acceptances?.[0];
      assert.equal(acc?.approval_status, 'pending_approval');
      assert.equal(acc?.date_accepted, at);
      assert.equal(acc?.date_invalid, at + CONNECT_LIFETIME_SECONDS);
      assert.deepEqual([acc?.accepting_team.id, acc?.accepting_team.name, acc?.accepting_team.domain], [PARTNER.id, PARTNER.name, PARTNER.domain]);
      assert.deepEqual([acc?.accepting_user.id, acc?.accepting_user.team_id, acc?.accepting_user.profile.email], [ext, PARTNER.id, WORLD.emails.ext]);
      assert.deepEqual(acc?.reviews, []);
    });

    it('approval_required false: approved at once, not listed, and the channel is shared with the partner', async () => {
      const id = await acceptedByPartner({ approvalRequired: false });
      assert.equal(fake.connectInviteState(id)?.status, 'approved');
      assert.deepEqual(await listed(), []);
      const info = (await bot.conversations.info({ channel: c.public })).channel as Data;
      assert.deepEqual([info.is_ext_shared, info.is_pending_ext_shared, info.shared_team_ids], [true, false, [WORLD.teamId, PARTNER.id]]);
    });

    it('lists incoming invitations too, to the receiving workspace only, and leaves out decided and expired ones', async () => {
      const incoming = receive({ isPrivate: true });
      assert.equal(incoming.recipientUserId, botUser, 'the app’s bot user is invited by user ID');
      const pending = await send('pending@partner.example');
      const declined = await send('declined@partner.example');
      const expired = await send('expired@partner.example');
      const staleAcceptance = await send('stale@partner.example');
      fake.acceptConnectInvite(declined, { acceptingTeam: PARTNER, acceptingUserId: ext });
      fake.reviewConnectInvite(declined, { teamId: PARTNER.id, decision: 'decline' });
      fake.connectInvites.find((i) => i.id === expired)!.dateInvalid = nowS() - 1;
      fake.acceptConnectInvite(staleAcceptance, { acceptingTeam: PARTNER, acceptingUserId: ext, dateAccepted: nowS() - 15 * DAY });
      assert.deepEqual([declined, expired, staleAcceptance].map((i) => fake.connectInviteState(i)?.status), ['declined', 'expired', 'expired']);
      const items = await listed();
      assert.deepEqual(items.map((i) => [i.direction, i.invite.id]), [['outgoing', pending], ['incoming', incoming.id]]);
      const inc = items[1]!;
      assert.deepEqual(inc.channel, { id: 'C0THEIRS', is_private: true, is_im: false, name: 'their-channel' });
      assert.deepEqual([inc.invite.inviting_team.id, inc.invite.inviting_team.name, inc.invite.inviting_team.domain], [OTHER_ORG.id, OTHER_ORG.name, OTHER_ORG.domain]);
      assert.deepEqual([inc.invite.inviting_user.id, inc.invite.recipient_user_id, inc.status], ['U0THEM', botUser, 'sent']);
      assert.equal(inc.invite.date_invalid - inc.invite.date_created, CONNECT_LIFETIME_SECONDS);
      // Another workspace sees neither.
      fake.addWorkspace({ teamId: 'T0SECOND' });
      assert.deepEqual(await listed(fakeClient(fake, fake.addInstallation({ teamId: 'T0SECOND', scopes: allBotScopes() }))), []);
    });

    it('reset() forgets lifecycles, incoming invitations and requests', async () => {
      const id = await acceptedByPartner();
      receive();
      fake.requestSharedInvite({ channel: { id: c.public }, actorUserId: alice, email: 'r@partner.example', isExternalLimited: true });
      fake.reset();
      fake.connectInvites.push({ id, channel: c.public, email: 'x@partner.example', externalLimited: true, dateCreated: nowS(), dateInvalid: nowS() + DAY, invitingUserId: alice });
      assert.equal(fake.connectInviteState(id)?.status, 'sent');
      assert.deepEqual([fake.incomingConnectInvites.length, (await api('conversations.requestSharedInvite.list')).invite_requests], [0, []]);
    });
  });

  describe('conversations.approveSharedInvite', () => {
    it('the inviting side approves with target_team: approved, its workspace recorded, no longer listed', async () => {
      const id = await acceptedByPartner();
      assert.deepEqual(await bot.conversations.approveSharedInvite({ invite_id: id, target_team: PARTNER.id }), { ok: true, response_metadata: { scopes: allBotScopes(), acceptedScopes: ['conversations.connect:manage'] } });
      const state = fake.connectInviteState(id)!;
      assert.equal(state.status, 'approved');
      assert.deepEqual(state.acceptances[0]!.reviews.map((r) => [r.type, r.teamId]), [['approval', WORLD.teamId]]);
      assert.deepEqual(await listed(), []);
      assert.equal(((await bot.conversations.info({ channel: c.public })).channel as Data).is_ext_shared, true);
    });

    it('answers missing_target_team, invite_not_found, approval_not_found as documented', async () => {
      const id = await acceptedByPartner();
      assert.equal(await errorCode(api('conversations.approveSharedInvite', { invite_id: id })), 'missing_target_team', 'the inviting side must name the accepting party');
      assert.equal(await errorCode(api('conversations.approveSharedInvite', { target_team: PARTNER.id })), 'invalid_arguments');
      assert.equal(await errorCode(api('conversations.approveSharedInvite', { invite_id: 'I0NOSUCH', target_team: PARTNER.id })), 'invite_not_found');
      assert.equal(await errorCode(api('conversations.approveSharedInvite', { invite_id: id, target_team: 'T0NOTTHEM' })), 'approval_not_found', 'target_team is not the accepting party');
      const notAccepted = await send('later@partner.example');
      assert.equal(await errorCode(api('conversations.approveSharedInvite', { invite_id: notAccepted, target_team: PARTNER.id })), 'approval_not_found', 'nobody accepted it yet');
      fake.acceptConnectInvite(notAccepted, { acceptingTeam: PARTNER, acceptingUserId: ext, approvers: [PARTNER.id] });
      assert.equal(await errorCode(api('conversations.approveSharedInvite', { invite_id: notAccepted, target_team: PARTNER.id })), 'approval_not_found', 'only the partner’s approval is awaited');
      // Another workspace's token cannot see the invitation at all.
      fake.addWorkspace({ teamId: 'T0SECOND' });
      const second = fakeClient(fake, fake.addInstallation({ teamId: 'T0SECOND', scopes: allBotScopes() }));
      assert.equal(await errorCode(api('conversations.approveSharedInvite', { invite_id: id, target_team: PARTNER.id }, second)), 'invite_not_found');
      assert.equal(fake.connectInviteState(id)?.status, 'accepted', 'nothing changed');
    });

    it('waits for every approver: already_approved while the other side has not, invalid_action once it is done', async () => {
      const id = await acceptedByPartner({ approvers: [WORLD.teamId, PARTNER.id] });
      await bot.conversations.approveSharedInvite({ invite_id: id, target_team: PARTNER.id });
      const [item] = await listed();
      assert.equal(item?.acceptances?.[0]?.approval_status, 'pending_approval', 'one side’s review does not finish it (as in Slack’s example)');
      assert.deepEqual(item?.acceptances?.[0]?.reviews.map((r: Data) => [r.type, r.reviewing_team.id]), [['approval', WORLD.teamId]]);
      assert.equal(await errorCode(api('conversations.approveSharedInvite', { invite_id: id, target_team: PARTNER.id })), 'already_approved');
      assert.equal(fake.reviewConnectInvite(id, { teamId: PARTNER.id, decision: 'approve' }).status, 'approved');
      assert.equal(await errorCode(api('conversations.approveSharedInvite', { invite_id: id, target_team: PARTNER.id })), 'invalid_action');
    });

    it('answers approval_inactive for a declined or expired acceptance', async () => {
      const declined = await acceptedByPartner({ approvers: [WORLD.teamId, PARTNER.id] });
      fake.reviewConnectInvite(declined, { teamId: PARTNER.id, decision: 'decline' });
      assert.equal(await errorCode(api('conversations.approveSharedInvite', { invite_id: declined, target_team: PARTNER.id })), 'approval_inactive');
      const stale = await send('stale@partner.example');
      fake.acceptConnectInvite(stale, { acceptingTeam: PARTNER, acceptingUserId: ext, dateAccepted: nowS() - 14 * DAY });
      assert.equal(await errorCode(api('conversations.approveSharedInvite', { invite_id: stale, target_team: PARTNER.id })), 'approval_inactive');
    });

    it('the accepting side approves without target_team (an invitation the app accepted)', async () => {
      const inc = receive();
      const accepted = await bot.conversations.acceptSharedInvite({ invite_id: inc.id, channel_name: 'with-other-org' });
      await bot.conversations.approveSharedInvite({ invite_id: inc.id });
      const state = fake.connectInviteState(inc.id)!;
      assert.deepEqual([state.status, state.acceptances[0]!.awaiting], ['accepted', [OTHER_ORG.id]], 'the inviting side has not approved (implicit_approval false)');
      assert.equal(await errorCode(api('conversations.approveSharedInvite', { invite_id: inc.id })), 'already_approved');
      fake.reviewConnectInvite(inc.id, { teamId: OTHER_ORG.id, decision: 'approve' });
      const info = (await bot.conversations.info({ channel: String(accepted.channel_id) })).channel as Data;
      assert.deepEqual([info.is_ext_shared, info.shared_team_ids], [true, [WORLD.teamId, OTHER_ORG.id]]);
    });

    it('records an org-wide installation’s approval as its organization’s', async () => {
      fake.addWorkspace({ teamId: 'T0ORGA', enterpriseId: 'E0ORG' });
      const org = fakeClient(fake, fake.addInstallation({ enterpriseId: 'E0ORG', isEnterpriseInstall: true, scopes: allBotScopes() }));
      fake.addChannel({ id: 'C0ORGA', name: 'org-a', teamId: 'T0ORGA', members: [fake.installation('E0ORG')!.botUserId] });
      const id = String((await org.conversations.inviteShared({ channel: 'C0ORGA', emails: [WORLD.emails.ext] })).invite_id);
      fake.acceptConnectInvite(id, { acceptingTeam: PARTNER, acceptingUserId: ext });
      assert.equal(await errorCode(api('conversations.approveSharedInvite', { invite_id: id }, org)), 'missing_target_team');
      await org.conversations.approveSharedInvite({ invite_id: id, target_team: PARTNER.id });
      assert.deepEqual(fake.connectInviteState(id)!.acceptances[0]!.reviews.map((r) => r.teamId), ['E0ORG']);
    });
  });

  describe('conversations.declineSharedInvite', () => {
    it('declines: declined, recorded, no longer listed; by POST (Slack’s clients) and by GET (the reference)', async () => {
      const id = await acceptedByPartner();
      assert.equal((await bot.conversations.declineSharedInvite({ invite_id: id, target_team: PARTNER.id })).ok, true);
      const state = fake.connectInviteState(id)!;
      assert.deepEqual([state.status, state.acceptances[0]!.reviews.map((r) => [r.type, r.teamId])], ['declined', [['decline', WORLD.teamId]]]);
      assert.deepEqual(await listed(), []);
      const other = await send('get@partner.example');
      fake.acceptConnectInvite(other, { acceptingTeam: PARTNER, acceptingUserId: ext });
      const res = await fetch(`${fake.url}conversations.declineSharedInvite?invite_id=${other}&target_team=${PARTNER.id}`, { headers: { authorization: `Bearer ${fake.botToken}` } });
      assert.deepEqual([res.status, await res.json()], [200, { ok: true }]);
      assert.equal(fake.connectInviteState(other)?.status, 'declined');
      const get = await fetch(`${fake.url}conversations.approveSharedInvite?invite_id=${other}`, { headers: { authorization: `Bearer ${fake.botToken}` } });
      assert.deepEqual([get.status, ((await get.json()) as Data).error], [405, 'invalid_post_type'], 'the other methods are POST only');
    });

    it('answers missing_target_team, invite_not_found, approval_not_found, inactive_invite and approval_inactive', async () => {
      const id = await acceptedByPartner();
      const decline = (invite_id: string, target_team?: string) => errorCode(api('conversations.declineSharedInvite', { invite_id, ...(target_team ? { target_team } : {}) }));
      assert.equal(await decline(id), 'missing_target_team');
      assert.equal(await decline('I0NOSUCH', PARTNER.id), 'invite_not_found');
      const live = await send('live@partner.example');
      assert.equal(await decline(live, PARTNER.id), 'approval_not_found', 'nobody accepted it yet');
      fake.connectInvites.find((i) => i.id === live)!.dateInvalid = nowS() - 1;
      assert.equal(await decline(live, PARTNER.id), 'inactive_invite', 'it expired before anyone accepted it');
      await bot.conversations.approveSharedInvite({ invite_id: id, target_team: PARTNER.id });
      assert.equal(await decline(id, PARTNER.id), 'approval_inactive', 'approved already');
      const twice = await acceptedByPartner();
      await bot.conversations.declineSharedInvite({ invite_id: twice, target_team: PARTNER.id });
      assert.equal(await decline(twice, PARTNER.id), 'approval_inactive', 'declined already');
      const stale = await send('stale@partner.example');
      fake.acceptConnectInvite(stale, { acceptingTeam: PARTNER, acceptingUserId: ext, dateAccepted: nowS() - 15 * DAY });
      assert.equal(await decline(stale, PARTNER.id), 'approval_inactive', 'the acceptance expired');
    });
  });

  describe('conversations.acceptSharedInvite', () => {
    it('accepts an invitation the workspace received: makes the channel with the bot in it, and waits for approval', async () => {
      const inc = receive();
      const res = await bot.conversations.acceptSharedInvite({ invite_id: inc.id, channel_name: 'with-other-org', is_private: true });
      const { ok, channel_id, invite_id, implicit_approval, can_open_scdm } = res as Data;
      assert.match(String(channel_id), /^C[A-Z0-9]{10}$/);
      assert.deepEqual({ ok, invite_id, implicit_approval, can_open_scdm }, { ok: true, invite_id: inc.id, implicit_approval: false, can_open_scdm: false });
      const ch = fake.channel(String(channel_id))!;
      assert.deepEqual([ch.name, ch.isPrivate, ch.members, ch.teamId], ['with-other-org', true, [botUser], undefined]);
      const state = fake.connectInviteState(inc.id)!;
      assert.equal(state.status, 'accepted');
      assert.deepEqual([state.acceptances[0]!.team, state.acceptances[0]!.userId, state.acceptances[0]!.channelId], [{ id: WORLD.teamId, name: fake.teamName, domain: fake.teamDomain }, botUser, channel_id]);
      assert.equal((await listed())[0]?.acceptances?.[0]?.approval_status, 'pending_approval');
      assert.equal(await errorCode(api('conversations.acceptSharedInvite', { invite_id: inc.id, channel_name: 'again' })), 'invite_used');
    });

    it('accepts by channel_id too, and answers name_taken for a name the workspace uses', async () => {
      receive();
      assert.equal(await errorCode(api('conversations.acceptSharedInvite', { channel_id: 'C0THEIRS', channel_name: 'project-x' })), 'name_taken');
      assert.equal((await api('conversations.acceptSharedInvite', { channel_id: 'C0THEIRS', channel_name: 'theirs' })).ok, true);
    });

    it('applies Slack’s channel-name rules', async () => {
      const inc = receive();
      const accept = (channel_name?: string) => errorCode(api('conversations.acceptSharedInvite', { invite_id: inc.id, ...(channel_name === undefined ? {} : { channel_name }) }));
      assert.equal(await accept(), 'invalid_arguments');
      assert.equal(await accept(''), 'invalid_name_required');
      assert.equal(await accept('x'.repeat(81)), 'invalid_name_maxlength');
      assert.equal(await accept('Upper'), 'invalid_name_specials', 'upper case is refused, not lower-cased');
      assert.equal(await accept('with space'), 'invalid_name_specials');
      assert.equal(await accept('dot.ted'), 'invalid_name_specials');
      assert.equal(await accept('---'), 'invalid_name_punctuation');
      assert.equal(await accept('party-🎉'), 'invalid_emoji_not_allowed');
      assert.equal(fake.connectInviteState(inc.id)?.status, 'sent', 'nothing accepted');
      assert.equal((await api('conversations.acceptSharedInvite', { invite_id: inc.id, channel_name: `${'x'.repeat(78)}_1` })).ok, true, '80 characters of a-z 0-9 - _');
    });

    it('answers invalid_arguments, invite_not_found, invite_from_same_org', async () => {
      const accept = (args: Record<string, unknown>) => errorCode(api('conversations.acceptSharedInvite', { channel_name: 'ok-name', ...args }));
      assert.equal(await accept({}), 'invalid_arguments', 'neither invite_id nor channel_id');
      assert.equal(await accept({ invite_id: 'I0NOSUCH' }), 'invite_not_found');
      const expired = receive();
      expired.dateInvalid = nowS() - 1;
      assert.equal(await accept({ invite_id: expired.id }), 'invite_not_found');
      fake.addWorkspace({ teamId: 'T0SECOND' });
      const elsewhere = receive({ teamId: 'T0SECOND' });
      assert.equal(await accept({ invite_id: elsewhere.id }), 'invite_not_found', 'sent to another workspace');
      assert.equal(await accept({ invite_id: await send() }), 'invite_from_same_org', 'the workspace’s own invitation');
      const own = receive({ invitingTeam: { id: WORLD.teamId, name: 'Us', domain: 'us' } });
      assert.equal(await accept({ invite_id: own.id }), 'invite_from_same_org');
    });

    it('wants team_id of an org-wide token and accepts into that workspace', async () => {
      fake.addWorkspace({ teamId: 'T0ORGA', enterpriseId: 'E0ORG' });
      const org = fakeClient(fake, fake.addInstallation({ enterpriseId: 'E0ORG', isEnterpriseInstall: true, scopes: allBotScopes() }));
      const inc = receive({ teamId: 'T0ORGA' });
      const data = await slackError(api('conversations.acceptSharedInvite', { invite_id: inc.id, channel_name: 'org-shared' }, org));
      assert.deepEqual([data.error, data.arg], ['missing_argument', 'team_id']);
      const res = await api('conversations.acceptSharedInvite', { invite_id: inc.id, channel_name: 'org-shared', team_id: 'T0ORGA' }, org);
      assert.equal(fake.channel(String(res.channel_id))?.teamId, 'T0ORGA');
    });
  });

  describe('conversations.requestSharedInvite.*', () => {
    const request = (o: { inviteId?: string; email?: string; channel?: string; actor?: string; limited?: boolean; message?: string } = {}) =>
      fake.requestSharedInvite({ ...(o.inviteId ? { inviteId: o.inviteId } : {}), channel: { id: o.channel ?? c.public, name: 'project-x' }, actorUserId: o.actor ?? alice, email: o.email ?? 'held@partner.example', isExternalLimited: o.limited ?? true, ...(o.message ? { message: o.message } : {}) });

    it('approve sends the held invitation under the request’s ID', async () => {
      const r = request();
      assert.deepEqual(await api('conversations.requestSharedInvite.approve', { invite_id: r.id }).then(({ ok, invite_id, url }) => ({ ok, invite_id, url })), { ok: true, invite_id: r.id, url: undefined });
      assert.deepEqual([r.state, r.reviewingUserId], ['approved', botUser]);
      const sent = fake.connectInvites.find((i) => i.id === r.id);
      assert.deepEqual([sent?.channel, sent?.email, sent?.externalLimited, sent?.invitingUserId], [c.public, 'held@partner.example', true, alice]);
      assert.deepEqual((await listed()).map((i) => [i.invite.id, i.invite.recipient_email, i.invite.inviting_user.id]), [[r.id, 'held@partner.example', alice]]);
      // Overrides: another channel the requester is in, full access (with a link and code).
      const full = request({ email: 'full@partner.example' });
      const res = await api('conversations.requestSharedInvite.approve', { invite_id: full.id, channel_id: c.private, is_external_limited: false, message: { text: 'Welcome', is_override: false } });
      assert.match(String(res.url), /^https:\/\/join\.slack\.com\/share\//);
      assert.equal(typeof res.confirmation_code, 'string');
      assert.deepEqual([full.channel.id, full.isExternalLimited, full.approvalMessage], [c.private, false, 'Welcome']);
    });

    it('approve answers invite_not_found, invite_already_approved / _denied, invite_expired, channel_not_found, message_too_long', async () => {
      const approve = (args: Record<string, unknown>) => errorCode(api('conversations.requestSharedInvite.approve', args));
      assert.equal(await approve({ invite_id: 'I0NOSUCH' }), 'invite_not_found');
      const r = request({ message: 'x'.repeat(500) });
      assert.equal(await approve({ invite_id: r.id, message: { text: 'y'.repeat(60), is_override: false } }), 'message_too_long', '560 in all, appended to the requester’s');
      assert.equal(await approve({ invite_id: r.id, message: { text: 'y' } }), 'invalid_arguments', 'is_override is required with a message');
      assert.equal(await approve({ invite_id: r.id, channel_id: c.privateNoAlice }), 'channel_not_found', 'a private channel the requester is not in');
      assert.equal(await approve({ invite_id: r.id, channel_id: 'C0NOSUCH' }), 'channel_not_found');
      assert.equal(r.state, 'pending');
      await api('conversations.requestSharedInvite.approve', { invite_id: r.id, message: { text: 'y'.repeat(560), is_override: true } });
      assert.equal(await approve({ invite_id: r.id }), 'invite_already_approved');
      const denied = request({ email: 'd@partner.example' });
      await api('conversations.requestSharedInvite.deny', { invite_id: denied.id });
      assert.equal(await approve({ invite_id: denied.id }), 'invite_already_denied');
      const old = request({ email: 'old@partner.example' });
      old.expiresAt = nowS() - 1;
      assert.equal(await approve({ invite_id: old.id }), 'invite_expired');
    });

    it('deny keeps the message for the requester, and answers as approve does', async () => {
      const r = request();
      assert.deepEqual(await api('conversations.requestSharedInvite.deny', { invite_id: r.id, message: 'Not this partner' }).then(({ ok, invite_id }) => ({ ok, invite_id })), { ok: true, invite_id: r.id });
      const stored = fake.inviteRequest(r.id)!;
      assert.deepEqual([stored.state, stored.denialMessage, stored.reviewingUserId, typeof stored.dateDenied], ['denied', 'Not this partner', botUser, 'number']);
      assert.equal(fake.connectInvites.length, 0, 'nothing is sent');
      const deny = (args: Record<string, unknown>) => errorCode(api('conversations.requestSharedInvite.deny', args));
      assert.equal(await deny({ invite_id: r.id }), 'invite_already_denied');
      assert.equal(await deny({ invite_id: 'I0NOSUCH' }), 'invite_not_found');
      const other = request({ email: 'o@partner.example' });
      assert.equal(await deny({ invite_id: other.id, message: 'z'.repeat(561) }), 'message_too_long');
      await api('conversations.requestSharedInvite.approve', { invite_id: other.id });
      assert.equal(await deny({ invite_id: other.id }), 'invite_already_approved');
      const old = request({ email: 'old@partner.example' });
      old.expiresAt = nowS();
      assert.equal(await deny({ invite_id: old.id }), 'invite_expired');
      const gone = request({ email: 'gone@partner.example', channel: 'C0GONE' });
      assert.equal(await deny({ invite_id: gone.id }), 'channel_not_found');
    });

    it('list: sorted by ID, pending only unless asked, filtered, paged with Slack’s cursor', async () => {
      for (const id of ['I0C', 'I0A', 'I0E', 'I0B', 'I0D']) request({ inviteId: id, email: `${id.toLowerCase()}@partner.example`, actor: id === 'I0D' ? bob : alice });
      await api('conversations.requestSharedInvite.approve', { invite_id: 'I0B' });
      await api('conversations.requestSharedInvite.deny', { invite_id: 'I0C' });
      fake.inviteRequest('I0E')!.expiresAt = nowS() - 1;
      const ids = async (args: Record<string, unknown> = {}) => ((await api('conversations.requestSharedInvite.list', args)).invite_requests as Data[]).map((r) => r.id);
      assert.deepEqual(await ids(), ['I0A', 'I0D']);
      assert.deepEqual(await ids({ include_approved: true, include_denied: true, include_expired: true }), ['I0A', 'I0B', 'I0C', 'I0D', 'I0E']);
      assert.deepEqual(await ids({ include_denied: true, user_id: alice }), ['I0A', 'I0C']);
      assert.deepEqual(await ids({ include_approved: true, invite_ids: ['I0B', 'I0D', 'I0X'] }), ['I0B', 'I0D']);
      const first = await api('conversations.requestSharedInvite.list', { include_approved: true, include_denied: true, include_expired: true, limit: 2 });
      const cursor = (first.response_metadata as { next_cursor: string }).next_cursor;
      assert.equal(Buffer.from(cursor, 'base64').toString(), 'id:I0C', 'as in the docs example: base64 of the next ID');
      const rest = await api('conversations.requestSharedInvite.list', { include_approved: true, include_denied: true, include_expired: true, limit: 10, cursor });
      assert.deepEqual([(rest.invite_requests as Data[]).map((r) => r.id), 'response_metadata' in rest && rest.response_metadata?.next_cursor], [['I0C', 'I0D', 'I0E'], undefined]);
      const denied = ((await api('conversations.requestSharedInvite.list', { include_denied: true, invite_ids: ['I0C'] })).invite_requests as Data[])[0]!;
      assert.deepEqual([denied.recipient_email, denied.target_user, typeof denied.date_denied, denied.reviewing_user.id, denied.inviting_user.id, denied.inviting_team.id], ['i0c@partner.example', { recipient_email: 'i0c@partner.example' }, 'number', botUser, alice, WORLD.teamId]);
      assert.equal(await errorCode(api('conversations.requestSharedInvite.list', { cursor: 'garbage' })), 'invalid_cursor');
      assert.equal(await errorCode(api('conversations.requestSharedInvite.list', { limit: 1001 })), 'invalid_arguments');
    });
  });

  it('answers each method’s documented errors on demand (failNext)', async () => {
    for (const [method, codes] of Object.entries(CONNECT_ADMIN_ERRORS)) {
      for (const code of codes) {
        fake.failNext(method, code);
        assert.equal(await errorCode(api(method, { invite_id: 'I0X' })), code, `${method} ${code}`);
      }
    }
  });

  it('refuses the app’s own scopes (manifest.json) without conversations.connect:manage; accepting needs only conversations.connect:write', async () => {
    const app = await FakeSlack.start({ rateLimits: 'off' });
    try {
      app.seedDefaultWorld();
      const client = fakeClient(app);
      assert.ok(!app.botScopes.includes('conversations.connect:manage'));
      for (const method of ['conversations.approveSharedInvite', 'conversations.declineSharedInvite', 'conversations.requestSharedInvite.approve', 'conversations.requestSharedInvite.deny', 'conversations.requestSharedInvite.list', 'conversations.listConnectInvites']) {
        const data = await slackError(client.apiCall(method, { invite_id: 'I0X' }));
        assert.deepEqual([data.error, data.needed], ['missing_scope', 'conversations.connect:manage'], method);
      }
      const inc = app.receiveConnectInvite({ channel: { id: 'C0THEIRS', name: 'theirs' }, invitingTeam: OTHER_ORG, invitingUserId: 'U0THEM' });
      assert.equal((await client.conversations.acceptSharedInvite({ invite_id: inc.id, channel_name: 'theirs' })).ok, true);
      assert.equal(SCOPES['conversations.acceptSharedInvite']?.bot?.join(), 'conversations.connect:write');
    } finally {
      await app.stop();
    }
  });

  it('limits each method at its tier: Tier 3 approve / decline, Tier 2 accept and the requests', async () => {
    const tiers = Object.fromEntries(Object.keys(CONNECT_ADMIN_ERRORS).map((m) => [m, RATE_LIMITS[m]?.calls]));
    assert.deepEqual(tiers, {
      'conversations.approveSharedInvite': 50, 'conversations.declineSharedInvite': 50, 'conversations.acceptSharedInvite': 20, 'conversations.listConnectInvites': 1,
      'conversations.requestSharedInvite.approve': 20, 'conversations.requestSharedInvite.deny': 20, 'conversations.requestSharedInvite.list': 20,
      'conversations.externalInvitePermissions.set': 20,
    });
    let now = 1_000_000;
    const limited = await FakeSlack.start({ scopes: allBotScopes(), clock: () => now });
    try {
      const statuses = async (method: string, n: number) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) out.push((await fetch(`${limited.url}${method}`, { method: 'POST', headers: { authorization: `Bearer ${limited.botToken}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'invite_id=I0X' })).status);
        return out;
      };
      assert.deepEqual(await statuses('conversations.approveSharedInvite', 51), [...Array(50).fill(200), 429], 'whatever the answers (invite_not_found here)');
      assert.deepEqual(await statuses('conversations.acceptSharedInvite', 21), [...Array(20).fill(200), 429]);
      assert.deepEqual(await statuses('conversations.requestSharedInvite.list', 21), [...Array(20).fill(200), 429]);
      assert.deepEqual(await statuses('conversations.declineSharedInvite', 1), [200], 'each method has its own window');
      now += 60_000;
      assert.deepEqual(await statuses('conversations.approveSharedInvite', 1), [200]);
    } finally {
      await limited.stop();
    }
  });

  describe('the lifecycle-event builders (slack-payloads-approvals.ts)', () => {
    const parse = (e: { body: string }) => JSON.parse(e.body) as Data;

    it('shared_channel_invite_accepted: Slack’s sample’s keys, the fake’s invitation, approval_required either way', async () => {
      const id = await acceptedByPartner();
      const delivered = sharedChannelInviteAccepted(fake, id);
      const body = parse(delivered);
      assert.deepEqual([body.type, body.team_id, body.authorizations[0].user_id, body.event_id], ['event_callback', WORLD.teamId, botUser, delivered.eventId]);
      assert.deepEqual(missingKeys(sampleJson('events/shared_channel_invite_accepted.json'), body.event), ['invite.inviting_user.profile.email', 'invite.recipient_user_id'], 'the app’s bot user (the inviter) has no email address; an invitation by email no recipient_user_id');
      const e = body.event;
      assert.deepEqual([e.type, e.approval_required, e.invite.id, e.invite.recipient_email, e.channel.id, e.accepting_user.id, e.accepting_user.team_id, e.teams_in_channel[0].id], ['shared_channel_invite_accepted', true, id, WORLD.emails.ext, c.public, ext, PARTNER.id, WORLD.teamId]);
      assert.match(e.event_ts, /^\d+\.\d{6}$/);
      // What the event names is what the fake approves.
      assert.equal((await bot.conversations.approveSharedInvite({ invite_id: e.invite.id, target_team: e.accepting_user.team_id })).ok, true);
      const implicit = await send('implicit@partner.example');
      fake.acceptConnectInvite(implicit, { acceptingTeam: PARTNER, acceptingUserId: ext, approvalRequired: false });
      assert.equal(sharedChannelInviteAccepted(fake, implicit).event.approval_required, false);
    });

    it('shared_channel_invite_received: the incoming invitation, to the receiving workspace’s installation', async () => {
      const inc = receive();
      const body = parse(sharedChannelInviteReceived(fake, inc.id));
      assert.deepEqual(missingKeys(sampleJson('events/shared_channel_invite_received.json'), body.event), []);
      assert.deepEqual([body.team_id, body.event.invite.id, body.event.invite.recipient_user_id, body.event.invite.inviting_team.id, body.event.channel.id], [WORLD.teamId, inc.id, botUser, OTHER_ORG.id, 'C0THEIRS']);
      assert.equal((await bot.conversations.acceptSharedInvite({ invite_id: body.event.invite.id, channel_name: 'theirs' })).ok, true);
      fake.addWorkspace({ teamId: 'T0SECOND' });
      fake.addInstallation({ teamId: 'T0SECOND', scopes: allBotScopes() });
      const toSecond = parse(sharedChannelInviteReceived(fake, receive({ teamId: 'T0SECOND' }).id));
      assert.deepEqual([toSecond.team_id, toSecond.authorizations[0].user_id, toSecond.event.invite.recipient_user_id], ['T0SECOND', fake.installation('T0SECOND')!.botUserId, fake.installation('T0SECOND')!.botUserId]);
      assert.throws(() => sharedChannelInviteReceived(fake, 'I0NOSUCH'), /no invitation/);
    });

    it('shared_channel_invite_approved / _declined: the decision the fake recorded', async () => {
      const id = await acceptedByPartner();
      await bot.conversations.approveSharedInvite({ invite_id: id, target_team: PARTNER.id });
      const approved = parse(sharedChannelInviteApproved(fake, id)).event;
      const botHasNoEmail = ['invite.inviting_user.profile.email', 'invite.recipient_user_id', 'approving_user.profile.email'];
    assert.deepEqual(missingKeys(sampleJson('events/shared_channel_invite_approved.json'), approved), botHasNoEmail, 'the bot user inviting and approving has no email address');
      assert.deepEqual([approved.approving_team_id, approved.approving_user.id, approved.invite.id], [WORLD.teamId, botUser, id]);
      const other = await acceptedByPartner({ approvers: [WORLD.teamId, PARTNER.id] });
      fake.reviewConnectInvite(other, { teamId: PARTNER.id, decision: 'decline' });
      const declined = parse(sharedChannelInviteDeclined(fake, other, { userId: ext })).event;
      assert.deepEqual(missingKeys(sampleJson('events/shared_channel_invite_declined.json'), declined), ['invite.inviting_user.profile.email']);
      assert.deepEqual([declined.declining_team_id, declined.declining_user.id, declined.declining_user.team_id], [PARTNER.id, ext, PARTNER.id]);
    });

    it('shared_channel_invite_requested: the reference’s shape, target_users the requests’ IDs', async () => {
      const a = fake.requestSharedInvite({ channel: { id: c.public, name: 'project-x' }, actorUserId: alice, email: 'one@partner.example', isExternalLimited: true });
      const b = fake.requestSharedInvite({ channel: { id: c.public, name: 'project-x' }, actorUserId: alice, email: 'two@partner.example', isExternalLimited: true });
      const body = parse(sharedChannelInviteRequested(fake, [a.id, b.id]));
      const e = body.event;
      assert.deepEqual(Object.keys(e).sort(), ['actor', 'channel', 'event_ts', 'is_external_limited', 'target_users', 'teams_in_channel', 'type']);
      assert.deepEqual(Object.keys(e.channel).sort(), ['date_created', 'id', 'is_im', 'is_private', 'message_latest_counted_timestamp', 'name']);
      for (const k of ['id', 'team_id', 'name', 'updated', 'who_can_share_contact_card', 'profile']) assert.ok(k in e.actor, `actor.${k}`);
      for (const k of ['id', 'name', 'icon', 'avatar_base_url', 'is_verified', 'domain', 'date_created', 'requires_sponsorship']) assert.ok(k in e.teams_in_channel[0], `teams_in_channel[].${k}`);
      assert.deepEqual([e.type, e.channel.id, e.actor.id, e.actor.profile.email, e.is_external_limited, e.target_users, body.team_id], [
        'shared_channel_invite_requested', c.public, alice, WORLD.emails.alice, true, [{ invite_id: a.id, email: 'one@partner.example' }, { invite_id: b.id, email: 'two@partner.example' }], WORLD.teamId,
      ]);
      assert.equal(Number.isInteger(e.channel.message_latest_counted_timestamp), true, 'microseconds');
      assert.equal((await api('conversations.requestSharedInvite.approve', { invite_id: e.target_users[0].invite_id })).ok, true);
    });
  });
});
