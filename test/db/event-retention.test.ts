import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { createPrismaClient } from '../../src/db/database.js';
import { createEventPruner } from '../../src/db/event-retention.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { startTestApp } from '../helpers/app-harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { until } from '../helpers/until.js';

describe('event retention', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const logs: Array<{ msg: string; deleted?: number; batches?: number; level: number }> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });

  before(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url, 2);
  });
  after(async () => {
    await prisma.$disconnect();
    await db.drop();
  });
  beforeEach(async () => {
    await db.query('DELETE FROM processed_events');
    logs.length = 0;
  });

  /** `count` events received `ageMinutes` ago by the database's clock, named `${prefix}-N`. */
  async function insertEvents(prefix: string, count: number, ageMinutes: number): Promise<void> {
    await db.query(
      `INSERT INTO processed_events (event_id, team_id, type, received_at)
       SELECT $1 || '-' || n, 'T1', 'shared_channel_invite_accepted', now() - make_interval(mins => $2)
       FROM generate_series(1, $3) AS n`,
      [prefix, ageMinutes, count],
    );
  }

  async function remaining(): Promise<string[]> {
    return (await db.query<{ event_id: string }>('SELECT event_id FROM processed_events ORDER BY event_id')).map((r) => r.event_id);
  }

  it('deletes the events older than the window and keeps the newer ones', async () => {
    await insertEvents('fresh', 1, 1);
    await insertEvents('within', 1, 2 * 60 - 1);
    await insertEvents('past', 1, 2 * 60 + 1);
    await insertEvents('ancient', 1, 30 * 24 * 60);
    const pruner = createEventPruner(prisma, { retentionHours: 2, logger });
    assert.equal(await pruner.prune(), 2);
    assert.deepEqual(await remaining(), ['fresh-1', 'within-1']);
    const info = logs.find((l) => l.msg.startsWith('pruned processed events'));
    assert.equal(info?.level, 30, 'logged at info');
    assert.equal(info?.deleted, 2);
  });

  it('deletes a backlog larger than one batch, one bounded batch at a time', async () => {
    await insertEvents('old', 23, 3 * 60);
    await insertEvents('new', 3, 10);
    const pruner = createEventPruner(prisma, { retentionHours: 2, logger, batchSize: 5 });
    assert.equal(await pruner.prune(), 23);
    assert.deepEqual(await remaining(), ['new-1', 'new-2', 'new-3']);
    assert.equal(logs.find((l) => l.deleted !== undefined)?.batches, 5, '5 + 5 + 5 + 5 + 3');
  });

  it('stops after the last full batch when the backlog is an exact multiple of the batch', async () => {
    await insertEvents('old', 10, 3 * 60);
    const pruner = createEventPruner(prisma, { retentionHours: 2, logger, batchSize: 5 });
    assert.equal(await pruner.prune(), 10);
    assert.deepEqual(await remaining(), []);
  });

  it('stops between batches once shutdown aborts it', async () => {
    await insertEvents('old', 12, 3 * 60);
    const pruner = createEventPruner(prisma, { retentionHours: 2, logger, batchSize: 5 });
    assert.equal(await pruner.prune(AbortSignal.abort()), 5, 'the batch under way finishes, no more start');
    assert.equal((await remaining()).length, 7);
  });

  it('logs at debug, not info, when there is nothing to prune', async () => {
    await insertEvents('fresh', 2, 5);
    const pruner = createEventPruner(prisma, { retentionHours: 2, logger });
    assert.equal(await pruner.prune(), 0);
    assert.equal((await remaining()).length, 2);
    assert.ok(logs.every((l) => l.level < 30));
  });

  it('finds old events through an index on received_at, so pruning stays cheap on a large table', async () => {
    const indexes = await db.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE tablename = 'processed_events'");
    assert.ok(indexes.some((i) => i.indexdef.endsWith('(received_at)')), JSON.stringify(indexes));
  });
});

describe('event retention in the running app', () => {
  it('prunes at start-up with the configured window', async () => {
    const fake = await FakeSlack.start();
    fake.seedDefaultWorld();
    const db = await createTestDatabase();
    try {
      await db.query(
        `INSERT INTO processed_events (event_id, team_id, type, received_at) VALUES
         ('Ev-old', 'T1', 'shared_channel_invite_accepted', now() - interval '3 hours'),
         ('Ev-new', 'T1', 'shared_channel_invite_accepted', now() - interval '1 hour')`,
      );
      const app = await startTestApp({ fake, databaseUrl: db.url, env: { EVENT_RETENTION_HOURS: '2' } });
      try {
        const line = await until('the start-up prune', () => app.logs.find((l) => l.module === 'event-retention' && l.deleted !== undefined));
        assert.equal(line.deleted, 1);
        assert.deepEqual(await db.query('SELECT event_id FROM processed_events'), [{ event_id: 'Ev-new' }]);
      } finally {
        await app.stop();
      }
    } finally {
      await fake.stop();
      await db.drop();
    }
  });
});
