// The dashboard's queries, per person or for the whole workspace, always scoped to one team:
// - counts: read from invite_counts (kept by triggers, see the migration
//   20261204070000_invite_counts_and_hot_indexes), never by scanning anyone's history. Waiting
//   invitations are kept there by the UTC day they expire on: a day before today's is expired,
//   a later one still waiting, and today's is split by a small index range over the invitations
//   that expire today, so the counters are exact at any instant (the expiry sweep's expired_at
//   is a notice, not the truth, and is not read here).
// - page: keyset paging on (created_at DESC, id DESC) from a cursor, an index range per status
//   however far back and however few rows the filter matches; rows that arrive meanwhile are newer than every cursor and so shift nothing.
// Each filter lists exactly the invitations its counter counts (displayStatus and counterOf in status.ts),
// status by status, so that each is one index range (see pageSql).
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

type Status = InviteRecord['status'];
const ALL_STATUSES: readonly Status[] = ['RECORDED', 'SENDING', 'AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'PARTIALLY_COMPLETED', 'FAILED'];

/**
 * What a filter shows: the statuses, each with its expiry condition if any (a constant but for
 * the clock, never text from a payload). Exactly what counterOf(displayStatus) says, per status.
 */
export function filterParts(filter: StatusFilter, now: Date): Array<{ status: Status; expiry?: Prisma.Sql }> {
  const live = Prisma.sql`AND ${EXPIRY} > ${now}::timestamptz`;
  const gone = Prisma.sql`AND ${EXPIRY} <= ${now}::timestamptz`;
  switch (filter) {
    case 'all':
      return ALL_STATUSES.map((status) => ({ status }));
    case 'sent':
      return [{ status: 'AWAITING_ACCEPTANCE' }, { status: 'AWAITING_APPROVAL' }, { status: 'ACCEPTED' }, { status: 'DECLINED' }];
    case 'awaiting_acceptance':
      return [{ status: 'AWAITING_ACCEPTANCE', expiry: live }];
    case 'awaiting_approval':
      return [{ status: 'AWAITING_APPROVAL', expiry: live }];
    case 'expired':
      return [{ status: 'AWAITING_ACCEPTANCE', expiry: gone }, { status: 'AWAITING_APPROVAL', expiry: gone }];
    case 'accepted':
      return [{ status: 'ACCEPTED' }];
    case 'declined':
      return [{ status: 'DECLINED' }];
    case 'added':
      return [{ status: 'COMPLETED' }];
    case 'failed':
      return [{ status: 'FAILED' }, { status: 'PARTIALLY_COMPLETED' }];
    case 'sending':
      return [{ status: 'RECORDED' }, { status: 'SENDING' }];
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

/**
 * One page, nearest the cursor first, with each invitation's first recipients and their number:
 * per status the filter shows, one index range from the cursor (LIMIT each), merged in order;
 * then those rows' columns by primary key.
 */
export function pageSql({ teamId, requesterUserId, filter, cursor, limit, now }: DashboardQuery): Prisma.Sql {
  const person = requesterUserId === undefined ? Prisma.empty : Prisma.sql`AND requester_user_id = ${requesterUserId}`;
  const newer = cursor?.direction === 'newer';
  const after = cursor
    ? newer
      ? Prisma.sql`AND (created_at, id) > (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`
      : Prisma.sql`AND (created_at, id) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`
    : Prisma.empty;
  const order = newer ? Prisma.sql`created_at ASC, id ASC` : Prisma.sql`created_at DESC, id DESC`;
  const ranges = filterParts(filter, now).map(
    ({ status, expiry }) => Prisma.sql`(SELECT id, created_at FROM invites
      WHERE team_id = ${teamId} ${person} AND status = ${Prisma.raw(`'${status}'`)} ${expiry ?? Prisma.empty} ${after}
      ORDER BY ${order} LIMIT ${limit}::int)`,
  );
  return Prisma.sql`
    WITH page AS (
      SELECT id FROM (${Prisma.join(ranges, ' UNION ALL ')}) ranges ORDER BY ${order} LIMIT ${limit}::int)
    SELECT ${INVITE_COLUMNS},
      (SELECT COALESCE(json_agg(json_build_object('id', r.id::text, 'inviteId', r.invite_id, 'userId', r.user_id, 'outcome', r.outcome, 'errorCode', r.error_code) ORDER BY r.id), '[]')
       FROM (SELECT * FROM invite_recipients WHERE invite_id = invites.id ORDER BY id LIMIT ${RECIPIENTS_SHOWN}::int) r) AS recipients,
      (SELECT count(*)::int FROM invite_recipients WHERE invite_id = invites.id) AS "recipientCount"
    FROM invites
    WHERE id IN (SELECT id FROM page)
    ORDER BY ${order}`;
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
