/**
 * The admin side of Slack Connect in the fake Slack (REF = /work/shared/reference/slack-api/
 * connect-admin-and-oauth.md section 1): an invitation's lifecycle (sent, accepted, approved or
 * declined by the parties whose approval it waits for), invitations other organizations sent to
 * the fake's workspaces, and the invite requests an Enterprise org holds for approval. It answers
 * conversations.listConnectInvites, approveSharedInvite, declineSharedInvite, acceptSharedInvite
 * requestSharedInvite.approve / .deny / .list, and externalInvitePermissions.set (each
 * external team's access to a shared channel); fake-slack.ts routes them here after the
 * transport, token, rate-limit and scope checks every method gets.
 *
 * Where the reference leaves a rule open, the reading taken is said where it is applied
 * (search "Reading:").
 */
import type { FakeChannel, FakeConnectInvite, FakeUser } from '../fake-slack.js';
import { DAY, decodeCursor, encodeCursor, fail, int, invalidArguments, isObj, randomId, required, str, strList, bool, type Args, type Body } from './api.js';
import type { Installation } from './installations.js';

/** Invitations, acceptances and requests all last 14 days in Slack's examples (REF 1.4, 1.7). */
export const CONNECT_LIFETIME_SECONDS = 14 * DAY;
/** REF 1.5 / 1.6: a request's approval or denial message. */
export const MAX_REQUEST_MESSAGE = 560;

/**
 * Each method's own documented errors (REF 1.1–1.7; the generic ones of REF 0.1 apply to all).
 * The fake answers those it models by itself; every one can be had with `fake.failNext(method, code)`.
 */
export const CONNECT_ADMIN_ERRORS: Readonly<Record<string, readonly string[]>> = {
  'conversations.approveSharedInvite': ['already_approved', 'approval_inactive', 'approval_not_found', 'channel_conversion_in_progress', 'channel_not_found', 'invalid_action', 'invalid_link', 'invite_not_found', 'missing_target_team', 'not_paid', 'restricted_action'],
  'conversations.declineSharedInvite': ['approval_inactive', 'approval_not_found', 'inactive_invite', 'invite_not_found', 'missing_target_team', 'not_paid', 'restricted_action'],
  'conversations.acceptSharedInvite': [
    'channel_conversion_in_progress', 'connection_limit_exceeded', 'email_does_not_match', 'failed_to_start_trial', 'has_already_connected_to_org', 'invalid_arguments',
    'invalid_emoji_not_allowed', 'invalid_host_team', 'invalid_link', 'invalid_name', 'invalid_name_maxlength', 'invalid_name_punctuation', 'invalid_name_required',
    'invalid_name_specials', 'invite_from_same_org', 'invite_not_found', 'invalid_privacy', 'invalid_recipient_team', 'invalid_target_team', 'invite_used',
    'is_pending_connected_to_org', 'legacy_connection_invalid_org', 'legacy_connection_limit_exceeded', 'name_taken', 'not_allowed_for_grid_workspace', 'not_paid',
    'restricted_action', 'team_not_found', 'user_cannot_create_channel', 'user_is_restricted', 'user_not_found', 'user_required_to_accept_as_private_but_cannot',
  ],
  'conversations.listConnectInvites': ['invalid_arguments', 'restricted_action'],
  'conversations.requestSharedInvite.approve': ['invite_not_found', 'invite_already_approved', 'invite_already_denied', 'invite_expired', 'channel_not_found', 'user_not_found', 'team_not_found', 'restricted_action', 'no_external_invite_permission', 'message_too_long', 'internal_error'],
  'conversations.requestSharedInvite.deny': ['invite_not_found', 'user_not_found', 'team_not_found', 'channel_not_found', 'invite_already_approved', 'invite_already_denied', 'invite_expired', 'restricted_action', 'message_too_long', 'internal_error'],
  'conversations.requestSharedInvite.list': ['restricted_action', 'invalid_cursor', 'internal_error', 'not_implemented'],
  'conversations.externalInvitePermissions.set': ['channel_not_found', 'not_supported', 'restricted_action', 'invalid_target_team', 'invalid_action'],
};

/** An external team's access to a Slack Connect channel (REF 1.9): post only, or fully shared. */
export type ExternalAccess = 'limited' | 'full';

/** What a workspace answers every conversations.externalInvitePermissions.set with (fake.refuseExternalAccessChanges). */
export type ExternalAccessRefusal = 'not_supported' | 'restricted_action';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/** A party of an invitation as Slack names it: a workspace (T…) or an organization (E…). */
export interface ConnectTeam {
  id: string;
  name?: string;
  domain?: string;
}

