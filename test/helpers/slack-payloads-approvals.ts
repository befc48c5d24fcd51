// The Slack Connect lifecycle events Slack sends the app, for end-to-end tests of approvals, each
// built from what the fake Slack holds (the invitation, its acceptance and reviews, the request),
// so the IDs in an event are those the fake's methods then act on:
// - shared_channel_invite_accepted / _received / _approved / _declined FROM Slack's samples in
//   docs/slack-samples/events/ (inner events only: see SOURCES.md there), each key of the sample
//   kept and its values replaced with the fake's;
// - shared_channel_invite_requested, for which no sample exists, in the reference's shape
//   (connect-admin-and-oauth.md 1.8).
// The envelope is the installation's (slack-payloads-oauth.ts eventEnvelope): by default the one
// of the workspace holding the invitation or request.
import { randomBytes } from 'node:crypto';
import type { FakeSlack } from './fake-slack.js';
import type { EncodedBody } from './slack-payloads.js';
import { eventEnvelope, sampleJson, type InstallationRef } from './slack-payloads-oauth.js';

type Json = Record<string, any>;
export type EventBody = EncodedBody & { eventId: string; event: Json };

export interface EventOptions {
  /** The installation it is delivered to; default the holding workspace's (fake.installation). */
  to?: InstallationRef;
  eventId?: string;
}

const newEventId = () => `Ev${randomBytes(5).toString('hex').toUpperCase()}`;
const eventTs = () => `${(Date.now() / 1000).toFixed(6)}`;

function deliver(fake: FakeSlack, holderTeamId: string, event: Json, o: EventOptions): EventBody {
  const to = o.to ?? fake.installation(holderTeamId);
  if (!to) throw new Error(`no installation in ${holderTeamId}: pass \`to\``);
  return { ...eventEnvelope(to, event, o.eventId ?? newEventId(), holderTeamId), event };
}

/** The invitation as the fake lists it, and the workspace holding it. */
function invitation(fake: FakeSlack, inviteId: string): { item: Json; holder: string } {
  const item = fake.connectInviteItem(inviteId) as Json | undefined;
  if (!item) throw new Error(`the fake holds no invitation ${inviteId}`);
  const incoming = fake.incomingConnectInvites.find((i) => i.id === inviteId);
  return { item, holder: incoming?.teamId ?? item.invite.inviting_team.id };
}

/** The events' invite object: the listing's, without the join link (none of Slack's event samples has one). */
function eventInvite(item: Json): Json {
  const { link: _link, ...invite } = item.invite as Json;
  return invite;
}

/** An acceptance (the latest, or `acceptingTeamId`'s) in the listing's shape, and the fake's own record of it. */
function acceptance(fake: FakeSlack, item: Json, acceptingTeamId: string | undefined) {
  const state = fake.connectInviteState(item.invite.id);
  const index = (state?.acceptances ?? []).findLastIndex((a) => acceptingTeamId === undefined || a.team.id === acceptingTeamId);
  if (!state || index < 0) throw new Error(`invitation ${item.invite.id} has no acceptance${acceptingTeamId ? ` by ${acceptingTeamId}` : ''}`);
  return { listed: (item.acceptances as Json[])[index] as Json, record: state.acceptances[index]! };
}

/**
 * shared_channel_invite_accepted (events/shared_channel_invite_accepted.json): the latest
 * acceptance (or `acceptingTeamId`'s) of an invitation the fake holds, with its approval_required.
 * teams_in_channel: the inviting team (the fake keeps no earlier partners of a channel).
 */
export function sharedChannelInviteAccepted(fake: FakeSlack, inviteId: string, o: EventOptions & { acceptingTeamId?: string } = {}): EventBody {
  const { item, holder } = invitation(fake, inviteId);
  const { listed, record } = acceptance(fake, item, o.acceptingTeamId);
  const sample = sampleJson('events/shared_channel_invite_accepted.json');
  const event = {
    ...sample,
    approval_required: record.approvalRequired,
    invite: eventInvite(item),
    channel: item.channel,
    teams_in_channel: [item.invite.inviting_team],
    accepting_user: listed.accepting_user,
    event_ts: eventTs(),
  };
  return deliver(fake, holder, event, o);
}

