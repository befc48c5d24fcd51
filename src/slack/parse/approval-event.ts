// Reads the Slack Connect events that ask an admin for a decision into approvals to record:
// shared_channel_invite_accepted with approval_required, shared_channel_invite_received (the app
// itself invited), and shared_channel_invite_requested (an Enterprise invite request: one per
// invitee). Total: a malformed event yields nothing, never an exception.
import type { NewApproval } from '../../invites/approvals/service.js';
import type { ConnectTeam } from '../../invites/approvals/ports.js';
import type { Installation } from '../../invites/who-may-invite/rules.js';

import { bool, obj, secondsToDate, str, type Loose } from './loose.js';

function teamOf(v: unknown): ConnectTeam | undefined {
  const t = obj(v);
  const id = str(t?.id);
  return id ? { id, name: str(t?.name), domain: str(t?.domain) } : undefined;
}

/** Ours: the installation's workspace, or on Grid its organization. */
const isOurs = (id: string | undefined, installation: Installation) => !!id && (id === installation.teamId || id === installation.enterpriseId);

function channelOf(event: Loose) {
  const channel = obj(event.channel);
  return { channelId: str(channel?.id), channelName: str(channel?.name), isPrivate: bool(channel?.is_private) };
}

export function parseApprovalEvent(body: unknown, installation: Installation): NewApproval[] {
  const event = obj(obj(body)?.event);
  const type = str(event?.type);
  if (!event || !type) return [];
  const base = { teamId: installation.teamId, enterpriseId: installation.enterpriseId, ...channelOf(event) };

  if (type === 'shared_channel_invite_accepted' || type === 'shared_channel_invite_received') {
    const invite = obj(event.invite);
    const slackInviteId = str(invite?.id);
    if (!invite || !slackInviteId) return [];
    if (type === 'shared_channel_invite_accepted' && event.approval_required !== true) return [];
    const invitingTeam = teamOf(invite.inviting_team);
    const accepting = obj(event.accepting_user);
    const acceptingTeamId = str(accepting?.team_id);
    const facts = {
      ...base,
      slackInviteId,
      invitingUserId: str(obj(invite.inviting_user)?.id),
      invitingTeam,
      recipientEmail: str(invite.recipient_email)?.toLowerCase(),
      recipientUserId: str(invite.recipient_user_id),
      expiresAt: secondsToDate(invite.date_invalid),
    };
    if (type === 'shared_channel_invite_received') return [{ ...facts, kind: 'INCOMING_INVITE', otherTeam: invitingTeam }];
    // The other side is whoever is not us: the accepting team for our invitation, the inviting one otherwise.
    const otherTeam = isOurs(invitingTeam?.id, installation) ? (acceptingTeamId ? { id: acceptingTeamId } : undefined) : invitingTeam;
    return [{ ...facts, kind: 'ACCEPTED_INVITE', otherTeam, targetTeamId: acceptingTeamId }];
  }

  if (type === 'shared_channel_invite_requested') {
    const actor = obj(event.actor);
    const targets = Array.isArray(event.target_users) ? event.target_users.map(obj) : [];
    return targets.flatMap((t) => {
      const slackInviteId = str(t?.invite_id);
      if (!slackInviteId) return [];
      return [{
        ...base,
        kind: 'INVITE_REQUEST' as const,
        slackInviteId,
        invitingUserId: str(actor?.id),
        invitingTeam: str(actor?.team_id) ? { id: str(actor?.team_id) as string } : undefined,
        recipientEmail: str(t?.email)?.toLowerCase(),
        externalLimited: bool(event.is_external_limited),
      }];
    });
  }
  return [];
}
