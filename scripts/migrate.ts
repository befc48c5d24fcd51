// `npm run db:migrate`: applies pending migrations and exits (the app also does this at start-up).
import { loadDotEnv } from '../src/config.js';
import { applyMigrations } from '../src/db/migrator.js';
import { EMBEDDED_DATABASE_NAME } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { createLogger } from '../src/logger.js';

loadDotEnv();
const logger = createLogger({ level: 'info' });
const embedded = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: process.env.EMBEDDED_DATABASE_DIR ?? '.data/postgres', database: EMBEDDED_DATABASE_NAME, logger });
try {
  const result = await applyMigrations(process.env.DATABASE_URL ?? embedded!.url, logger);
  logger.info(result, result.applied.length ? 'migrations applied' : 'database already up to date');
} finally {
  await embedded?.stop();
}
