// The dashboard's queries: counts by counter (one query) and one page of invitations, per person
// or for the whole workspace, always scoped to one team. Each status maps to its counter here as
// displayStatus and counterOf do in status.ts (expiry included), and each filter lists exactly
// the invitations its counter counts.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { DashboardInvite, DashboardQuery, DashboardRepository } from '../invites/dashboard/service.js';
import { emptyCounts, INVITE_LIFETIME_DAYS, withSent, type Counter, type StatusFilter } from '../invites/dashboard/status.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Recipients shown per private-channel invite on the dashboard; the rest are counted. */
const RECIPIENTS_SHOWN = 10;

type Where = Prisma.InviteWhereInput;

function notExpired(now: Date): Where {
  const lifetimeStart = new Date(now.getTime() - INVITE_LIFETIME_DAYS * DAY_MS);
  return { OR: [{ dateInvalid: { gt: now } }, { dateInvalid: null, createdAt: { gt: lifetimeStart } }] };
}

function expired(now: Date): Where {
  const lifetimeStart = new Date(now.getTime() - INVITE_LIFETIME_DAYS * DAY_MS);
  return { OR: [{ dateInvalid: { lte: now } }, { dateInvalid: null, createdAt: { lte: lifetimeStart } }] };
}

export function filterWhere(filter: StatusFilter, now: Date): Where {
  switch (filter) {
    case 'all':
      return {};
    case 'sent':
      return { status: { in: ['AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL', 'ACCEPTED', 'DECLINED'] } };
    case 'awaiting_acceptance':
      return { status: 'AWAITING_ACCEPTANCE', ...notExpired(now) };
    case 'awaiting_approval':
      return { status: 'AWAITING_APPROVAL', ...notExpired(now) };
    case 'expired':
      return { status: { in: ['AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL'] }, ...expired(now) };
    case 'accepted':
      return { status: 'ACCEPTED' };
    case 'declined':
      return { status: 'DECLINED' };
    case 'added':
      return { status: 'COMPLETED' };
    case 'failed':
      return { status: { in: ['FAILED', 'PARTIALLY_COMPLETED'] } };
    case 'sending':
      return { status: { in: ['RECORDED', 'SENDING'] } };
  }
}

export function createDashboardRepository(prisma: PrismaClient): DashboardRepository & { databaseNow(): Promise<Date> } {
  return {
    /** The database's clock, which wrote created_at: expiry is judged by the same clock. */
    async databaseNow() {
      const [row] = await prisma.$queryRaw<Array<{ now: Date }>>`SELECT now() AS now`;
      return row?.now ?? new Date();
    },

    async counts({ teamId, requesterUserId, now }) {
      const person = requesterUserId === undefined ? Prisma.empty : Prisma.sql`AND requester_user_id = ${requesterUserId}`;
      // `sent` is not a status of its own: it adds up the counters of invitations Slack accepted.
      const rows = await prisma.$queryRaw<Array<{ counter: Exclude<Counter, 'sent'>; n: number }>>`
        SELECT CASE
            WHEN status IN ('AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL')
                 AND COALESCE(date_invalid, created_at + make_interval(days => ${INVITE_LIFETIME_DAYS}::int)) <= ${now} THEN 'expired'
            WHEN status = 'AWAITING_ACCEPTANCE' THEN 'awaiting_acceptance'
            WHEN status = 'AWAITING_APPROVAL' THEN 'awaiting_approval'
            WHEN status = 'ACCEPTED' THEN 'accepted'
            WHEN status = 'DECLINED' THEN 'declined'
            WHEN status = 'COMPLETED' THEN 'added'
            WHEN status IN ('FAILED', 'PARTIALLY_COMPLETED') THEN 'failed'
            ELSE 'sending'
          END AS counter,
          count(*)::int AS n
        FROM invites
        WHERE team_id = ${teamId} ${person}
        GROUP BY 1`;
      const counts = emptyCounts();
      for (const { counter, n } of rows) counts[counter] += n;
      return withSent(counts);
    },

    async page({ teamId, requesterUserId, filter, offset, limit, now }: DashboardQuery): Promise<DashboardInvite[]> {
      return prisma.invite.findMany({
        where: { teamId, ...(requesterUserId === undefined ? {} : { requesterUserId }), ...filterWhere(filter, now) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: offset,
        take: limit,
        include: { recipients: { orderBy: { id: 'asc' }, take: RECIPIENTS_SHOWN }, _count: { select: { recipients: true } } },
      });
    },
  };
}
