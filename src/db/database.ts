// Opens the app's database: the configured server, or an embedded one when none is configured;
// applies pending migrations; hands out one Prisma client over a bounded connection pool.
import { PrismaPg } from '@prisma/adapter-pg';
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

export function createPrismaClient(connectionString: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: poolSize,
    // A down database must turn into a clear answer within Slack's 3 seconds, not a hang.
    connectionTimeoutMillis: 1500,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}
