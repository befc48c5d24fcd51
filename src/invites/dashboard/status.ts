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
  | 'failed'
  | 'partial';

/** The dashboard's counters; each display status counts towards one of them (besides `sent`). */
export const COUNTERS = ['sent', 'awaiting_acceptance', 'awaiting_approval', 'accepted', 'declined', 'expired', 'failed'] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counts = Record<Counter, number>;

/** The filters people can choose; each matches a set of stored statuses (and expiry). */
export const FILTERS = ['all', 'awaiting_acceptance', 'awaiting_approval', 'accepted', 'declined', 'expired', 'failed'] as const;
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
    case 'COMPLETED':
      return 'accepted';
    case 'DECLINED':
      return 'declined';
    case 'PARTIALLY_COMPLETED':
      return 'partial';
    case 'FAILED':
      return 'failed';
  }
}

/** A partly failed private invite counts as failed: someone was not added and may need help. */
export function counterOf(status: DisplayStatus): Counter | undefined {
  if (status === 'partial') return 'failed';
  if (status === 'sending') return undefined;
  return status;
}

export function emptyCounts(): Counts {
  return { sent: 0, awaiting_acceptance: 0, awaiting_approval: 0, accepted: 0, declined: 0, expired: 0, failed: 0 };
}

export function isStatusFilter(value: unknown): value is StatusFilter {
  return typeof value === 'string' && (FILTERS as readonly string[]).includes(value);
}
