// Every hot query is served by an index, and every index on invites serves one of them: EXPLAIN on
// a seeded table (a few thousand rows, with sequential scans discouraged so that the plan shows
// which index the planner can use at scale). The dashboard's SQL is the repository's own
// (pageSql, countsSql); the others mirror src/db/{invite,batch,lifecycle}-repository.ts.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { countsSql, pageSql } from '../../src/db/dashboard-repository.js';
import { UNFINISHED_INVITES_SQL } from '../../src/db/unfinished-invites.js';
import { FILTERS } from '../../src/invites/dashboard/status.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { seedInvites } from '../helpers/seed.js';

interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] }

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe('the hot queries’ plans', () => {
  let db: TestDatabase;
  let client: pg.Client;
  const used = new Set<string>();
  const now = new Date();
  const cursor = { createdAt: new Date(now.getTime() - 1_500_000), id: randomUUID() };

  async function plan(sql: string, values: unknown[] = []): Promise<PlanNode[]> {
    const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${sql}`, values);
    const all = nodes(rows[0]!['QUERY PLAN'][0]!.Plan);
    for (const n of all) if (n['Index Name']) used.add(n['Index Name']);
    return all;
  }

  async function assertIndexed(label: string, sql: string, values: unknown[], index?: string | string[]): Promise<void> {
    const all = await plan(sql, values);
    const seq = all.filter((n) => n['Node Type'] === 'Seq Scan' && (n['Relation Name'] === 'invites' || n['Relation Name'] === 'invite_counts'));
    assert.deepEqual(seq, [], `${label}: no sequential scan of a large table`);
    const indexes = all.map((n) => n['Index Name']).filter(Boolean);
    assert.ok(indexes.length > 0, `${label}: an index is used`);
    const wanted = index === undefined ? [] : [index].flat();
    if (wanted.length) assert.ok(wanted.some((i) => indexes.includes(i)), `${label}: uses ${wanted.join(' or ')} (plan used ${indexes.join(', ')})`);
  }

  before(async () => {
    db = await createTestDatabase();
    // Several people in a workspace, and several workspaces (the seed's keys are renamed apart).
    for (const [team, user, count] of [['T1', 'U2', 3000], ['T1', 'U1', 3000], ['T1', 'U3', 1000], ['T2', 'U4', 1000]] as const) {
      await db.query(`UPDATE invites SET idempotency_key = idempotency_key || '-' || requester_user_id, slack_invite_id = slack_invite_id || '-' || requester_user_id`);
      await seedInvites((sql, params) => db.query(sql, params), team, user, count);
    }
    await db.query(`UPDATE invites SET status = 'SENDING' WHERE ctid IN (SELECT ctid FROM invites LIMIT 20)`);
    await db.query('ANALYZE invites; ANALYZE invite_counts');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('SET enable_seqscan = off');
  });
  after(async () => {
    await client.end();
    await db.drop();
  });

  it('App Home: each page by person and by workspace, every filter, both directions', async () => {
    for (const filter of FILTERS) {
      for (const requesterUserId of ['U1', undefined]) {
        for (const c of [undefined, { ...cursor, direction: 'older' as const }, { ...cursor, direction: 'newer' as const }]) {
          const q = pageSql({ teamId: 'T1', requesterUserId, filter, cursor: c, limit: 16, now });
          // Per status, an index range from the cursor (a status that has no rows here may be looked up in the workspace's).
          const expected = requesterUserId && filter === 'all' ? ['invites_team_id_requester_user_id_status_created_at_id_idx'] : ['invites_team_id_requester_user_id_status_created_at_id_idx', 'invites_team_id_status_created_at_id_idx'];
          await assertIndexed(`page ${filter} ${requesterUserId ?? 'workspace'} ${c?.direction ?? 'newest'}`, q.text, q.values, expected);
        }
      }
    }
  });

  it('App Home: the counters, by person and by workspace', async () => {
    for (const requesterUserId of ['U1', undefined]) {
      const q = countsSql({ teamId: 'T1', requesterUserId, now });
      await assertIndexed(`counts ${requesterUserId ?? 'workspace'}`, q.text, q.values, 'invite_counts_pkey');
      await assertIndexed(`counts ${requesterUserId ?? 'workspace'} (today's expiries)`, q.text, q.values, 'invites_waiting_team_id_expiry_idx');
    }
  });

  it('recovery, the unfinished gauge, reminders, the expiry sweep, batches and lifecycle events', async () => {
    await assertIndexed(
      'recovery: claimAbandoned',
      `UPDATE invites SET lease_owner = 'me', lease_version = lease_version + 1 WHERE id IN (
         SELECT id FROM invites WHERE status IN ('RECORDED', 'SENDING') AND (lease_expires_at IS NULL OR lease_expires_at < now()) AND batch_id IS NULL
         ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED)`,
      [],
      'invites_unfinished_created_at_idx',
    );
    await assertIndexed('the unfinished gauge', UNFINISHED_INVITES_SQL, [], 'invites_unfinished_created_at_idx');
    await assertIndexed(
      'reminders: claimDueReminders',
      `UPDATE invites SET reminder_sent_at = $1::timestamptz WHERE id IN (
         SELECT id FROM invites WHERE kind = 'SLACK_CONNECT' AND status = 'AWAITING_ACCEPTANCE' AND reminder_sent_at IS NULL
           AND invite_expires_at(date_invalid, created_at) > $1::timestamptz AND invite_expires_at(date_invalid, created_at) <= $1::timestamptz + $2::int * interval '1 millisecond'
         ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED)`,
      [now, 172_800_000],
      'invites_unreminded_expiry_idx',
    );
    await assertIndexed(
      'the expiry sweep: claimNewlyExpired',
      `UPDATE invites SET expired_at = $1::timestamptz WHERE id IN (
         SELECT id FROM invites WHERE kind = 'SLACK_CONNECT' AND status IN ('AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL') AND expired_at IS NULL
           AND invite_expires_at(date_invalid, created_at) <= $1::timestamptz
         ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED)`,
      [now],
      'invites_unnoticed_expiry_idx',
    );
    await assertIndexed(
      'batches: nextMember',
      `SELECT id FROM invites WHERE batch_id = $1::uuid AND status IN ('RECORDED', 'SENDING') AND (lease_expires_at IS NULL OR lease_expires_at < now())
       ORDER BY batch_position LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [randomUUID()],
      'invites_batch_id_batch_position_key',
    );
    await assertIndexed('lifecycle: by slack_invite_id', `SELECT 1 FROM invites WHERE slack_invite_id = $1 AND team_id = ANY($2) FOR UPDATE`, ['I0BULK1', ['T1', 'E1']], 'invites_team_id_slack_invite_id_key');
  });

  it('has no index on invites that none of them uses (but the ones that enforce uniqueness)', async () => {
    const indexes = await db.query<{ indexname: string; indexdef: string }>(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'invites'`);
    const unused = indexes.filter((i) => !i.indexdef.startsWith('CREATE UNIQUE') && !used.has(i.indexname)).map((i) => i.indexname);
    assert.ok(used.size >= 6, `the plans above ran first (${[...used].join(', ')})`);
    assert.deepEqual(unused, []);
  });
});
