// Opens the app's database: the configured server, or an embedded one when none is configured;
// applies pending migrations; hands out one Prisma client over a bounded connection pool.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';
import { applyMigrations } from './migrator.js';

export type Prisma = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  embedded: boolean;
  /** Whether the database answers a trivial query within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string | undefined;
  embeddedDataDir: string;
  logger: Logger;
  poolSize?: number;
}

export const EMBEDDED_DATABASE_NAME = 'connect_invites';

export async function openDatabase({ url, embeddedDataDir, logger, poolSize = 10 }: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  if (url === undefined) {
    embedded = await startEmbeddedPostgres({ dataDir: embeddedDataDir, database: EMBEDDED_DATABASE_NAME, logger });
  }
  const connectionString = url ?? (embedded as EmbeddedDatabase).url;
  try {
    await applyMigrations(connectionString, logger);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const prisma = createPrismaClient(connectionString, poolSize);
  try {
    await requireUtcSessions(prisma);
  } catch (error) {
    await prisma.$disconnect();
    await embedded?.stop();
    throw error;
  }

  return {
    prisma,
    embedded: embedded !== undefined,
    async ping(timeoutMs = 1000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const query = prisma.$queryRaw`SELECT 1`.then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([query, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await prisma.$disconnect();
      await embedded?.stop();
    },
  };
}

/**
 * Every connection's session runs in UTC. The columns are timestamptz, so SQL's own arithmetic is
 * right in any zone, but @prisma/adapter-pg formats a Date parameter as a UTC time without an
 * offset and reads a timestamptz by discarding its offset: both are right only in a UTC session.
 * A SET (not the `options` start-up parameter) also passes through PgBouncer, which tracks TimeZone.
 */
export function createPrismaClient(connectionString: string, poolSize = 10): PrismaClient {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    // A down database must turn into a clear answer within Slack's 3 seconds, not a hang.
    connectionTimeoutMillis: 1500,
    idleTimeoutMillis: 30_000,
    // Awaited before the new connection is handed out; if it fails, the connection is closed and
    // the query that wanted it fails with the error.
    onConnect: async (client: pg.ClientBase) => {
      await client.query("SET TIME ZONE 'UTC'");
    },
  });
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

export class SessionTimeZoneError extends Error {
  override name = 'SessionTimeZoneError';
}

/** Refuses to start where something between the app and PostgreSQL undid the UTC session. */
async function requireUtcSessions(prisma: PrismaClient): Promise<void> {
  const [row] = await prisma.$queryRaw<Array<{ zone: string }>>`SELECT current_setting('TimeZone') AS zone`;
  if (row?.zone !== 'UTC') {
    throw new SessionTimeZoneError(
      `Database sessions run in time zone ${row?.zone ?? 'unknown'} although the app sets UTC on every connection; ` +
        'a connection pooler in between may be dropping SET. Connect directly or through a pool that keeps session settings.',
    );
  }
}
