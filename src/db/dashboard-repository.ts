// The dashboard's queries, per person or for the whole workspace, always scoped to one team:
// - counts: read from invite_counts (kept by triggers, see the migration
//   20261204070000_invite_counts_and_hot_indexes), never by scanning anyone's history. Waiting
//   invitations are kept there by the UTC day they expire on: a day before today's is expired,
//   a later one still waiting, and today's is split by a small index range over the invitations
//   that expire today, so the counters are exact at any instant (the expiry sweep's expired_at
//   is a notice, not the truth, and is not read here).
// - page: keyset paging on (created_at DESC, id DESC) from a cursor, one index range whatever how
//   far back; rows that arrive meanwhile are newer than every cursor and so shift nothing.
// Each filter lists exactly the invitations its counter counts (displayStatus and counterOf in status.ts).
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { DashboardInvite, DashboardQuery, DashboardRepository } from '../invites/dashboard/service.js';
import type { InviteRecord, RecipientRecord } from '../invites/ports.js';
import { INVITE_COLUMNS } from './invite-repository.js';
import { emptyCounts, withSent, type Counter, type StatusFilter } from '../invites/dashboard/status.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Recipients shown per private-channel invite on the dashboard; the rest are counted. */
const RECIPIENTS_SHOWN = 10;
const WAITING = Prisma.sql`status IN ('AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL')`;
/** Matches the indexes' expression exactly (the planner compares expressions, not meanings). */
const EXPIRY = Prisma.sql`invite_expires_at(date_invalid, created_at)`;

/** The SQL condition of a filter (a constant but for the clock): never text from a payload. */
export function filterSql(filter: StatusFilter, now: Date): Prisma.Sql {
  switch (filter) {
    case 'all':
      return Prisma.sql`TRUE`;
    case 'sent':
      return Prisma.sql`status IN ('AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL', 'ACCEPTED', 'DECLINED')`;
    case 'awaiting_acceptance':
      return Prisma.sql`status = 'AWAITING_ACCEPTANCE' AND ${EXPIRY} > ${now}::timestamptz`;
    case 'awaiting_approval':
      return Prisma.sql`status = 'AWAITING_APPROVAL' AND ${EXPIRY} > ${now}::timestamptz`;
    case 'expired':
      return Prisma.sql`${WAITING} AND ${EXPIRY} <= ${now}::timestamptz`;
    case 'accepted':
      return Prisma.sql`status = 'ACCEPTED'`;
    case 'declined':
      return Prisma.sql`status = 'DECLINED'`;
    case 'added':
      return Prisma.sql`status = 'COMPLETED'`;
    case 'failed':
      return Prisma.sql`status IN ('FAILED', 'PARTIALLY_COMPLETED')`;
    case 'sending':
      return Prisma.sql`status IN ('RECORDED', 'SENDING')`;
  }
}

/**
 * The counters' rows: invite_counts' for the person (or the workspace, '') and, as edge rows,
 * the waiting invitations expiring today that have already expired (counted as expired, not waiting).
 */
export function countsSql({ teamId, requesterUserId, now }: Omit<DashboardQuery, 'filter' | 'cursor' | 'limit'>): Prisma.Sql {
  const today = Math.floor(now.getTime() / DAY_MS);
  const dayStart = new Date(today * DAY_MS);
  const person = requesterUserId === undefined ? Prisma.empty : Prisma.sql`AND requester_user_id = ${requesterUserId}`;
  // when: -1 the counter's rows of days before today (a waiting one: expired), 0 today's, 1 later
  // days' (and every row of a counter that does not expire: day 0), 2 the edge rows.
  return Prisma.sql`
    SELECT counter, sign(expiry_day - ${today}::int)::int AS "when", sum(n)::int AS n
    FROM invite_counts WHERE team_id = ${teamId} AND requester_user_id = ${requesterUserId ?? ''}
    GROUP BY 1, 2
    UNION ALL
    SELECT invite_counter(status), 2, count(*)::int
    FROM invites
    WHERE team_id = ${teamId} ${person} AND ${WAITING}
      AND ${EXPIRY} >= ${dayStart}::timestamptz AND ${EXPIRY} <= ${now}::timestamptz
    GROUP BY status`;
}

/** One page, nearest the cursor first: an index range from it, with each invitation's first recipients and their number. */
export function pageSql({ teamId, requesterUserId, filter, cursor, limit, now }: DashboardQuery): Prisma.Sql {
  const person = requesterUserId === undefined ? Prisma.empty : Prisma.sql`AND requester_user_id = ${requesterUserId}`;
  const newer = cursor?.direction === 'newer';
  const after = cursor
    ? newer
      ? Prisma.sql`AND (created_at, id) > (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`
      : Prisma.sql`AND (created_at, id) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`
    : Prisma.empty;
  const order = newer ? Prisma.sql`created_at ASC, id ASC` : Prisma.sql`created_at DESC, id DESC`;
  return Prisma.sql`
    SELECT ${INVITE_COLUMNS},
      (SELECT COALESCE(json_agg(json_build_object('id', r.id::text, 'inviteId', r.invite_id, 'userId', r.user_id, 'outcome', r.outcome, 'errorCode', r.error_code) ORDER BY r.id), '[]')
       FROM (SELECT * FROM invite_recipients WHERE invite_id = invites.id ORDER BY id LIMIT ${RECIPIENTS_SHOWN}::int) r) AS recipients,
      (SELECT count(*)::int FROM invite_recipients WHERE invite_id = invites.id) AS "recipientCount"
    FROM invites
    WHERE team_id = ${teamId} ${person} AND ${filterSql(filter, now)} ${after}
    ORDER BY ${order}
    LIMIT ${limit}::int`;
}

type CountRow = { counter: Exclude<Counter, 'sent' | 'expired'>; when: -1 | 0 | 1 | 2; n: number };
type PageRow = InviteRecord & { recipients: Array<Omit<RecipientRecord, 'id'> & { id: string }>; recipientCount: number };

export function createDashboardRepository(prisma: PrismaClient): DashboardRepository & { databaseNow(): Promise<Date> } {
  return {
    /** The database's clock, which wrote created_at: expiry is judged by the same clock. */
    async databaseNow() {
      const [row] = await prisma.$queryRaw<Array<{ now: Date }>>`SELECT now() AS now`;
      return row?.now ?? new Date();
    },

    async counts(query) {
      const rows = await prisma.$queryRaw<CountRow[]>(countsSql(query));
      const counts = emptyCounts();
      for (const { counter, when, n } of rows) {
        const waiting = counter === 'awaiting_acceptance' || counter === 'awaiting_approval';
        if (when === 2) {
          counts[counter] -= n;
          counts.expired += n;
        } else if (waiting && when === -1) counts.expired += n;
        else counts[counter] += n;
      }
      return withSent(counts);
    },

    async page(query: DashboardQuery): Promise<DashboardInvite[]> {
      const rows = await prisma.$queryRaw<PageRow[]>(pageSql(query));
      // Newest first, whichever way the page was read.
      if (query.cursor?.direction === 'newer') rows.reverse();
      return rows.map(({ recipients, recipientCount, ...invite }) => ({
        ...invite,
        recipients: recipients.map((r) => ({ ...r, id: BigInt(r.id) })),
        _count: { recipients: recipientCount },
      }));
    },
  };
}
