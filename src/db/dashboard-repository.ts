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
  const dayStart = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const person = requesterUserId === undefined ? Prisma.empty : Prisma.sql`AND requester_user_id = ${requesterUserId}`;
  return Prisma.sql`
    SELECT counter, expiry_day AS day, n, false AS edge
    FROM invite_counts WHERE team_id = ${teamId} AND requester_user_id = ${requesterUserId ?? ''} AND n <> 0
    UNION ALL
    SELECT invite_counter(status), 0, count(*)::int, true
    FROM invites
    WHERE team_id = ${teamId} ${person} AND ${WAITING}
      AND ${EXPIRY} >= ${dayStart}::timestamptz AND ${EXPIRY} <= ${now}::timestamptz
    GROUP BY status`;
}

/** The ids of one page: an index range from the cursor, nearest first. */
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
    SELECT id FROM invites
    WHERE team_id = ${teamId} ${person} AND ${filterSql(filter, now)} ${after}
    ORDER BY ${order}
    LIMIT ${limit}::int`;
}

type CountRow = { counter: Exclude<Counter, 'sent' | 'expired'>; day: number; n: number; edge: boolean };

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
      const today = Math.floor(query.now.getTime() / DAY_MS);
      for (const { counter, day, n, edge } of rows) {
        const waiting = counter === 'awaiting_acceptance' || counter === 'awaiting_approval';
        if (edge) {
          counts[counter] -= n;
          counts.expired += n;
        } else if (waiting && day < today) counts.expired += n;
        else counts[counter] += n;
      }
      return withSent(counts);
    },

    async page(query: DashboardQuery): Promise<DashboardInvite[]> {
      const ids = await prisma.$queryRaw<Array<{ id: string }>>(pageSql(query));
      if (ids.length === 0) return [];
      const rows = await prisma.invite.findMany({
        where: { id: { in: ids.map((r) => r.id) } },
        include: { recipients: { orderBy: { id: 'asc' }, take: RECIPIENTS_SHOWN }, _count: { select: { recipients: true } } },
      });
      // Newest first, whichever way the page was read.
      return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    },
  };
}
