// Applies prisma/migrations/*/migration.sql at start-up, because `prisma migrate deploy` needs a
// schema-engine binary that cannot be downloaded everywhere (offline and locked-down networks).
// It keeps Prisma's own bookkeeping table and advisory lock, so this and `prisma migrate deploy`
// are interchangeable on the same database, and replicas starting together apply each migration once.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger.js';

/** The key Prisma's schema engine locks with, so the two never migrate at the same time. */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;
/** As long as Prisma's schema engine waits for that lock before giving up. */
const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

/** This project's prisma/migrations, found from src/db or from its compiled copy in dist/src/db. */
export const DEFAULT_MIGRATIONS_DIR = findUp(import.meta.dirname, path.join('prisma', 'migrations'));

function findUp(from: string, relative: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, relative))) return path.join(dir, relative);
    if (path.dirname(dir) === dir) throw new Error(`no ${relative} above ${from}`);
  }
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

export interface MigrateOptions {
  /** How long to wait for another migration's lock before giving up (default 10 s, as Prisma). */
  lockTimeoutMs?: number;
}

export async function applyMigrations(
  databaseUrl: string,
  logger: Logger,
  dir = DEFAULT_MIGRATIONS_DIR,
  { lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS }: MigrateOptions = {},
): Promise<MigrationResult> {
  const log = logger.child({ module: 'migrator' });
  const migrations = await readMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await acquireLock(client, lockTimeoutMs, log);
    try {
      await client.query(BOOKKEEPING_TABLE);
      const { rows } = await client.query<AppliedRow>(
        'SELECT migration_name, checksum, finished_at, logs FROM _prisma_migrations WHERE rolled_back_at IS NULL',
      );
      const applied = new Map(rows.map((r) => [r.migration_name, r]));
      refuseOnBrokenHistory(migrations, applied);

      const result: MigrationResult = { applied: [], alreadyApplied: [] };
      for (const migration of migrations) {
        if (applied.has(migration.name)) {
          result.alreadyApplied.push(migration.name);
          continue;
        }
        await applyOne(client, migration);
        result.applied.push(migration.name);
        log.info({ migration: migration.name }, 'migration applied');
      }
      if (result.applied.length === 0) log.debug({ count: result.alreadyApplied.length }, 'database schema up to date');
      return result;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

// A bounded wait, unlike pg_advisory_lock: a migration stuck elsewhere (or a forgotten psql
// session holding the lock) stops the start-up with a message naming it, instead of a silent hang.
async function acquireLock(client: pg.Client, timeoutMs: number, log: Logger): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [PRISMA_ADVISORY_LOCK_KEY]);
    if (rows[0]!.locked) return;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new MigrationError(await describeLockHolder(client, timeoutMs));
    if (attempt === 0) log.info({ lockKey: PRISMA_ADVISORY_LOCK_KEY, timeoutMs }, 'another migration is running on this database; waiting for its lock');
    await new Promise((resolve) => setTimeout(resolve, Math.min(100 + 50 * attempt, 500, remaining)));
  }
}

interface LockHolder {
  pid: number;
  application_name: string | null;
  client_addr: string | null;
  usename: string | null;
  state: string | null;
  state_seconds: number | null;
  backend_start: Date | null;
  query: string | null;
}

async function describeLockHolder(client: pg.Client, timeoutMs: number): Promise<string> {
  // A bigint advisory key shows in pg_locks as classid (high 32 bits), objid (low) and objsubid 1;
  // advisory locks belong to one database. Other roles' sessions may hide their details (NULL).
  const { rows } = await client.query<LockHolder>(
    `SELECT l.pid, a.application_name, host(a.client_addr) AS client_addr, a.usename, a.state,
            extract(epoch FROM now() - a.state_change)::float8 AS state_seconds, a.backend_start, a.query
     FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 AND l.objsubid = 1
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [PRISMA_ADVISORY_LOCK_KEY],
  );
  const waited = `Gave up after ${timeoutMs / 1000} s waiting for PostgreSQL advisory lock ${PRISMA_ADVISORY_LOCK_KEY}, which migrations (this app's and \`prisma migrate\`) hold while they run.`;
  const holder = rows[0];
  if (!holder) return `${waited} It was released just now: start again.`;
  const details = [
    holder.application_name ? `application "${holder.application_name}"` : 'no application name',
    holder.usename && `user ${holder.usename}`,
    holder.client_addr ? `client ${holder.client_addr}` : 'a local socket or a hidden client',
    holder.backend_start && `connected since ${holder.backend_start.toISOString()}`,
    holder.state && `${holder.state}${holder.state_seconds === null ? '' : ` for ${Math.round(holder.state_seconds)} s`}`,
    holder.query && `${holder.state === 'active' ? 'running' : 'last query'}: ${JSON.stringify(holder.query.length > 200 ? `${holder.query.slice(0, 200)}…` : holder.query)}`,
  ].filter(Boolean);
  return (
    `${waited} It is held by PostgreSQL backend pid ${holder.pid} (${details.join(', ')}). ` +
    'If that is another migration, wait for it to finish and start again. If it is stuck or left over ' +
    `(a session "idle" or "idle in transaction" for long), end it with SELECT pg_terminate_backend(${holder.pid}); and start again.`
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  logs: string | null;
}

function refuseOnBrokenHistory(migrations: Migration[], applied: Map<string, AppliedRow>): void {
  for (const row of applied.values()) {
    if (row.finished_at === null) {
      throw new MigrationError(
        `Migration ${row.migration_name} failed earlier and was not finished; nothing more is applied over it. ` +
          `Fix the database by hand, then mark it rolled back (UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '${row.migration_name}') ` +
          `or resolved. The error was: ${row.logs ?? 'unknown'}`,
      );
    }
  }
  for (const migration of migrations) {
    const row = applied.get(migration.name);
    if (row && row.checksum !== migration.checksum) {
      throw new MigrationError(
        `Migration ${migration.name} was changed after it was applied to this database (checksum differs). ` +
          'Applied migrations must never be edited: restore the original file and add a new migration for the change.',
      );
    }
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(
      'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query('UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    // Recorded outside the rolled-back transaction, as Prisma does, so the next start stops here.
    await client.query(
      'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, logs, applied_steps_count) VALUES ($1, $2, $3, now(), $4, 0)',
      [id, migration.checksum, migration.name, String(error)],
    );
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${String(error)}`);
  }
}

const BOOKKEEPING_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;