/** shared_channel_invite_received (events/shared_channel_invite_received.json): an invitation fake.receiveConnectInvite made. */
export function sharedChannelInviteReceived(fake: FakeSlack, inviteId: string, o: EventOptions = {}): EventBody {
  const { item, holder } = invitation(fake, inviteId);
  if (item.direction !== 'incoming') throw new Error(`${inviteId} is not an invitation the fake's workspace received`);
  const sample = sampleJson('events/shared_channel_invite_received.json');
  return deliver(fake, holder, { ...sample, invite: eventInvite(item), channel: item.channel, event_ts: eventTs() }, o);
}

/** The latest review of the type asked for, of the latest acceptance (or `acceptingTeamId`'s). */
function review(fake: FakeSlack, item: Json, type: 'approval' | 'decline', acceptingTeamId: string | undefined) {
  const { record } = acceptance(fake, item, acceptingTeamId);
  const r = record.reviews.findLast((x) => x.type === type);
  if (!r) throw new Error(`invitation ${item.invite.id} has no ${type} review`);
  return r;
}

export interface DecisionOptions extends EventOptions {
  acceptingTeamId?: string;
  /** Who decided (approving_user / declining_user); default the deciding team's bot user if the fake knows it, else the inviting user. */
  userId?: string;
}

function decider(fake: FakeSlack, teamId: string, userId: string | undefined): Json {
  const id = userId ?? fake.installation(teamId)?.botUserId ?? 'USLACKBOT';
  return fake.connectUserObject(id, teamId);
}

/** shared_channel_invite_approved (events/shared_channel_invite_approved.json), for the latest approval the fake recorded. */
export function sharedChannelInviteApproved(fake: FakeSlack, inviteId: string, o: DecisionOptions = {}): EventBody {
  const { item, holder } = invitation(fake, inviteId);
  const r = review(fake, item, 'approval', o.acceptingTeamId);
  const sample = sampleJson('events/shared_channel_invite_approved.json');
  const event = { ...sample, invite: eventInvite(item), channel: item.channel, approving_team_id: r.teamId, teams_in_channel: [item.invite.inviting_team], approving_user: decider(fake, r.teamId, o.userId), event_ts: eventTs() };
  return deliver(fake, holder, event, o);
}

/** shared_channel_invite_declined (events/shared_channel_invite_declined.json), for the latest decline the fake recorded. */
export function sharedChannelInviteDeclined(fake: FakeSlack, inviteId: string, o: DecisionOptions = {}): EventBody {
  const { item, holder } = invitation(fake, inviteId);
  const r = review(fake, item, 'decline', o.acceptingTeamId);
  const sample = sampleJson('events/shared_channel_invite_declined.json');
  const event = { ...sample, invite: eventInvite(item), channel: item.channel, declining_team_id: r.teamId, teams_in_channel: [item.invite.inviting_team], declining_user: decider(fake, r.teamId, o.userId), event_ts: eventTs() };
  return deliver(fake, holder, event, o);
}

/**
 * shared_channel_invite_requested (REF 1.8; no recorded sample exists): one event for one or more
 * requests the fake holds (fake.requestSharedInvite) of one channel and requester, its
 * target_users[] their invite IDs and addresses. event_ts is @slack/types' (the docs example has none).
 */
export function sharedChannelInviteRequested(fake: FakeSlack, inviteIds: string | string[], o: EventOptions = {}): EventBody {
  const requests = (Array.isArray(inviteIds) ? inviteIds : [inviteIds]).map((id) => {
    const r = fake.inviteRequest(id);
    if (!r) throw new Error(`the fake holds no invite request ${id}`);
    return r;
  });
  const first = requests[0];
  if (!first) throw new Error('sharedChannelInviteRequested: no invite ID');
  if (requests.some((r) => r.channel.id !== first.channel.id || r.actorUserId !== first.actorUserId)) throw new Error('one event is one channel and one requester');
  const ch = fake.channel(first.channel.id);
  const event = {
    type: 'shared_channel_invite_requested',
    channel: {
      id: first.channel.id,
      is_im: false,
      is_private: !!ch?.isPrivate,
      date_created: 1_600_000_000,
      message_latest_counted_timestamp: Date.now() * 1000,
      name: first.channel.name,
    },
    actor: fake.connectUserObject(first.actorUserId, first.teamId),
    is_external_limited: first.isExternalLimited,
    target_users: requests.map((r) => ({ invite_id: r.id, email: r.email })),
    teams_in_channel: [first.teamId, ...(ch?.sharedTeamIds ?? [])].map((t) => fake.connectTeamObject(t)),
    event_ts: eventTs(),
  };
  return deliver(fake, first.teamId, event, o);
}