/** An invitation another organization sent to one of the fake's workspaces, inviting the app's bot user. */
export interface FakeIncomingInvite {
  id: string;
  /** The inviting organization's channel. */
  channel: { id: string; name: string; isPrivate: boolean };
  invitingTeam: ConnectTeam;
  invitingUserId: string;
  /** The workspace it was sent to. */
  teamId: string;
  /** Whom it invites: the app's bot user in that workspace. */
  recipientUserId: string;
  externalLimited: boolean;
  /** unix seconds */
  dateCreated: number;
  /** unix seconds, dateCreated + 14 days */
  dateInvalid: number;
}

export type ApprovalStatus = 'pending_approval' | 'approved' | 'declined';

export interface FakeReview {
  /** 'approval' is Slack's example's; 'decline' is the fake's word for the other decision (Slack publishes no enum). */
  type: 'approval' | 'decline';
  /** Who decided: the approving token's installation (T… or, org-wide, E…), or the team a test names. */
  teamId: string;
  /** unix seconds */
  date: number;
}

export interface FakeAcceptance {
  team: ConnectTeam;
  userId: string;
  /** unix seconds */
  dateAccepted: number;
  /** unix seconds, dateAccepted + 14 days: an approval still pending then is no longer active. */
  dateInvalid: number;
  approvalRequired: boolean;
  /** The teams whose approval it waits for ([] when none is required). */
  approvers: string[];
  /** Those of `approvers` that have not approved yet. */
  awaiting: string[];
  approvalStatus: ApprovalStatus;
  reviews: FakeReview[];
  /** The channel acceptSharedInvite made for it in the accepting workspace. */
  channelId?: string;
}

/**
 * Where an invitation stands: 'sent' (nobody accepted yet), 'accepted' (an acceptance waits for
 * approval), 'approved' (every acceptance approved), 'declined', or 'expired' (the invitation, or
 * its pending acceptance, outlived its 14 days). Only 'sent' and 'accepted' ones are listed.
 */
export type ConnectInviteStatus = 'sent' | 'accepted' | 'approved' | 'declined' | 'expired';

export interface ConnectInviteState {
  direction: 'outgoing' | 'incoming';
  status: ConnectInviteStatus;
  /** Copies. */
  acceptances: FakeAcceptance[];
}

export interface AcceptConnectInviteOptions {
  acceptingTeam: ConnectTeam;
  acceptingUserId: string;
  /** Default true. */
  approvalRequired?: boolean;
  /** Whose approval it waits for; default, when required, the fake's side (the workspace holding the invitation). */
  approvers?: string[];
  /** unix seconds; default now. */
  dateAccepted?: number;
}

export interface ReceiveConnectInviteOptions {
  id?: string;
  channel: { id: string; name: string; isPrivate?: boolean };
  invitingTeam: ConnectTeam;
  invitingUserId: string;
  /** The receiving workspace; default the default one. */
  teamId?: string;
  externalLimited?: boolean;
  /** unix seconds; default now. */
  dateCreated?: number;
}

export type InviteRequestState = 'pending' | 'approved' | 'denied';

/** An external invitation an Enterprise org holds until an admin (or the app) approves or denies it (REF 1.5–1.8). */
export interface FakeInviteRequest {
  /** The invite_id of shared_channel_invite_requested's target_users[]; approving sends the invitation under this ID. */
  id: string;
  channel: { id: string; name: string };
  /** The member who asked to invite (the event's actor). */
  actorUserId: string;
  email: string;
  isExternalLimited: boolean;
  /** The requester's workspace. */
  teamId: string;
  /** The requester's own message, if any. */
  message?: string;
  /** unix seconds */
  dateCreated: number;
  dateLastUpdated: number;
  /** unix seconds; a request still pending then is expired. */
  expiresAt: number;
  state: InviteRequestState;
  reviewingUserId?: string;
  /** approve's `message`, combined with the requester's as Slack says (is_override false appends). */
  approvalMessage?: string;
  dateDenied?: number;
  /** deny's `message`, as sent to the requester. */
  denialMessage?: string;
}

export interface RequestSharedInviteOptions {
  inviteId?: string;
  channel: { id: string; name?: string };
  actorUserId: string;
  email: string;
  isExternalLimited: boolean;
  /** The requester's workspace; default the channel's (else the actor's, else the default one). */
  teamId?: string;
  message?: string;
}

/** What the module needs of the fake's world. */
export interface ConnectHost {
  /** fake.connectInvites: the invitations the fake's workspaces sent (tests push plain ones in). */
  readonly outgoing: FakeConnectInvite[];
  readonly defaultTeamId: string;
  channel(id: string): FakeChannel | undefined;
  addChannel(ch: FakeChannel): FakeChannel;
  channelTeam(ch: FakeChannel): string;
  channelInTeam(ch: FakeChannel, teamId: string): boolean;
  someChannel(predicate: (ch: FakeChannel) => boolean): boolean;
  user(id: string): FakeUser | undefined;
  userByEmail(email: string): FakeUser | undefined;
  /** Slack's team object (listConnectInvites' inviting_team); `given` names a team the fake does not model. */
  teamObject(teamId: string, given?: ConnectTeam): Body;
  /** A person as Slack Connect payloads describe one (inviting_user, accepting_user, actor). */
  connectUser(userId: string, teamId: string): Body;
  /** A workspace the fake models, as a party. */
  teamRef(teamId: string): ConnectTeam;
  sees(inst: Installation, teamId: string): boolean;
  /** The same workspace, or workspaces (or the organization) of one Enterprise Grid org. */
  sameOrg(a: string, b: string): boolean;
  /** The app's bot user in a workspace. */
  botUserOf(teamId: string): string;
}

