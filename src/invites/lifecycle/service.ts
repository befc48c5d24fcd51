// What happens to a Slack Connect invitation after it is sent, from Slack's
// shared_channel_invite_* events: accepted (maybe awaiting an admin's approval), approved,
// declined. Each event is applied once, by event_id, and never moves an invite backwards.
import type { Logger } from '../../logger.js';
import { NO_METRICS, type InviteMetrics } from '../metrics.js';
import type { InviteRecord } from '../ports.js';

export type LifecycleKind = 'accepted' | 'approved' | 'declined';

export interface LifecycleEvent {
  eventId: string;
  kind: LifecycleKind;
  /** The workspace the event was delivered for, and the inviting team named in the invite. */
  teamIds: string[];
  slackInviteId: string;
  /** The invitation's channel and invitee, to settle an invite whose send was never confirmed. */
  channelId?: string | undefined;
  recipient?: { email: string } | { userId: string } | undefined;
  actorUserId?: string | undefined;
  actorTeamId?: string | undefined;
  approvalRequired?: boolean | undefined;
  dateInvalid?: Date | undefined;
  at: Date;
}

export type LifecycleResult =
  | { outcome: 'applied'; invite: InviteRecord; previous: InviteRecord }
  | { outcome: 'duplicate' }
  | { outcome: 'unknown_invite' }
  | { outcome: 'no_change'; invite: InviteRecord };

export interface LifecycleRepository {
  /** Runs `work` in one transaction after claiming the event; returns 'duplicate' if it was claimed before. */
  applyOnce<T>(eventId: string, teamId: string, type: string, work: (tx: LifecycleTx) => Promise<T>): Promise<T | 'duplicate'>;
}

export interface LifecycleTx {
  findBySlackInviteId(teamIds: string[], slackInviteId: string): Promise<InviteRecord | undefined>;
  /**
   * An invite of this channel and invitee whose send was never confirmed (still sending, or ended
   * "not confirmed"): Slack's event proves it arrived, so it takes `slackInviteId`, is sent, and
   * its lease (if any) is fenced off.
   */
  settleUnconfirmed(teamIds: string[], channelId: string, recipient: { email: string } | { userId: string }, slackInviteId: string): Promise<InviteRecord | undefined>;
  update(id: string, data: Partial<InviteRecord>): Promise<InviteRecord>;
}

const FINAL: ReadonlySet<InviteRecord['status']> = new Set(['DECLINED', 'FAILED']);

/** The fields an event sets; pure, so the transitions can be tested alone. */
export function transition(invite: InviteRecord, event: LifecycleEvent): Partial<InviteRecord> | undefined {
  if (FINAL.has(invite.status)) return undefined;
  const base: Partial<InviteRecord> = event.dateInvalid ? { dateInvalid: event.dateInvalid } : {};
  switch (event.kind) {
    case 'accepted':
      if (invite.acceptedAt) return undefined;
      return {
        ...base,
        acceptedAt: event.at,
        acceptedByUserId: event.actorUserId ?? null,
        acceptedByTeamId: event.actorTeamId ?? null,
        approvalRequired: event.approvalRequired ?? null,
        // An approval that arrived first already settled it.
        status: invite.approvedAt || !event.approvalRequired ? 'ACCEPTED' : 'AWAITING_APPROVAL',
      };
    case 'approved':
      if (invite.approvedAt) return undefined;
      return {
        ...base,
        approvedAt: event.at,
        approvedByUserId: event.actorUserId ?? null,
        approvedByTeamId: event.actorTeamId ?? null,
        status: 'ACCEPTED',
      };
    case 'declined':
      return {
        ...base,
        declinedAt: event.at,
        declinedByUserId: event.actorUserId ?? null,
        declinedByTeamId: event.actorTeamId ?? null,
        status: 'DECLINED',
      };
  }
}

export function createLifecycleService({ repo, logger, metrics = NO_METRICS }: { repo: LifecycleRepository; logger: Logger; metrics?: InviteMetrics }) {
  return {
    async apply(event: LifecycleEvent): Promise<LifecycleResult> {
      const log = logger.child({ eventId: event.eventId, slackInviteId: event.slackInviteId, kind: event.kind });
      const result = await repo.applyOnce(event.eventId, event.teamIds[0] ?? '', `shared_channel_invite_${event.kind}`, async (tx) => {
        let invite = await tx.findBySlackInviteId(event.teamIds, event.slackInviteId);
        if (!invite && event.channelId && event.recipient) {
          invite = await tx.settleUnconfirmed(event.teamIds, event.channelId, event.recipient, event.slackInviteId);
          if (invite) log.info({ inviteId: invite.id }, 'Slack’s event settles an invitation whose send was never confirmed');
        }
        if (!invite) return { outcome: 'unknown_invite' } as const;
        const changes = transition(invite, event);
        if (!changes) return { outcome: 'no_change', invite } as const;
        return { outcome: 'applied', invite: await tx.update(invite.id, changes), previous: invite } as const;
      });
      metrics.lifecycleEvent(event.kind, result === 'duplicate' ? 'duplicate' : result.outcome);
      if (result === 'duplicate') {
        log.info('event already processed; ignoring the repeat');
        return { outcome: 'duplicate' };
      }
      if (result.outcome === 'unknown_invite') log.info('event for an invitation this app did not send; ignored');
      else log.info({ outcome: result.outcome, status: result.invite.status }, 'invitation lifecycle event');
      return result;
    },
  };
}

export type LifecycleService = ReturnType<typeof createLifecycleService>;
