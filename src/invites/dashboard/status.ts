// How an invitation's state reads to a person. "Expired" is derived, not stored: a Slack Connect
// invitation not accepted and approved within 14 days (or past Slack's date_invalid) expires.
import type { InviteRecord } from '../ports.js';

export const INVITE_LIFETIME_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export type DisplayStatus =
  | 'sending'
  | 'awaiting_acceptance'
  | 'awaiting_approval'
  | 'accepted'
  | 'declined'
  | 'expired'
  | 'added'
  | 'failed'
  | 'partial';

/**
 * The dashboard's counters, each meaning what its label says:
 * - `sent`: Slack Connect invitations Slack accepted from the app, whatever became of them since
 *   (the sum of the five that follow); never one that failed or is still on its way.
 * - `awaiting_acceptance` … `expired`: those invitations by where they are now.
 * - `added`: /invite-private requests where everyone is now in the channel (nobody "accepted").
 * - `failed`: nothing was sent (either kind), or some people could not be added to a private
 *   channel: each may need the person to act.
 * - `sending`: recorded, but Slack has not answered yet (or recovery is still checking).
 * Every invitation counts in exactly one of the counters after `sent`.
 */
export const COUNTERS = ['sent', 'awaiting_acceptance', 'awaiting_approval', 'accepted', 'declined', 'expired', 'added', 'failed', 'sending'] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counts = Record<Counter, number>;
/** The counters `sent` adds up. */
export const SENT_COUNTERS = ['awaiting_acceptance', 'awaiting_approval', 'accepted', 'declined', 'expired'] as const satisfies readonly Counter[];

/** The filters people can choose: all, or exactly the invitations one counter counts. */
export const FILTERS = ['all', ...COUNTERS] as const;
export type StatusFilter = (typeof FILTERS)[number];

export function expiresAt(invite: Pick<InviteRecord, 'createdAt' | 'dateInvalid'>): Date {
  return invite.dateInvalid ?? new Date(invite.createdAt.getTime() + INVITE_LIFETIME_DAYS * DAY_MS);
}

export function isWaiting(status: InviteRecord['status']): boolean {
  return status === 'AWAITING_ACCEPTANCE' || status === 'AWAITING_APPROVAL';
}

export function displayStatus(invite: Pick<InviteRecord, 'status' | 'createdAt' | 'dateInvalid'>, now: Date): DisplayStatus {
  if (isWaiting(invite.status) && expiresAt(invite) <= now) return 'expired';
  switch (invite.status) {
    case 'RECORDED':
    case 'SENDING':
      return 'sending';
    case 'AWAITING_ACCEPTANCE':
      return 'awaiting_acceptance';
    case 'AWAITING_APPROVAL':
      return 'awaiting_approval';
    case 'ACCEPTED':
      return 'accepted';
    case 'COMPLETED':
      return 'added';
    case 'DECLINED':
      return 'declined';
    case 'PARTIALLY_COMPLETED':
      return 'partial';
    case 'FAILED':
      return 'failed';
  }
}

/** A partly failed private invite counts as failed: someone was not added and may need help. */
export function counterOf(status: DisplayStatus): Exclude<Counter, 'sent'> {
  return status === 'partial' ? 'failed' : status;
}

export function emptyCounts(): Counts {
  return { sent: 0, awaiting_acceptance: 0, awaiting_approval: 0, accepted: 0, declined: 0, expired: 0, added: 0, failed: 0, sending: 0 };
}

/** Fills in `sent` from the counters it adds up. */
export function withSent(counts: Counts): Counts {
  return { ...counts, sent: SENT_COUNTERS.reduce((sum, c) => sum + counts[c], 0) };
}

export function isStatusFilter(value: unknown): value is StatusFilter {
  return typeof value === 'string' && (FILTERS as readonly string[]).includes(value);
}
