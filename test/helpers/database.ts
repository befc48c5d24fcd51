// A fresh, migrated PostgreSQL database per test file, on the server `npm test` provides
// (TEST_DATABASE_URL: the embedded one or DATABASE_URL), dropped when the file is done.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { applyMigrations } from '../../src/db/migrator.js';

export interface TestDatabase {
  url: string;
  name: string;
  query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('Run the tests with `npm test` (it provides PostgreSQL), or set DATABASE_URL.');
  return url;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabaseOptions {
  migrate?: boolean;
  /** The database's own TimeZone setting (every session's default), as a managed server set to local time has it. */
  timeZone?: string;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const admin = serverUrl();
  const name = `ci_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(admin, `CREATE DATABASE ${name}`);
  // TEST_DATABASE_TIME_ZONE runs a whole suite against databases set to local time, as many servers are.
  const timeZone = options.timeZone ?? process.env.TEST_DATABASE_TIME_ZONE;
  if (timeZone) await adminQuery(admin, `ALTER DATABASE ${name} SET TimeZone TO '${timeZone.replace(/'/g, "''")}'`);
  const url = withDatabase(admin, name);
  if (options.migrate !== false) await applyMigrations(url, pino({ level: 'silent' }));
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  let dropped: Promise<void> | undefined;
  return {
    url,
    name,
    async query(sql, params) {
      return (await pool.query(sql, params)).rows;
    },
    drop() {
      dropped ??= (async () => {
        await pool.end();
        await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      })();
      return dropped;
    },
  };
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
