// Reads a shared_channel_invite_{accepted,approved,declined} event into the domain's terms.
// Total: a malformed event yields undefined (and a log line upstream), never an exception.
import type { LifecycleEvent, LifecycleKind } from '../../invites/lifecycle/service.js';

import { obj, secondsToDate, str } from './loose.js';

const ACTOR_FIELDS: Record<LifecycleKind, { user: string; team: string }> = {
  accepted: { user: 'accepting_user', team: 'accepting_user' },
  approved: { user: 'approving_user', team: 'approving_team_id' },
  declined: { user: 'declining_user', team: 'declining_team_id' },
};

export function parseLifecycleEvent(body: unknown, kind: LifecycleKind, now: Date): LifecycleEvent | undefined {
  const envelope = obj(body);
  const event = obj(envelope?.event);
  const invite = obj(event?.invite);
  const eventId = str(envelope?.event_id);
  const slackInviteId = str(invite?.id);
  if (!event || !eventId || !slackInviteId) return undefined;

  const teamIds = [str(envelope?.team_id), str(obj(invite?.inviting_team)?.id)].filter((t): t is string => !!t);
  if (teamIds.length === 0) return undefined;
  const fields = ACTOR_FIELDS[kind];
  const actor = obj(event[fields.user]);
  const actorTeam = kind === 'accepted' ? str(actor?.team_id) : str(event[fields.team]);
  const email = str(invite?.recipient_email);
  const userId = str(invite?.recipient_user_id);
  return {
    eventId,
    kind,
    teamIds: [...new Set(teamIds)],
    slackInviteId,
    channelId: str(obj(event.channel)?.id),
    recipient: email ? { email: email.toLowerCase() } : userId ? { userId } : undefined,
    actorUserId: str(actor?.id),
    actorTeamId: actorTeam,
    approvalRequired: typeof event.approval_required === 'boolean' ? event.approval_required : undefined,
    dateInvalid: secondsToDate(invite?.date_invalid),
    at: secondsToDate(event.event_ts) ?? now,
  };
}
