// App Home's counters come from invite_counts (kept by triggers), not from a scan of everyone's
// history: here they are compared with the definition (displayStatus and counterOf over every
// row) on random data, after inserts, updates, moves, deletes and a truncate, at instants on and
// around expiries and UTC day boundaries (where the reader splits today's bucket), just after a
// DST change, with the database's TimeZone and the process's TZ set far from UTC. Each filter's
// page lists exactly what its counter counts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPrismaClient } from '../../src/db/database.js';
import { createDashboardRepository } from '../../src/db/dashboard-repository.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { counterOf, displayStatus, emptyCounts, FILTERS, SENT_COUNTERS, withSent, type Counts, type StatusFilter } from '../../src/invites/dashboard/status.js';
import type { InviteRecord } from '../../src/invites/ports.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { useProcessTimeZone } from '../helpers/time-zones.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LIFETIME = 14 * DAY;
const STATUSES = ['RECORDED', 'SENDING', 'AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'PARTIALLY_COMPLETED', 'FAILED'] as const;
const TEAMS = ['T1', 'T2'];
const USERS = ['U1', 'U2', 'U3'];
/** Just after the US leaves daylight saving time (1 November 2026), a UTC midnight, and the last millisecond before the next. */
const INSTANTS = [new Date('2026-11-05T10:00:00.000Z'), new Date('2026-11-06T00:00:00.000Z'), new Date('2026-11-06T23:59:59.999Z')];

/** A small seeded generator, so that a failure can be replayed from the seed in its message. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

type Row = Pick<InviteRecord, 'id' | 'status' | 'teamId' | 'requesterUserId' | 'createdAt' | 'dateInvalid'>;

describe('App Home counters from invite_counts', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let restoreTz: () => void;
  const seed = Math.floor(Math.random() * 2 ** 31);
  const { next, pick } = random(seed);

  /** An expiry on, or a millisecond or some hours either side of, an instant the counters are read at (or a day boundary). */
  const nearInstant = (): Date => {
    const at = pick(INSTANTS).getTime();
    const offset = pick([0, 1, -1, HOUR, -HOUR, DAY, -DAY, Math.round((next() - 0.5) * 6 * DAY), -400 * DAY]);
    return new Date(at + offset);
  };
  const fields = () => {
    const invalid = next() < 0.4 ? nearInstant() : null;
    return {
      status: pick(STATUSES),
      teamId: pick(TEAMS),
      requesterUserId: pick(USERS),
      createdAt: new Date(nearInstant().getTime() - LIFETIME),
      dateInvalid: invalid,
    };
  };

  async function insert(count: number): Promise<void> {
    const rows = Array.from({ length: count }, fields);
    await db.query(
      `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, method, idempotency_key, created_at, date_invalid, updated_at)
       SELECT gen_random_uuid(), 'SLACK_CONNECT', s::"InviteStatus", t, u, 'C1', 'conversations.inviteShared', gen_random_uuid()::text, c, d, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[]) AS x(s, t, u, c, d)`,
      [rows.map((r) => r.status), rows.map((r) => r.teamId), rows.map((r) => r.requesterUserId), rows.map((r) => r.createdAt), rows.map((r) => r.dateInvalid)],
    );
  }

  async function all(): Promise<Row[]> {
    return prisma.invite.findMany({ select: { id: true, status: true, teamId: true, requesterUserId: true, createdAt: true, dateInvalid: true } });
  }

  function truth(rows: Row[], now: Date): Counts {
    const counts = emptyCounts();
    for (const row of rows) counts[counterOf(displayStatus(row, now))]++;
    return withSent(counts);
  }

  const inFilter = (row: Row, filter: StatusFilter, now: Date): boolean => {
    const counter = counterOf(displayStatus(row, now));
    return filter === 'all' || counter === filter || (filter === 'sent' && (SENT_COUNTERS as readonly string[]).includes(counter));
  };

  async function assertExact(label: string, { pages = false } = {}): Promise<void> {
    const repo = createDashboardRepository(prisma);
    const rows = await all();
    for (const now of INSTANTS.flatMap((at) => [at, new Date(at.getTime() - 1), new Date(at.getTime() + 1)])) {
      for (const teamId of TEAMS) {
        for (const requesterUserId of [undefined, ...USERS]) {
          const mine = rows.filter((r) => r.teamId === teamId && (requesterUserId === undefined || r.requesterUserId === requesterUserId));
          const where = `${label}, ${teamId}/${requesterUserId ?? 'workspace'} at ${now.toISOString()} (seed ${seed})`;
          assert.deepEqual(await repo.counts({ teamId, requesterUserId, now }), truth(mine, now), where);
          if (!pages) continue;
          for (const filter of FILTERS) {
            const listed = await repo.page({ teamId, requesterUserId, filter, limit: 10_000, now });
            assert.deepEqual(listed.map((r) => r.id).sort(), mine.filter((r) => inFilter(r, filter, now)).map((r) => r.id).sort(), `${where}, filter ${filter}`);
          }
        }
      }
    }
  }

  before(async () => {
    restoreTz = useProcessTimeZone('Asia/Tokyo');
    db = await createTestDatabase({ timeZone: process.env.TEST_DATABASE_TIME_ZONE ?? 'America/Los_Angeles' });
    prisma = createPrismaClient(db.url, 2);
  });
  after(async () => {
    await prisma.$disconnect();
    await db.drop();
    restoreTz();
  });

  it('are exact after inserts, one by one and in bulk, and so are the filters', async () => {
    for (let i = 0; i < 20; i++) await insert(1);
    await insert(300);
    assert.ok((await all()).length === 320);
    await assertExact('after inserts', { pages: true });
  });

  it('stay exact through status changes, new expiries, moves, multi-row updates and deletes', async () => {
    const ids = (await all()).map((r) => r.id);
    for (let i = 0; i < 120; i++) {
      const id = pick(ids);
      const change = fields();
      const which = pick(['status', 'dateInvalid', 'createdAt', 'move', 'lease'] as const);
      if (which === 'status') await prisma.invite.update({ where: { id }, data: { status: change.status } });
      else if (which === 'dateInvalid') await prisma.invite.update({ where: { id }, data: { dateInvalid: change.dateInvalid } });
      else if (which === 'createdAt') await prisma.invite.update({ where: { id }, data: { createdAt: change.createdAt } });
      else if (which === 'move') await prisma.invite.update({ where: { id }, data: { teamId: change.teamId, requesterUserId: change.requesterUserId } });
      else await db.query(`UPDATE invites SET lease_owner = 'x', lease_expires_at = now() WHERE id = $1`, [id]);
    }
    // One statement changing many rows, some to the counter they were already in.
    await db.query(`UPDATE invites SET status = CASE WHEN status = 'SENDING' THEN 'AWAITING_ACCEPTANCE'::"InviteStatus" ELSE 'RECORDED'::"InviteStatus" END WHERE status IN ('SENDING', 'RECORDED')`);
    await db.query(`DELETE FROM invites WHERE id = ANY($1::uuid[])`, [ids.slice(0, 40)]);
    await insert(50);
    await assertExact('after changes', { pages: true });
  });

  it('never scan anyone’s history: a row per counter and expiry day, and none after a truncate', async () => {
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM invite_counts WHERE n <> 0`)) as [{ n: number }];
    assert.ok(n > 0 && n < (await all()).length * 2, `${n} counter rows`);
    await db.query('TRUNCATE invites CASCADE');
    await assertExact('after truncate');
    const [{ left }] = (await db.query<{ left: number }>(`SELECT count(*)::int AS left FROM invite_counts`)) as [{ left: number }];
    assert.equal(left, 0);
  });
});
