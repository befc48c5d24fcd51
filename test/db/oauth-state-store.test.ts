// The OAuth state store against real PostgreSQL: a state works once, within its lifetime, and
// only the state Slack hands back; the state itself is never stored. The database runs in
// Asia/Tokyo, so an expiry that depended on a zone would show.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { InvalidStateError, type InstallURLOptions } from '@slack/oauth';
import { createPrismaClient } from '../../src/db/database.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { createDatabaseStateStore } from '../../src/slack/oauth/state-store.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const OPTIONS: InstallURLOptions = { scopes: ['commands', 'chat:write'], userScopes: [], redirectUri: 'https://app.example/slack/oauth_redirect', metadata: '{"from":"home"}' };
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('database OAuth state store', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  before(async () => {
    db = await createTestDatabase({ timeZone: 'Asia/Tokyo' });
    prisma = createPrismaClient(db.url, 4);
  });
  after(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('generates a random state, stores only its hash, and verifies it once', async () => {
    const store = createDatabaseStateStore(prisma);
    const state = await store.generateStateParam(OPTIONS, new Date());
    assert.match(state, /^[A-Za-z0-9_-]{43}$/); // 32 bytes, base64url
    assert.notEqual(await store.generateStateParam(OPTIONS, new Date()), state);
    const rows = await db.query<{ row: string; ttl: number }>(
      'SELECT t::text AS row, extract(epoch FROM expires_at - created_at)::float8 AS ttl FROM oauth_states t WHERE state_hash = $1',
      [sha256(state)],
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.ttl, 600);
    const all = (await db.query<{ row: string }>('SELECT t::text AS row FROM oauth_states t')).map((r) => r.row).join('\n');
    assert.ok(!all.includes(state), 'the state itself is not stored');

    assert.deepEqual(await store.verifyStateParam(new Date(), state), OPTIONS);
    // Replayed: refused.
    await assert.rejects(store.verifyStateParam(new Date(), state), InvalidStateError);
  });

  it('two verifications of one state at once: exactly one succeeds', async () => {
    const store = createDatabaseStateStore(prisma);
    const state = await store.generateStateParam(OPTIONS, new Date());
    const results = await Promise.allSettled([store.verifyStateParam(new Date(), state), store.verifyStateParam(new Date(), state)]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(rejected.reason instanceof InvalidStateError);
  });

  it('refuses a forged state', async () => {
    const store = createDatabaseStateStore(prisma);
    await store.generateStateParam(OPTIONS, new Date());
    for (const forged of ['', 'forged', 'A'.repeat(43), Buffer.from(JSON.stringify({ installOptions: OPTIONS, now: new Date() })).toString('base64')]) {
      await assert.rejects(store.verifyStateParam(new Date(), forged), InvalidStateError);
    }
    // Nor does its hash work as a state.
    const state = await store.generateStateParam(OPTIONS, new Date());
    await assert.rejects(store.verifyStateParam(new Date(), sha256(state)), InvalidStateError);
    assert.deepEqual(await store.verifyStateParam(new Date(), state), OPTIONS);
  });

  it('refuses an expired state, whatever `now` the caller passes', async () => {
    const store = createDatabaseStateStore(prisma, { ttlSeconds: 1 });
    const state = await store.generateStateParam(OPTIONS, new Date());
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await assert.rejects(store.verifyStateParam(new Date(0), state), InvalidStateError);
    // The refused state is gone too.
    assert.equal((await db.query('SELECT 1 FROM oauth_states WHERE state_hash = $1', [sha256(state)])).length, 0);
  });

  it('prunes expired states, a bounded batch with each new state, never live ones', async () => {
    await db.query('DELETE FROM oauth_states');
    await db.query(
      `INSERT INTO oauth_states (state_hash, install_options, expires_at)
       SELECT 'expired-' || n, '{}'::jsonb, now() - interval '1 hour' FROM generate_series(1, 150) n`,
    );
    const store = createDatabaseStateStore(prisma);
    const live = await store.generateStateParam(OPTIONS, new Date());
    const count = async (where: string) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM oauth_states WHERE ${where}`))[0]!.n);
    assert.equal(await count('expires_at < now()'), 50);
    await store.generateStateParam(OPTIONS, new Date());
    assert.equal(await count('expires_at < now()'), 0);
    assert.equal(await count('expires_at >= now()'), 2);
    assert.deepEqual(await store.verifyStateParam(new Date(), live), OPTIONS);
  });
});
