// The zones the reliability tests run in: the database's own TimeZone setting (every session's
// default, as a managed server set to local time has it) and the app's TZ, east and west of UTC
// and on opposite sides, so that no result can depend on either.
import assert from 'node:assert/strict';
import type { TestDatabase } from './database.js';

export interface ZoneCase {
  /** The database's TimeZone setting. */
  database: string;
  /** The app process's TZ. */
  app: string;
}

export const ZONE_CASES: readonly ZoneCase[] = [
  { database: 'UTC', app: 'UTC' },
  { database: 'Asia/Tokyo', app: 'America/Los_Angeles' },
  { database: 'America/Los_Angeles', app: 'Asia/Tokyo' },
];

export const zoneLabel = (z: ZoneCase) => `database in ${z.database}, app in ${z.app}`;

/** Runs this process in `zone` (Node applies a new TZ at once) until the returned function is called. */
export function useProcessTimeZone(zone: string): () => void {
  const before = process.env.TZ;
  process.env.TZ = zone;
  return () => {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  };
}

/**
 * Asserts that each named timestamp column of the invite is within `toleranceMs` of the real
 * instant range [from, to] (milliseconds since the epoch), read as epoch seconds so that neither
 * the session's zone nor any driver's parsing is involved.
 */
export async function assertStoredBetween(db: TestDatabase, inviteId: string, columns: readonly string[], from: number, to: number, toleranceMs = 1000): Promise<void> {
  const select = columns.map((c) => `extract(epoch FROM ${c}) * 1000 AS ${c}`).join(', ');
  const [row] = await db.query<Record<string, string | null>>(`SELECT ${select} FROM invites WHERE id = $1`, [inviteId]);
  assert.ok(row, `invite ${inviteId} exists`);
  for (const column of columns) {
    const value = row[column];
    assert.ok(value !== null && value !== undefined, `${column} is set`);
    const at = Number(value);
    assert.ok(at >= from - toleranceMs && at <= to + toleranceMs, `${column} is the real instant (${new Date(at).toISOString()} not within ${new Date(from).toISOString()} – ${new Date(to).toISOString()})`);
  }
}
