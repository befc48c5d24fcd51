import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync, mkdirSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { pino } from 'pino';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, MigrationError, PRISMA_ADVISORY_LOCK_KEY, readMigrations } from '../../src/db/migrator.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const silent = pino({ level: 'silent' });

describe('migrator', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  after(() => db.drop());

  it('applies every migration to an empty database, keeping Prisma bookkeeping', async () => {
    const migrations = await readMigrations();
    assert.ok(migrations.length >= 1);
    const result = await applyMigrations(db.url, silent);
    assert.deepEqual(result.applied, migrations.map((m) => m.name));
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    assert.deepEqual(
      rows.map((r) => [r.migration_name, r.checksum, r.finished_at !== null, r.applied_steps_count]),
      migrations.map((m) => [m.name, m.checksum, true, 1]),
    );
    const tables = await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    assert.ok(tables.some((t) => t.table_name === 'invites'));
  });

  it('applies nothing the second time', async () => {
    const result = await applyMigrations(db.url, silent);
    assert.deepEqual(result.applied, []);
    assert.equal(result.alreadyApplied.length, (await readMigrations()).length);
  });
});

describe('migrator under concurrency and broken history', () => {
  it('applies each migration once when several processes start together', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => applyMigrations(db.url, silent)));
      const count = (await readMigrations()).length;
      assert.equal(results.reduce((n, r) => n + r.applied.length, 0), count, 'each migration applied by exactly one runner');
      const rows = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM _prisma_migrations');
      assert.equal(Number(rows[0]!.n), count);
    } finally {
      await db.drop();
    }
  });

  it('gives up waiting for a held migration lock within the bound, naming the holder, and migrates once it is released', async () => {
    const db = await createTestDatabase({ migrate: false });
    // As `prisma migrate deploy` (or a stuck migration, or a forgotten psql session) would hold it.
    const holder = new pg.Client({ connectionString: db.url, application_name: 'stuck-migration-test' });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
      const [{ pid }] = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
      const started = Date.now();
      await assert.rejects(applyMigrations(db.url, silent, DEFAULT_MIGRATIONS_DIR, { lockTimeoutMs: 600 }), (e: Error) => {
        assert.ok(e instanceof MigrationError, String(e));
        assert.match(e.message, /Gave up after 0\.6 s waiting for PostgreSQL advisory lock 72707369/);
        assert.match(e.message, new RegExp(`backend pid ${pid} \\(application "stuck-migration-test"`));
        assert.match(e.message, /, idle for \d+ s,/);
        assert.match(e.message, /last query: "SELECT pg_backend_pid\(\) AS pid"/);
        assert.match(e.message, new RegExp(`pg_terminate_backend\\(${pid}\\)`));
        return true;
      });
      const waited = Date.now() - started;
      assert.ok(waited >= 600 && waited < 3000, `gave up after ${waited} ms`);
      const tables = await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'invites'");
      assert.equal(tables.length, 0, 'nothing was applied without the lock');

      await holder.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
      const result = await applyMigrations(db.url, silent, DEFAULT_MIGRATIONS_DIR, { lockTimeoutMs: 600 });
      assert.equal(result.applied.length, (await readMigrations()).length);
    } finally {
      await holder.end();
      await db.drop();
    }
  });

  it('waits for a lock released within the bound', async () => {
    const db = await createTestDatabase({ migrate: false });
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
      setTimeout(() => void holder.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]), 300);
      const result = await applyMigrations(db.url, silent, DEFAULT_MIGRATIONS_DIR, { lockTimeoutMs: 5000 });
      assert.equal(result.applied.length, (await readMigrations()).length);
    } finally {
      await holder.end();
      await db.drop();
    }
  });

  it('refuses to start over an applied migration whose file has changed', async () => {
    const db = await createTestDatabase();
    const dir = copyMigrations();
    try {
      const [first] = await readMigrations(dir);
      appendFileSync(path.join(dir, first!.name, 'migration.sql'), '\n-- edited later\n');
      await assert.rejects(applyMigrations(db.url, silent, dir), (e: Error) => e instanceof MigrationError && /changed after it was applied/.test(e.message));
    } finally {
      await db.drop();
    }
  });

  it('rolls back a failing migration, records it, and refuses to go on until someone fixes it', async () => {
    const db = await createTestDatabase();
    const dir = copyMigrations();
    try {
      mkdirSync(path.join(dir, '99990101000000_broken'));
      writeFileSync(path.join(dir, '99990101000000_broken', 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n');
      await assert.rejects(applyMigrations(db.url, silent, dir), /failed and was rolled back/);
      const tables = await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
      assert.equal(tables.length, 0, 'the failed migration left nothing behind');
      await assert.rejects(applyMigrations(db.url, silent, dir), /failed earlier and was not finished/);
    } finally {
      await db.drop();
    }
  });
});

function copyMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}
