// The process entry point: read the environment, start the app, stop it cleanly on a signal.
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { EmbeddedDatabaseError } from './db/embedded.js';
import { MigrationError } from './db/migrator.js';
import { createLogger } from './logger.js';
import { startConnectInvites, type RunningApp } from './server.js';
import { StartupError } from './slack/identity.js';

loadDotEnv();
let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const logger = createLogger({ level: config.logLevel, pretty: config.prettyLogs });

// Handlers go in before start-up, so a signal during start-up (or just after) still stops cleanly.
let app: RunningApp | undefined;
let signalled = false;
const stopAndExit = () =>
  (app ? app.stop() : Promise.resolve()).then(
    () => process.exit(0),
    (err: unknown) => {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    },
  );
const shutdown = (signal: NodeJS.Signals) => {
  if (signalled) return;
  signalled = true;
  logger.info({ signal }, 'signal received');
  if (app) void stopAndExit();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

try {
  app = await startConnectInvites({ config, logger });
  if (signalled) void stopAndExit();
} catch (error) {
  const known = error instanceof StartupError || error instanceof MigrationError || error instanceof EmbeddedDatabaseError;
  logger.fatal({ err: known ? undefined : error }, known ? (error as Error).message : 'Connect Invites failed to start');
  if (known) process.stderr.write(`${(error as Error).message}\n`);
  // Let pino flush before leaving.
  setTimeout(() => process.exit(1), 50);
}
