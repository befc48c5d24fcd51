// What the approvals side of Slack Connect needs from Slack (conversations.approveSharedInvite,
// declineSharedInvite, acceptSharedInvite, listConnectInvites' pending acceptances, and the
// Enterprise invite requests), in the app's own words. Implemented at the edge by
// src/slack/gateways/connect-admin.ts; no Slack types here.
import type { SlackCallFailure } from '../ports.js';

/** Slack's answer to one call: ok with what it returned, or a failure classified as everywhere else. */
export type AdminCallResult<T extends object = Record<never, never>> = ({ ok: true } & T) | ({ ok: false } & SlackCallFailure);

/** A party of an invitation as Slack describes it (team shape): a workspace (T…) or an organization (E…). */
export interface ConnectTeam {
  id: string;
  name?: string | undefined;
  domain?: string | undefined;
}

/** One accepted invitation that waits for an approval (a listConnectInvites item with a pending acceptance). */
export interface PendingApproval {
  inviteId: string;
  direction: 'outgoing' | 'incoming';
  channelId: string;
  channelName?: string | undefined;
  isPrivate?: boolean | undefined;
  invitingTeam?: ConnectTeam | undefined;
  invitingUserId?: string | undefined;
  acceptingTeam?: ConnectTeam | undefined;
  acceptingUserId?: string | undefined;
  recipientEmail?: string | undefined;
  recipientUserId?: string | undefined;
  externalLimited?: boolean | undefined;
  /** When the acceptance (else the invitation) stops being valid. */
  expiresAt?: Date | undefined;
}

/** One Enterprise invite request held for approval (conversations.requestSharedInvite.list item). */
export interface InviteRequest {
  inviteId: string;
  channelId?: string | undefined;
  channelName?: string | undefined;
  invitingUserId?: string | undefined;
  invitingTeam?: ConnectTeam | undefined;
  recipientEmail?: string | undefined;
  recipientUserId?: string | undefined;
  externalLimited?: boolean | undefined;
  expiresAt?: Date | undefined;
  /** 'pending' unless Slack says it was approved, denied or expired. */
  state: 'pending' | 'approved' | 'denied' | 'expired';
}

export interface ConnectAdminGateway {
  /** conversations.approveSharedInvite; `targetTeam`: the accepting party (required when the inviting side approves). */
  approve(inviteId: string, targetTeam: string | undefined): Promise<AdminCallResult>;
  /** conversations.declineSharedInvite. */
  decline(inviteId: string, targetTeam: string | undefined): Promise<AdminCallResult>;
  /** conversations.acceptSharedInvite for an invitation the app itself received (shared_channel_invite_received). */
  accept(args: { inviteId: string; channelName: string; isPrivate: boolean }): Promise<AdminCallResult<{ channelId?: string | undefined; implicitApproval?: boolean | undefined }>>;
  /** Pending acceptances (conversations.listConnectInvites, Tier 1: the caller paces it). */
  listPendingApprovals(): Promise<AdminCallResult<{ approvals: PendingApproval[] }>>;
  /** conversations.requestSharedInvite.approve. */
  approveRequest(inviteId: string): Promise<AdminCallResult>;
  /** conversations.requestSharedInvite.deny, the reason (≤ 560 characters) sent to the requester. */
  denyRequest(inviteId: string, reason: string | undefined): Promise<AdminCallResult>;
  /** conversations.requestSharedInvite.list: requests still pending. */
  listRequests(): Promise<AdminCallResult<{ requests: InviteRequest[] }>>;
}
