// What the invite services need from the outside world, as interfaces, so that the domain never
// imports Slack or Prisma and each piece can be tested alone. src/slack/gateways and src/db implement them.
import type { PrivateInviteMethod } from '../config.js';
import type { Invite, InviteRecipient } from '../generated/prisma/client.js';
import type { LeaseHold } from './lease.js';

export type { PrivateInviteMethod };

export type InviteRecord = Invite;
export type RecipientRecord = InviteRecipient;

/** How a call to Slack ended, with everything the outcome and the explanation need. */
export type SlackCallFailure =
  | { kind: 'slack_error'; code: string; neededScope?: string }
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'timeout' }
  | { kind: 'unreachable' }
  | { kind: 'http_error'; status: number }
  /** The app could not tell whether an earlier, unanswered try reached Slack (see share-channel/pending-check.ts). */
  | { kind: 'unconfirmed'; code: string };

/** `warnings`: Slack's non-fatal notes (such as missing_charset), logged and never shown. */
export type InviteSharedResult = (
  | { ok: true; inviteId: string; isLegacySharedChannel: boolean; url?: string; confCode?: string }
  | ({ ok: false } & SlackCallFailure)
) & { warnings?: string[] };

export interface InviteSharedArgs {
  channelId: string;
  invitee: { email: string } | { userId: string };
  externalLimited: boolean;
}

/** Whether Slack holds a pending invitation for this channel and invitee (Tier 1: rarely). */
/** One invitation of Slack's listing of the workspace's pending Slack Connect invitations. */
export interface PendingInvite {
  inviteId: string;
  channelId: string;
  email?: string | undefined;
  userId?: string | undefined;
  dateInvalid?: Date | undefined;
}

export type PendingInviteListing = { invites: PendingInvite[] } | { failure: SlackCallFailure };

export interface SlackConnectGateway {
  inviteShared(args: InviteSharedArgs): Promise<InviteSharedResult>;
  /** Every pending invitation Slack lists for the workspace (conversations.listConnectInvites, Tier 1: use sparingly). */
  listPendingInvites(): Promise<PendingInviteListing>;
}

/** Slack's word on one person of a private-channel invite. */
export type PersonAnswer = { userId: string } & ({ outcome: 'INVITED' | 'ALREADY_MEMBER' } | { outcome: 'FAILED'; errorCode: string });

export interface PrivateInviteResult {
  /** What Slack said about each person it answered for (possibly not everyone asked). */
  answers: PersonAnswer[];
  /** The call itself failed: this applies to everyone without an answer of their own. */
  failure?: SlackCallFailure;
  /** Slack's non-fatal notes (such as missing_charset), logged and never shown. */
  warnings?: string[];
}

/** Adds people to a private channel with the Slack method it was built for. */
export interface PrivateChannelGateway {
  readonly method: PrivateInviteMethod;
  invite(channelId: string, userIds: readonly string[]): Promise<PrivateInviteResult>;
}

/** Who asks, as Slack says on the request (never from the form). */
export interface Requester {
  teamId: string;
  userId: string;
  enterpriseId?: string | undefined;
}

export interface ChannelFacts {
  id: string;
  name: string;
  isIm: boolean;
  isMpim: boolean;
  isPrivate: boolean;
  isArchived: boolean;
  isGeneral: boolean;
  /** Whether the app's bot user is a member. */
  appIsMember: boolean;
  /** How many members it has, when Slack says (it decides how membership is looked up). */
  memberCount?: number | undefined;
}

export interface UserFacts {
  id: string;
  teamId: string | undefined;
  name: string;
  email: string | undefined;
  isBot: boolean;
  isAdmin: boolean;
  isOwner: boolean;
  deleted: boolean;
  /** A guest: multi-channel (is_restricted) or single-channel (is_ultra_restricted as well). */
  isRestricted?: boolean | undefined;
  isUltraRestricted?: boolean | undefined;
  /** Enterprise Grid: the person's organization (enterprise_user.enterprise_id) and the workspaces they belong to (enterprise_user.teams). */
  enterpriseId?: string | undefined;
  workspaceIds?: readonly string[] | undefined;
}

/** Look-ups of channels and people; `undefined` means Slack says it does not exist (or the app cannot see it). */
export interface WorkspaceDirectory {
  channel(channelId: string): Promise<ChannelFacts | undefined>;
  /** `memberCount` (the channel's, from `channel()`) lets the look-up choose its cheaper way. */
  isMember(channelId: string, userId: string, memberCount?: number): Promise<boolean>;
  user(userId: string): Promise<UserFacts | undefined>;
  /**
   * Many people at once (a form's 100 people), in the order asked: paced within Slack's rate
   * tier as bulk look-ups, which leave room for other people's own checks. Rejects if any one
   * cannot be answered.
   */
  users(userIds: readonly string[]): Promise<ReadonlyMap<string, UserFacts | undefined>>;
}

export interface NewSlackConnectInvite {
  teamId: string;
  enterpriseId?: string | undefined;
  requesterUserId: string;
  channelId: string;
  channelName?: string | undefined;
  inviteeEmail?: string | undefined;
  inviteeUserId?: string | undefined;
  externalLimited: boolean;
  idempotencyKey: string;
  viewId?: string | undefined;
  /** The invitation this one sends again in another form. */
  resendOfId?: string | undefined;
}

export type SlackConnectOutcome =
  | { ok: true; inviteId: string; isLegacySharedChannel: boolean; url?: string | undefined; confCode?: string | undefined }
  | { ok: false; errorCode: string; errorDetail?: string | undefined; retryAfterSeconds?: number | undefined };

