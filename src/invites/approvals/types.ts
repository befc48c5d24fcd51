// An approval: something about Slack Connect that waits for a workspace admin's decision, and
// the decision, as the app records it (table `approvals`). Three kinds:
// - ACCEPTED_INVITE: an invitation (sent by this workspace or to it) was accepted and needs this
//   side's approval (shared_channel_invite_accepted with approval_required, or a pending
//   acceptance in conversations.listConnectInvites): approve or decline;
// - INCOMING_INVITE: the app itself was invited to another organization's channel
//   (shared_channel_invite_received): accept (naming the channel, public or private) or ignore;
// - INVITE_REQUEST: on Enterprise Grid with automation rules on, an invitation a member asked
//   for is held until approved (shared_channel_invite_requested): approve or deny, with a reason.
import type { ConnectTeam } from './ports.js';

export type ApprovalKind = 'ACCEPTED_INVITE' | 'INCOMING_INVITE' | 'INVITE_REQUEST';

/**
 * PENDING: waits for a decision. DECIDING: an admin's decision is being sent to Slack (claimed,
 * so a second admin's click does nothing). Then one of the outcomes; DECIDED_IN_SLACK: Slack says
 * it was already decided elsewhere (its own UI, another app) or expired.
 */
export type ApprovalStatus = 'PENDING' | 'DECIDING' | 'APPROVED' | 'DECLINED' | 'ACCEPTED' | 'IGNORED' | 'DECIDED_IN_SLACK';

export type ApprovalDecision = 'approve' | 'decline' | 'accept' | 'ignore';

/** Where a card about an approval was posted, to update it when someone acts. */
export interface CardRef {
  channel: string;
  ts: string;
}

export interface Approval {
  id: string;
  teamId: string;
  enterpriseId?: string | undefined;
  kind: ApprovalKind;
  /** Slack's invitation (or invite request) ID. */
  slackInviteId: string;
  /** The app's own record of the invitation, when this workspace sent it through the app. */
  inviteId?: string | undefined;
  channelId?: string | undefined;
  channelName?: string | undefined;
  isPrivate?: boolean | undefined;
  /** Who invited, as Slack says (for an invitation sent through the app, the app's bot user). */
  invitingUserId?: string | undefined;
  /** The person who asked for the invitation through the app (its own record), when it was sent that way. */
  requesterUserId?: string | undefined;
  invitingTeam?: ConnectTeam | undefined;
  /** The organization on the other side: the accepting one for an outgoing invitation, the inviting one for an incoming one. */
  otherTeam?: ConnectTeam | undefined;
  /** The party approveSharedInvite names as target_team (the accepting one). */
  targetTeamId?: string | undefined;
  recipientEmail?: string | undefined;
  recipientUserId?: string | undefined;
  externalLimited?: boolean | undefined;
  expiresAt?: Date | undefined;
  status: ApprovalStatus;
  /** Who decided: an admin, or (auto-approval) the trusted organization's rule. */
  decidedByUserId?: string | undefined;
  decidedByRule?: string | undefined;
  decidedAt?: Date | undefined;
  /** The admin's reason for a decline or a denial, as sent to Slack. */
  reason?: string | undefined;
  /** Slack's error code for the last decision that Slack refused (or for DECIDED_IN_SLACK, which one). */
  slackError?: string | undefined;
  cards: CardRef[];
  createdAt: Date;
  updatedAt: Date;
}

/** A partner organization whose invitations this workspace approves (and accepts) without a person. */
export interface TrustedOrganization {
  teamId: string;
  orgId: string;
  name?: string | undefined;
  domain?: string | undefined;
  addedByUserId: string;
  addedAt: Date;
}