/** The caller as the module needs it: its installation and the user its token acts as. */
export interface ConnectCaller {
  inst: Installation;
  userId: string;
}

/** Either direction of invitation, as one shape. */
interface InviteView {
  id: string;
  direction: 'outgoing' | 'incoming';
  channelId: string;
  channelName: string;
  isPrivate: boolean;
  invitingTeam: ConnectTeam;
  invitingUserId: string;
  /** The fake's workspace that holds it: the sender (outgoing) or the recipient (incoming). */
  holderTeamId: string;
  email?: string;
  userId?: string;
  link?: string;
  externalLimited: boolean;
  dateCreated: number;
  dateInvalid: number;
}

const now = () => Math.floor(Date.now() / 1000);

/**
 * Slack's channel-name rules (REF 2.1, which acceptSharedInvite's channel_name follows, REF 7.9):
 * lower-case letters, digits, hyphens and underscores, at most 80 characters; upper case is
 * refused, not lower-cased. Reading: a name of nothing but punctuation ("--", "!!") answers
 * invalid_name_punctuation before the character check; an emoji invalid_emoji_not_allowed.
 */
export function channelNameError(name: string): string | undefined {
  if (name === '') return 'invalid_name_required';
  if ([...name].length > 80) return 'invalid_name_maxlength';
  if (/\p{Extended_Pictographic}/u.test(name)) return 'invalid_emoji_not_allowed';
  if (/^\p{P}+$/u.test(name)) return 'invalid_name_punctuation';
  if (!/^[a-z0-9_-]+$/.test(name)) return 'invalid_name_specials';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The module
// ---------------------------------------------------------------------------------------------

export class ConnectAdmin {
  readonly incoming: FakeIncomingInvite[] = [];
  private readonly acceptances = new Map<string, FakeAcceptance[]>();
  private readonly requests = new Map<string, FakeInviteRequest>();
  /** `${channel} ${team}`: an external team's access to a shared channel, from its invitation's (or changed since). */
  private readonly access = new Map<string, ExternalAccess>();
  /** Workspaces that answer every access change with this (Enterprise Grid only, or a preference). */
  private readonly accessRefusals = new Map<string, ExternalAccessRefusal>();

  constructor(private readonly host: ConnectHost) {}

  /** Forgets invitations' lifecycles, incoming invitations, requests and access (FakeSlack.reset). */
  reset(): void {
    this.incoming.length = 0;
    this.acceptances.clear();
    this.requests.clear();
    this.access.clear();
    this.accessRefusals.clear();
  }

  /** An external team's access to a channel as the fake holds it; undefined: the team is not in it. */
  externalAccess(channelId: string, teamId: string): ExternalAccess | undefined {
    const ch = this.host.channel(channelId);
    if (!ch || !(ch.sharedTeamIds ?? []).includes(teamId)) return undefined;
    // A team a test shared the channel with directly (no invitation): fully shared.
    return this.access.get(`${channelId} ${teamId}`) ?? 'full';
  }

  /** Makes workspace `teamId` answer access changes with `code` (undefined: answer them again). */
  refuseExternalAccessChanges(teamId: string, code: ExternalAccessRefusal | undefined): void {
    if (code === undefined) this.accessRefusals.delete(teamId);
    else this.accessRefusals.set(teamId, code);
  }

  // ------------------------------------------------------------------ world (for tests)

  accept(inviteId: string, o: AcceptConnectInviteOptions): ConnectInviteState {
    const view = this.view(inviteId);
    if (!view) throw new Error(`acceptConnectInvite: no invitation ${inviteId}`);
    const approvalRequired = o.approvalRequired ?? true;
    const approvers = approvalRequired ? [...(o.approvers ?? [view.holderTeamId])] : [];
    this.addAcceptance(view, { team: { ...o.acceptingTeam }, userId: o.acceptingUserId, approvalRequired, approvers, dateAccepted: o.dateAccepted ?? now() });
    return this.state(inviteId) as ConnectInviteState;
  }

  /** The other party decides in Slack's UI (no API checks): `teamId` approves or declines the latest acceptance (of `acceptingTeamId`). */
  review(inviteId: string, o: { teamId: string; decision: 'approve' | 'decline'; acceptingTeamId?: string }): ConnectInviteState {
    const view = this.view(inviteId);
    const acc = this.acceptancesOf(inviteId).filter((a) => o.acceptingTeamId === undefined || a.team.id === o.acceptingTeamId).at(-1);
    if (!view || !acc) throw new Error(`reviewConnectInvite: no acceptance of ${inviteId}`);
    this.decide(view, acc, o.decision === 'approve' ? 'approval' : 'decline', o.teamId, (t) => t === o.teamId);
    return this.state(inviteId) as ConnectInviteState;
  }

  receive(o: ReceiveConnectInviteOptions): FakeIncomingInvite {
    const teamId = o.teamId ?? this.host.defaultTeamId;
    const dateCreated = o.dateCreated ?? now();
    const invite: FakeIncomingInvite = {
      id: o.id ?? randomId('I'),
      channel: { id: o.channel.id, name: o.channel.name, isPrivate: o.channel.isPrivate ?? false },
      invitingTeam: { ...o.invitingTeam },
      invitingUserId: o.invitingUserId,
      teamId,
      recipientUserId: this.host.botUserOf(teamId),
      externalLimited: o.externalLimited ?? false,
      dateCreated,
      dateInvalid: dateCreated + CONNECT_LIFETIME_SECONDS,
    };
    this.incoming.push(invite);
    return invite;
  }

  state(inviteId: string): ConnectInviteState | undefined {
    const view = this.view(inviteId);
    if (!view) return undefined;
    return { direction: view.direction, status: this.status(view), acceptances: this.acceptancesOf(inviteId).map((a) => structuredClone(a)) };
  }

  request(o: RequestSharedInviteOptions): FakeInviteRequest {
    const ch = this.host.channel(o.channel.id);
    const teamId = o.teamId ?? (ch ? this.host.channelTeam(ch) : (this.host.user(o.actorUserId)?.teamId ?? this.host.defaultTeamId));
    const t = now();
    const r: FakeInviteRequest = {
      id: o.inviteId ?? randomId('I'),
      channel: { id: o.channel.id, name: o.channel.name ?? ch?.name ?? '' },
      actorUserId: o.actorUserId,
      email: o.email,
      isExternalLimited: o.isExternalLimited,
      teamId,
      dateCreated: t,
      dateLastUpdated: t,
      expiresAt: t + CONNECT_LIFETIME_SECONDS,
      state: 'pending',
    };
    if (o.message !== undefined) r.message = o.message;
    if (this.requests.has(r.id)) throw new Error(`requestSharedInvite: ${r.id} exists`);
    this.requests.set(r.id, r);
    return r;
  }

  inviteRequest(id: string): FakeInviteRequest | undefined {
    return this.requests.get(id);
  }

  /** Slack's listConnectInvites item for an invitation (the event builders reuse its parts). */
  item(inviteId: string): Body | undefined {
    const view = this.view(inviteId);
    return view && this.itemOf(view);
  }

  /**
   * Whether an outgoing invitation is still pending (listed; counts for inviteShared's pending
   * rule). On the fake's hot path (every conversations.info): one map look-up for an invitation
   * nobody accepted.
   */
  isPending(i: FakeConnectInvite, t = now()): boolean {
    if (!this.acceptances.has(i.id)) return i.dateInvalid > t;
    const status = this.status(this.outgoingView(i), t);
    return status === 'sent' || status === 'accepted';
  }

  // ------------------------------------------------------------------ methods

  /**
   * conversations.listConnectInvites (REF 1.4): both directions, those neither approved nor
   * declined by all parties (and not expired); outgoing first (by the channel's workspace), then
   * incoming (by the receiving one).
   */
  list(args: Args, team: string): Body {
    let count = int(args, 'count') ?? 100;
    if (count < 1) count = 100;
    if (count > 500) count = 500;
    const offset = decodeCursor(str(args, 'cursor'));
    const views = [
      ...this.host.outgoing.map((i) => this.outgoingView(i)),
      ...this.incoming.map((i) => this.incomingView(i)),
    ].filter((v) => v.holderTeamId === team && ['sent', 'accepted'].includes(this.status(v)));
    const page = views.slice(offset, offset + count);
    return { invites: page.map((v) => this.itemOf(v)), response_metadata: { next_cursor: offset + count < views.length ? encodeCursor(offset + count) : '' } };
  }

  /**
   * conversations.approveSharedInvite (REF 1.1) and declineSharedInvite (REF 1.2). Readings:
   * - `target_team` is required of the inviting side (missing_target_team) and, whoever sends it,
   *   names the accepting party: an acceptance by another team is approval_not_found;
   * - approval_not_found: no acceptance (by that team), or none that waits for the caller's
   *   approval (approval_required false, or the caller is not among its approvers);
   * - approve: invalid_action once the acceptance is approved by every party (the channel is
   *   shared: nothing left to act on); already_approved when the caller's team approved it and it
   *   still waits for another party; approval_inactive when it was declined or its 14 days passed;
   * - decline: approval_inactive for any decided or expired acceptance; inactive_invite for an
   *   invitation that expired before anyone accepted it.
   */
  approveOrDecline(args: Args, c: ConnectCaller, decision: 'approval' | 'decline'): Body {
    const view = this.view(required(args, 'invite_id'));
    if (!view || !this.isParty(view, c.inst)) fail('invite_not_found');
    const target = str(args, 'target_team');
    if (target === undefined && this.host.sees(c.inst, view.invitingTeam.id)) fail('missing_target_team');
    const acc = this.acceptancesOf(view.id).filter((a) => (target !== undefined ? a.team.id === target : this.host.sees(c.inst, a.team.id))).at(-1);
    const t = now();
    if (!acc) fail(decision === 'decline' && view.dateInvalid <= t ? 'inactive_invite' : 'approval_not_found');
    const mine = (team: string) => team === c.inst.key || this.host.sees(c.inst, team);
    if (!acc.approvers.some(mine)) fail('approval_not_found');
    if (acc.approvalStatus === 'approved') fail(decision === 'approval' ? 'invalid_action' : 'approval_inactive');
    if (decision === 'approval' && acc.reviews.some((r) => r.type === 'approval' && mine(r.teamId))) fail('already_approved');
    if (acc.approvalStatus === 'declined' || acc.dateInvalid <= t) fail('approval_inactive');
    this.decide(view, acc, decision, c.inst.key, mine);
    return {};
  }

  /**
   * conversations.acceptSharedInvite (REF 1.3), for an invitation one of the fake's workspaces
   * received (receiveConnectInvite). `team`: the workspace it acts in (an org token's team_id).
   * Makes the channel there with the app's bot user in it; the acceptance then waits for both
   * sides' approval (the answer says implicit_approval false: the inviting side has not approved).
   * Readings: no channel_name at all is invalid_arguments, as for every required argument, and an
   * empty one invalid_name_required; an invitation past its 14 days is invite_not_found; one the
   * caller's own organization sent is invite_from_same_org.
   */
  acceptShared(args: Args, c: ConnectCaller, team: string): Body {
    if (args.channel_name === undefined) invalidArguments('[ERROR] missing required field: channel_name');
    const name = String(args.channel_name);
    const nameError = channelNameError(name);
    if (nameError) fail(nameError);
    const inviteId = str(args, 'invite_id');
    const channelId = str(args, 'channel_id');
    if (inviteId === undefined && channelId === undefined) invalidArguments('[ERROR] missing required field: invite_id or channel_id');
    const own = this.host.outgoing.find((i) => (inviteId !== undefined ? i.id === inviteId : i.channel === channelId));
    if (own && this.host.sameOrg(this.outgoingView(own).invitingTeam.id, team)) fail('invite_from_same_org');
    const t = now();
    const matches = this.incoming.filter((i) => i.teamId === team && i.dateInvalid > t && (inviteId !== undefined ? i.id === inviteId : i.channel.id === channelId));
    const invite = matches.find((i) => this.acceptancesOf(i.id).length === 0) ?? matches[0];
    if (!invite) fail('invite_not_found');
    if (this.host.sameOrg(invite.invitingTeam.id, team)) fail('invite_from_same_org');
    if (this.acceptancesOf(invite.id).length > 0) fail('invite_used');
    const taken = (ch: FakeChannel) => !ch.isIm && !ch.isMpim && ch.name === name && this.host.channelTeam(ch) === team;
    if (this.host.someChannel(taken)) fail('name_taken');
    const channel: FakeChannel = { id: randomId('C'), name, isPrivate: bool(args, 'is_private') === true, members: [c.inst.botUserId] };
    if (team !== this.host.defaultTeamId) channel.teamId = team;
    this.host.addChannel(channel);
    const view = this.incomingView(invite);
    this.addAcceptance(view, { team: this.host.teamRef(team), userId: c.userId, approvalRequired: true, approvers: [invite.invitingTeam.id, team], dateAccepted: t, channelId: channel.id });
    return { channel_id: channel.id, invite_id: invite.id, implicit_approval: false, can_open_scdm: false };
  }

  /**
   * conversations.requestSharedInvite.approve (REF 1.5): sends the held invitation under the
   * request's ID (listed by listConnectInvites from then on). Readings: the request's channel (or
   * channel_id's) must be one the fake knows, in or shared with the requester's workspace, not
   * archived, and a private one the requester is in: else channel_not_found; `message` combines
   * with the requester's own (a new line between) unless is_override.
   */
  approveRequest(args: Args, c: ConnectCaller): Body {
    const r = this.pendingRequest(args, c);
    const m = args.message;
    let approvalMessage: string | undefined;
    if (m !== undefined) {
      if (!isObj(m) || typeof m.text !== 'string' || typeof m.is_override !== 'boolean') invalidArguments('[ERROR] message needs text (string) and is_override (boolean) [json-pointer:/message]');
      approvalMessage = m.is_override || r.message === undefined ? m.text : `${r.message}\n${m.text}`;
      if (approvalMessage.length > MAX_REQUEST_MESSAGE) fail('message_too_long');
    }
    this.requireState(r);
    const ch = this.host.channel(str(args, 'channel_id') ?? r.channel.id);
    if (!ch || ch.isArchived || !this.host.channelInTeam(ch, r.teamId) || (ch.isPrivate && !ch.members.includes(r.actorUserId))) fail('channel_not_found');
    const externalLimited = bool(args, 'is_external_limited') ?? r.isExternalLimited;
    const t = now();
    const invite: FakeConnectInvite = { id: r.id, channel: ch.id, email: r.email, externalLimited, dateCreated: t, dateInvalid: t + CONNECT_LIFETIME_SECONDS, invitingUserId: r.actorUserId };
    const body: Body = { invite_id: r.id };
    if (!externalLimited) {
      invite.url = `https://join.slack.com/share/${randomId('enQt', 24).toLowerCase()}`;
      body.url = invite.url;
      body.confirmation_code = randomId('', 8);
    }
    this.host.outgoing.push(invite);
    Object.assign(r, { state: 'approved', reviewingUserId: c.userId, dateLastUpdated: t, channel: { id: ch.id, name: ch.name }, isExternalLimited: externalLimited });
    if (approvalMessage !== undefined) r.approvalMessage = approvalMessage;
    return body;
  }

  /** conversations.requestSharedInvite.deny (REF 1.6): the message is kept (inviteRequest(id).denialMessage). */
  denyRequest(args: Args, c: ConnectCaller): Body {
    const r = this.pendingRequest(args, c);
    const message = str(args, 'message');
    if (message !== undefined && message.length > MAX_REQUEST_MESSAGE) fail('message_too_long');
    this.requireState(r);
    if (!this.host.channel(r.channel.id)) fail('channel_not_found');
    const t = now();
    Object.assign(r, { state: 'denied', reviewingUserId: c.userId, dateDenied: t, dateLastUpdated: t });
    if (message !== undefined) r.denialMessage = message;
    return { invite_id: r.id };
  }

  /**
   * conversations.requestSharedInvite.list (REF 1.7): sorted by ID, pending ones unless
   * include_approved / include_denied / include_expired; next_cursor only when another page
   * exists, in Slack's form (base64 of `id:<the next page's first ID>`, as in the docs example).
   * Reading: a limit or invite_ids outside the documented 1–1000 is invalid_arguments.
   */
  listRequests(args: Args, c: ConnectCaller): Body {
    const limit = int(args, 'limit') ?? 200;
    if (limit < 1 || limit > 1000) invalidArguments('[ERROR] limit must be between 1 and 1000 [json-pointer:/limit]');
    const ids = strList(args, 'invite_ids');
    if (ids !== undefined && (ids.length < 1 || ids.length > 1000)) invalidArguments('[ERROR] invite_ids must hold 1 to 1000 IDs [json-pointer:/invite_ids]');
    const userId = str(args, 'user_id');
    const cursor = str(args, 'cursor');
    let from: string | undefined;
    if (cursor !== undefined) {
      const m = /^id:(\S+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
      if (!m) fail('invalid_cursor');
      from = m[1];
    }
    const include = { pending: true, approved: bool(args, 'include_approved') === true, denied: bool(args, 'include_denied') === true, expired: bool(args, 'include_expired') === true };
    const all = [...this.requests.values()]
      .filter((r) => this.host.sees(c.inst, r.teamId) && include[this.requestState(r)] && (ids === undefined || ids.includes(r.id)) && (userId === undefined || r.actorUserId === userId))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const start = from === undefined ? 0 : all.findIndex((r) => r.id >= from);
    const page = start < 0 ? [] : all.slice(start, start + limit);
    const body: Body = { invite_requests: page.map((r) => this.requestItem(r)) };
    const next = start < 0 ? undefined : all[start + limit];
    if (next) body.response_metadata = { next_cursor: Buffer.from(`id:${next.id}`).toString('base64') };
    return body;
  }

  /**
   * conversations.externalInvitePermissions.set (REF 1.9): `target_team`'s access to `channel`,
   * `upgrade` to fully shared or `downgrade` to post only. Readings:
   * - a missing argument is invalid_arguments, as for every required one; an `action` other than
   *   the two is invalid_action;
   * - channel_not_found: a channel the caller's workspace neither holds nor is shared into;
   * - invalid_target_team: a team not (or no longer) in the channel, the caller's own included;
   * - the workspace's answer (refuseExternalAccessChanges) comes after those: not_supported
   *   (Slack: Enterprise Grid only) or restricted_action (a preference);
   * - changing a team to the access it has is ok, and changes nothing.
   */
  setExternalAccess(args: Args, c: ConnectCaller): Body {
    const channelId = required(args, 'channel');
    const target = required(args, 'target_team');
    const action = required(args, 'action');
    if (action !== 'upgrade' && action !== 'downgrade') fail('invalid_action');
    const ch = this.host.channel(channelId);
    const shared = ch?.sharedTeamIds ?? [];
    const mine = (t: string) => this.host.sees(c.inst, t) || t === c.inst.key;
    if (!ch || ch.isIm || ch.isMpim || !(mine(this.host.channelTeam(ch)) || shared.some(mine))) fail('channel_not_found');
    if (!shared.includes(target) || mine(target)) fail('invalid_target_team');
    const refusal = this.accessRefusals.get(this.host.channelTeam(ch));
    if (refusal) fail(refusal);
    this.access.set(`${channelId} ${target}`, action === 'upgrade' ? 'full' : 'limited');
    return {};
  }

  // ------------------------------------------------------------------ internals

  private acceptancesOf(inviteId: string): FakeAcceptance[] {
    return this.acceptances.get(inviteId) ?? [];
  }

  private view(inviteId: string): InviteView | undefined {
    const out = this.host.outgoing.find((i) => i.id === inviteId);
    if (out) return this.outgoingView(out);
    const inc = this.incoming.find((i) => i.id === inviteId);
    return inc && this.incomingView(inc);
  }

  private outgoingView(i: FakeConnectInvite): InviteView {
    const ch = this.host.channel(i.channel);
    const team = ch ? this.host.channelTeam(ch) : this.host.defaultTeamId;
    const v: InviteView = {
      id: i.id, direction: 'outgoing', channelId: i.channel, channelName: ch?.name ?? '', isPrivate: !!ch?.isPrivate, invitingTeam: { id: team }, invitingUserId: i.invitingUserId,
      holderTeamId: team, externalLimited: i.externalLimited, dateCreated: i.dateCreated, dateInvalid: i.dateInvalid,
    };
    if (i.email !== undefined) v.email = i.email;
    if (i.userId !== undefined) v.userId = i.userId;
    if (i.url !== undefined) v.link = i.url;
    return v;
  }

  private incomingView(i: FakeIncomingInvite): InviteView {
    return {
      id: i.id, direction: 'incoming', channelId: i.channel.id, channelName: i.channel.name, isPrivate: i.channel.isPrivate, invitingTeam: i.invitingTeam, invitingUserId: i.invitingUserId,
      holderTeamId: i.teamId, userId: i.recipientUserId, externalLimited: i.externalLimited, dateCreated: i.dateCreated, dateInvalid: i.dateInvalid,
    };
  }

  private status(v: InviteView, t = now()): ConnectInviteStatus {
    const accs = this.acceptancesOf(v.id);
    if (accs.length === 0) return v.dateInvalid > t ? 'sent' : 'expired';
    if (accs.some((a) => a.approvalStatus === 'pending_approval' && a.dateInvalid > t)) return 'accepted';
    if (accs.every((a) => a.approvalStatus === 'approved')) return 'approved';
    return accs.some((a) => a.approvalStatus === 'declined') ? 'declined' : 'expired';
  }

  /** A token's installation is a party: it sent it, received it, or accepted it. */
  private isParty(v: InviteView, inst: Installation): boolean {
    return this.host.sees(inst, v.holderTeamId) || this.host.sees(inst, v.invitingTeam.id) || this.acceptancesOf(v.id).some((a) => this.host.sees(inst, a.team.id));
  }

  private addAcceptance(view: InviteView, a: { team: ConnectTeam; userId: string; approvalRequired: boolean; approvers: string[]; dateAccepted: number; channelId?: string }): void {
    const acc: FakeAcceptance = {
      team: a.team, userId: a.userId, dateAccepted: a.dateAccepted, dateInvalid: a.dateAccepted + CONNECT_LIFETIME_SECONDS, approvalRequired: a.approvalRequired,
      approvers: a.approvers, awaiting: [...a.approvers], approvalStatus: a.approvers.length === 0 ? 'approved' : 'pending_approval', reviews: [],
    };
    if (a.channelId !== undefined) acc.channelId = a.channelId;
    const list = this.acceptances.get(view.id) ?? [];
    list.push(acc);
    this.acceptances.set(view.id, list);
    if (acc.approvalStatus === 'approved') this.share(view, acc);
  }

  /** Records a decision; `covers` says which approvers the decider answers for (an org-wide install: its workspaces too). */
  private decide(view: InviteView, acc: FakeAcceptance, type: FakeReview['type'], teamId: string, covers: (team: string) => boolean): void {
    acc.reviews.push({ type, teamId, date: now() });
    if (type === 'decline') {
      acc.approvalStatus = 'declined';
      return;
    }
    acc.awaiting = acc.awaiting.filter((t) => !covers(t));
    if (acc.awaiting.length === 0 && acc.approvalStatus === 'pending_approval') {
      acc.approvalStatus = 'approved';
      this.share(view, acc);
    }
  }

  /** Approved: the channel becomes a Slack Connect channel between the parties (what channel_shared then reports). */
  private share(view: InviteView, acc: FakeAcceptance): void {
    const [ch, other] = view.direction === 'outgoing' ? [this.host.channel(view.channelId), acc.team.id] : [acc.channelId === undefined ? undefined : this.host.channel(acc.channelId), view.invitingTeam.id];
    if (!ch) return;
    ch.isExtShared = true;
    if (!(ch.sharedTeamIds ?? []).includes(other)) ch.sharedTeamIds = [...(ch.sharedTeamIds ?? []), other];
    // The partner starts with the access the invitation gave.
    this.access.set(`${ch.id} ${other}`, view.externalLimited ? 'limited' : 'full');
  }

  private itemOf(v: InviteView): Body {
    const invite: Body = {
      id: v.id,
      date_created: v.dateCreated,
      date_invalid: v.dateInvalid,
      inviting_team: this.host.teamObject(v.invitingTeam.id, v.invitingTeam),
      inviting_user: this.host.connectUser(v.invitingUserId, v.invitingTeam.id),
    };
    if (v.email !== undefined) invite.recipient_email = v.email;
    if (v.userId !== undefined) invite.recipient_user_id = v.userId;
    if (v.link !== undefined) invite.link = v.link;
    const accs = this.acceptancesOf(v.id);
    const item: Body = {
      direction: v.direction,
      // Reading: 'sent' is the only value Slack documents; the lifecycle shows in acceptances[].approval_status.
      status: 'sent',
      date_last_updated: Math.max(v.dateCreated, ...accs.flatMap((a) => [a.dateAccepted, ...a.reviews.map((r) => r.date)])),
      invite_type: 'channel',
      invite,
      channel: { id: v.channelId, is_private: v.isPrivate, is_im: false, name: v.channelName },
    };
    if (accs.length > 0) {
      item.acceptances = accs.map((a) => ({
        approval_status: a.approvalStatus,
        date_accepted: a.dateAccepted,
        date_invalid: a.dateInvalid,
        date_last_updated: Math.max(a.dateAccepted, ...a.reviews.map((r) => r.date)),
        accepting_team: this.host.teamObject(a.team.id, a.team),
        accepting_user: this.host.connectUser(a.userId, a.team.id),
        reviews: a.reviews.map((r) => ({ type: r.type, date_review: r.date, reviewing_team: this.host.teamObject(r.teamId) })),
      }));
    }
    return item;
  }

  private requestState(r: FakeInviteRequest): InviteRequestState | 'expired' {
    return r.state === 'pending' && r.expiresAt <= now() ? 'expired' : r.state;
  }

  private pendingRequest(args: Args, c: ConnectCaller): FakeInviteRequest {
    const r = this.requests.get(required(args, 'invite_id'));
    if (!r || !this.host.sees(c.inst, r.teamId)) fail('invite_not_found');
    return r;
  }

  private requireState(r: FakeInviteRequest): void {
    const s = this.requestState(r);
    if (s !== 'pending') fail(s === 'approved' ? 'invite_already_approved' : s === 'denied' ? 'invite_already_denied' : 'invite_expired');
  }

  /** An item of requestSharedInvite.list, in the docs example's shape. */
  private requestItem(r: FakeInviteRequest): Body {
    const recipient = this.host.userByEmail(r.email);
    const ch = this.host.channel(r.channel.id);
    const isPrivate = !!ch?.isPrivate;
    const item: Body = {
      id: r.id,
      date_created: r.dateCreated,
      date_last_updated: r.dateLastUpdated,
      expires_at: r.expiresAt,
      inviting_team: this.host.teamObject(r.teamId),
      inviting_user: this.host.connectUser(r.actorUserId, r.teamId),
      is_external_limited: r.isExternalLimited,
      is_sponsored: false,
      recipient_email: r.email,
      target_user: { recipient_email: r.email, ...(recipient ? { recipient_user_id: recipient.id } : {}) },
      channel: {
        id: r.channel.id,
        is_im: false,
        is_private: isPrivate,
        date_created: 1_600_000_000,
        name: r.channel.name,
        connections: [{ team: this.host.teamObject(r.teamId), is_private: isPrivate }, ...(ch?.sharedTeamIds ?? []).map((t) => ({ team: this.host.teamObject(t), is_private: isPrivate }))],
        pending_connections: [],
        previous_connections: [],
      },
    };
    if (r.dateDenied !== undefined) item.date_denied = r.dateDenied;
    if (r.reviewingUserId !== undefined) item.reviewing_user = this.host.connectUser(r.reviewingUserId, r.teamId);
    return item;
  }
}
