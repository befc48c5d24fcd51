// The unfinished-invitations gauge's count: right, and served by an index (an index-only scan
// of the unfinished rows' entries), not a scan of the whole invites table.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type Database } from '../../src/db/database.js';
import { UNFINISHED_INVITES_SQL, unfinishedInvitesCount } from '../../src/db/unfinished-invites.js';
import { pino } from 'pino';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

describe('the unfinished-invitations count', () => {
  let db: TestDatabase;
  let database: Database;
  before(async () => {
    db = await createTestDatabase();
    database = await openDatabase({ url: db.url, embeddedDataDir: '', logger: pino({ level: 'silent' }), poolSize: 2 });
    // Many finished invitations of many workspaces, a few unfinished ones.
    await db.query(
      `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, method, invitee_email, external_limited, idempotency_key, updated_at, attempts)
       SELECT gen_random_uuid(), 'SLACK_CONNECT', (CASE WHEN i % 2000 = 0 THEN 'SENDING' WHEN i % 2000 = 1 THEN 'RECORDED' WHEN i % 3 = 0 THEN 'FAILED' ELSE 'AWAITING_ACCEPTANCE' END)::"InviteStatus",
              'T' || (i % 100), 'U' || (i % 1000), 'C' || (i % 500), 'conversations.inviteShared', 'p' || i || '@partner.example', true, 'k' || i, now(), 1
       FROM generate_series(1, 20000) AS i`,
    );
    await db.query('ANALYZE invites');
  });
  after(async () => {
    await database?.close();
    await db?.drop();
  });

  it('counts the recorded and sending invitations, and nothing else', async () => {
    const [{ n }] = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM invites WHERE status IN ('RECORDED', 'SENDING')")) as [{ n: number }];
    assert.equal(n, 20);
    assert.equal(await unfinishedInvitesCount(database.prisma)(), n);
  });

  it('is served by an index on status, never a scan of the table', async () => {
    const plan = JSON.stringify(await db.query(`EXPLAIN (FORMAT JSON) ${UNFINISHED_INVITES_SQL}`));
    assert.doesNotMatch(plan, /Seq Scan/, plan);
    // The partial index of the unfinished invitations (only they are in it).
    assert.match(plan, /"Node Type":"(Index Only Scan|Index Scan|Bitmap Index Scan)"/, plan);
    assert.match(plan, /"Index Name":"invites_unfinished_[a-z_]*idx"/, plan);
  });
});