/** What every new invite records about the request itself, whatever its kind. */
export type NewInviteRequest = Pick<NewSlackConnectInvite, 'teamId' | 'enterpriseId' | 'requesterUserId' | 'channelId' | 'channelName' | 'idempotencyKey' | 'viewId'>;

export interface NewPrivateChannelInvite extends NewInviteRequest {
  method: PrivateInviteMethod;
  /** One recipient row each, in this order. */
  userIds: readonly string[];
}

/** A private-channel invite with its people, in the order they were asked for. */
export type PrivateInviteRecord = InviteRecord & { recipients: RecipientRecord[] };

export interface RecipientOutcomeFields {
  userId: string;
  outcome: 'INVITED' | 'ALREADY_MEMBER' | 'FAILED';
  errorCode?: string | undefined;
}

export interface PrivateChannelOutcome {
  status: 'COMPLETED' | 'PARTIALLY_COMPLETED' | 'FAILED';
  errorCode?: string | undefined;
  errorDetail?: string | undefined;
  retryAfterSeconds?: number | undefined;
  recipients: RecipientOutcomeFields[];
}

/** Slack's invitation is already recorded on another invite of the workspace (a repeated submission). */
export class InviteIdTakenError extends Error {
  override name = 'InviteIdTakenError';
}

export interface InviteRepository {
  /** Records a new invite under this process's lease, or returns the one already recorded for the same idempotency key. */
  createSlackConnect(invite: NewSlackConnectInvite): Promise<{ invite: InviteRecord; created: boolean }>;
  /** The invite and one recipient row per person, in one transaction; idempotent like createSlackConnect. */
  createPrivateChannel(invite: NewPrivateChannelInvite): Promise<{ invite: PrivateInviteRecord; created: boolean }>;
  // Every write to a leased invite below is fenced: it throws LeaseLostError (./lease.ts) when the
  // invite's lease version is no longer the holder's, because recovery took it over.
  /** SENDING, one more attempt, a fresh lease; returns the attempts so far (this one included). */
  markSending(hold: LeaseHold): Promise<{ attempts: number }>;
  /** Throws InviteIdTakenError when another invite already holds the Slack invitation ID. */
  recordSlackConnectOutcome(hold: LeaseHold, outcome: SlackConnectOutcome): Promise<InviteRecord>;
  recordPrivateChannelOutcome(hold: LeaseHold, outcome: PrivateChannelOutcome): Promise<PrivateInviteRecord>;
  /** Notes an unanswered send (the error code) and keeps the invite SENDING under a fresh lease, for recovery. */
  recordUnresolved(hold: LeaseHold, errorCode: string): Promise<PrivateInviteRecord>;
  /**
   * Slack rate-limited the send (it did nothing): back to RECORDED, with no owner, until
   * `retryAfterSeconds` from the database's now, when recovery's sweep sends it. Fenced.
   */
  deferSend(hold: LeaseHold, retryAfterSeconds: number, errorCode?: string): Promise<InviteRecord>;
  /** Slack Connect invitations nobody accepted that expire within `remindBeforeMs` of `now`, not yet reminded: claimed for their reminder. */
  claimDueReminders(now: Date, remindBeforeMs: number, limit: number): Promise<InviteRecord[]>;
  /** Slack Connect invitations nobody accepted that are past their expiry at `now` and not yet noticed: claimed, once. */
  claimNewlyExpired(now: Date, limit: number): Promise<InviteRecord[]>;
  /** Leaves it unfinished, as it is, for `seconds` (no process holds it meanwhile); false once taken over or finished. */
  postpone(hold: LeaseHold, seconds: number): Promise<boolean>;
  /** Extends the lease from the database's now; false once the lease was taken over (or the invite is finished). */
  renewLease(hold: LeaseHold): Promise<boolean>;
  /**
   * A "not confirmed" Slack Connect invite of `requesterUserId` back to RECORDED under this
   * process's lease (a new lease version), once however often it is asked; undefined otherwise.
   */
  reopenUnconfirmed(teamId: string, id: string, requesterUserId: string): Promise<InviteRecord | undefined>;
  /** The invite as it is now, with its people: what to show once another process has taken it over. */
  reload(id: string): Promise<PrivateInviteRecord>;
  findById(teamId: string, id: string): Promise<InviteRecord | undefined>;
  /** Takes over up to `limit` unfinished invites whose lease expired (their process died), each under a new lease version. */
  claimAbandoned(limit: number): Promise<PrivateInviteRecord[]>;
}

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

// --- Who may invite: user groups (usergroups.list, usergroups.users.list) -------------------------

/** A look-up Slack did not answer (or answered with an error): the caller fails closed. */
export class LookupFailedError extends Error {
  override name = 'LookupFailedError';
  constructor(readonly failure: SlackCallFailure) {
    super(failure.kind === 'slack_error' ? `Slack answered ${failure.code}` : `Slack look-up failed: ${failure.kind}`);
  }
}

export interface UserGroup {
  id: string;
  /** What people type after @, without it. */
  handle: string;
  name: string;
}

/** The workspace's user groups; both throw LookupFailedError when Slack does not answer them. */
export interface UserGroupDirectory {
  /** The enabled user groups of the workspace. */
  list(): Promise<UserGroup[]>;
  /** The members of one group; undefined: Slack has no such group (deleted or disabled). */
  members(groupId: string): Promise<ReadonlySet<string> | undefined>;
}
