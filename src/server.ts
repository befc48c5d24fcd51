// Composition root: config -> logger -> database -> installations -> each workspace's services -> Slack app -> start.
// main.ts adds the process concerns (environment, signals); tests start the app in-process here.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import type { Logger } from './logger.js';
import type { CustomRoute } from '@slack/bolt';
import type { OAuthConfig } from './config.js';
import { createSlackApp, type HealthReport } from './slack/app.js';
import type { SlackDeps } from './slack/deps.js';
import { StartupError, verifyBotToken } from './slack/identity.js';
import { registerListeners } from './slack/listeners/index.js';
import { workspaceGate } from './slack/listeners/workspace-gate.js';
import { WorkTracker } from './slack/work-tracker.js';
import { createInviteRepository } from './db/invite-repository.js';
import { createDashboardRepository } from './db/dashboard-repository.js';
import { createLifecycleRepository } from './db/lifecycle-repository.js';
import { createEventPruner } from './db/event-retention.js';
import { createInstallationRepository, installationKey, type InstallationRepository } from './db/installation-repository.js';
import { createTokenCipher, TokenDecryptionError } from './db/token-cipher.js';
import { createLifecycleService } from './invites/lifecycle/service.js';
import { createRecoveryService } from './invites/recovery.js';
import { createReminderService } from './invites/reminders.js';
import { leasePolicy } from './invites/lease.js';
import { createSettingsReader } from './invites/settings/service.js';
import { createSettingsRepository } from './db/settings-repository.js';
import { createApprovalRepository } from './db/approval-repository.js';
import { createChannelCreationRepository } from './db/channel-creation-repository.js';
import { createAccessRepository } from './db/access-repository.js';
import { buildWorkspace, type SharedParts, type WorkspaceSpec } from './slack/workspaces/build.js';
import { installedWorkspaces, singleWorkspace, type WorkspaceResolver } from './slack/workspaces/resolver.js';
import { createBotTokens } from './slack/oauth/bot-tokens.js';
import { refreshWithSlack } from './slack/oauth/refresh.js';
import { oauthRoutes } from './slack/oauth/routes.js';
import { createPrismaInstallationStore } from './slack/oauth/installation-store.js';
import { createDatabaseStateStore } from './slack/oauth/state-store.js';
import { signedStateStore } from './slack/oauth/signed-state.js';
import { createTokenCheck } from './slack/oauth/token-check.js';
import { BOT_SCOPES } from './slack/scopes.js';
import { createBatchRepository } from './db/batch-repository.js';
import { createSendPaceRepository } from './db/send-pace-repository.js';
import { createBatchSweep } from './invites/batches/service.js';
// Metrics and probes (README, "Metrics and probes").
import { createAppMetrics } from './metrics/index.js';
import { countingOutcomes } from './invites/metrics.js';
import { unfinishedInvitesCount } from './db/unfinished-invites.js';
import { readiness } from './slack/probes.js';

/** As people see it in Slack and type it in `/invite @Connect Invites` (manifest.json). */
export const APP_NAME = 'Connect Invites';

export interface RunningApp {
  /** The HTTP port actually listened on (useful with PORT=0). */
  port: number;
  /** The metrics' port actually listened on (METRICS_PORT=0), or undefined when metrics are off. */
  metricsPort: number | undefined;
  db: Database;
  /** Stop taking requests, finish the work in flight (up to `drainMs`), close the database. */
  stop(drainMs?: number): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  /** Database pool size; the default suits one process on a small machine. */
  poolSize?: number;
  /**
   * The window Slack's rate tiers are counted in: a minute, as Slack counts them. Tests shorten it
   * to see look-ups wait for the next window without waiting a minute.
   */
  rateWindowMs?: number;
  /** The clock expiry reminders are judged by; tests move it forward instead of waiting days. */
  clock?: () => Date;
  /** How often the reminders are looked for (default every five minutes). */
  reminderIntervalMs?: number;
}

export async function startConnectInvites({ config, logger, poolSize, rateWindowMs, clock = () => new Date(), reminderIntervalMs = 5 * 60_000 }: StartOptions): Promise<RunningApp> {
  // Single-workspace mode checks its one token before anything else starts.
  const bot = config.slack.botToken ? await verifyBotToken(config.slack, logger) : undefined;
  const db = await openDatabase({ url: config.databaseUrl, embeddedDataDir: config.embeddedDatabaseDir, logger, poolSize });
  const tracker = new WorkTracker();
  let draining = false;

  const health = async (): Promise<HealthReport> => {
    if (draining) return { healthy: false, checks: { app: 'draining' } };
    const database = (await db.ping()) ? 'ok' : 'unavailable';
    return { healthy: database === 'ok', checks: { app: 'ok', database } };
  };
  // Readiness in Socket Mode also follows Slack's connection (src/slack/probes.ts).
  let socketConnected = false;
  const ready = readiness(health, config.slack.appToken ? () => socketConnected : undefined);
  const metrics = createAppMetrics(config.metrics, { countUnfinished: unfinishedInvitesCount(db.prisma), logger: logger.child({ module: 'metrics' }) });

  // Names this process in the leases it takes on unfinished invites (see src/invites/recovery.ts).
  const instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = config.recoveryLeaseSeconds * 1000;
  // However long a send takes (rate-limit waits, retries, look-ups), its lease is renewed while it lasts.
  const lease = leasePolicy(leaseMs, config.slack.inviteTimeoutMs);
  const repo = countingOutcomes(createInviteRepository(db.prisma, { owner: instance, leaseMs }), metrics.invites);
  const settingsRepo = createSettingsRepository(db.prisma);
  const batchRepo = createBatchRepository(db.prisma, { owner: instance, leaseMs });
  const shared: SharedParts = {
    slack: config.slack,
    logger,
    appName: APP_NAME,
    repo,
    lease,
    settingsRepo,
    settingsReader: createSettingsReader(settingsRepo),
    dashboardRepo: createDashboardRepository(db.prisma),
    approvalRepo: createApprovalRepository(db.prisma),
    channelCreationRepo: createChannelCreationRepository(db.prisma),
    // A change of access holds its invitation's lock for its Slack call; one behind it may wait
    // for that call and then make its own.
    accessRepo: createAccessRepository(db.prisma, { holdMs: 2 * config.slack.inviteTimeoutMs + 5_000 }),
    rateWindowMs,
    batchRepo,
    paceRepo: createSendPaceRepository(db.prisma),
    batches: config.batches,
    stopping: () => draining,
    metrics: metrics.invites,
  };
  const build = (spec: WorkspaceSpec) => buildWorkspace(shared, spec);

  let workspaces: WorkspaceResolver;
  let installations: InstallationRepository | undefined;
  let routes: CustomRoute[] = [];
  if (bot) {
    workspaces = singleWorkspace(bot, config.slack.botToken as string, build);
  } else {
    const oauth = config.slack.oauth as OAuthConfig;
    installations = createInstallationRepository(db.prisma, createTokenCipher({ key: oauth.encryptionKey, previousKeys: oauth.previousEncryptionKeys }));
    // A wrong key is a start-up error, not a failure on every request.
    await installations.verifyKey().catch(async (error: unknown) => {
      await db.close();
      if (!(error instanceof TokenDecryptionError)) throw error;
      throw new StartupError(
        'SLACK_TOKEN_ENCRYPTION_KEY does not decrypt the installations stored in the database: it is not the key they were stored with. Set the key used before (or add it to SLACK_TOKEN_ENCRYPTION_PREVIOUS_KEYS beside the new one).',
      );
    });
    const tokens = createBotTokens({ installations, refresh: refreshWithSlack(config.slack, oauth, logger), logger: logger.child({ module: 'oauth' }) });
    workspaces = installedWorkspaces({ installations, tokens, build, logger: logger.child({ module: 'workspaces' }) });
    const resolver = workspaces;
    routes = oauthRoutes({
      oauth,
      apiUrl: config.slack.apiUrl,
      appName: APP_NAME,
      botScopes: BOT_SCOPES,
      installationStore: createPrismaInstallationStore(installations),
      stateStore: signedStateStore(oauth.stateSecret, createDatabaseStateStore(db.prisma)),
      logger: logger.child({ module: 'oauth' }),
      installed: (installed) => resolver.forget(installationKey(installed)),
    });
  }

  const lifecycle = createLifecycleService({ repo: createLifecycleRepository(db.prisma), logger: logger.child({ module: 'lifecycle' }), metrics: metrics.invites });
  const removal = installations && {
    delete: (key: string) => installations.delete(key),
    revokeTokens: (key: string, revoked: { bot?: boolean; userIds?: string[] }) => installations.revokeTokens(key, revoked),
    stillAuthorized: createTokenCheck(config.slack, installations, logger.child({ module: 'oauth' })),
  };
  const deps: SlackDeps = { logger, slack: config.slack, appName: APP_NAME, lifecycle, workspaces, installations: removal };
  let app;
  let port: number;
  let metricsPort: number | undefined;
  try {
    metricsPort = await metrics.listen();
    app = createSlackApp({ slack: config.slack, port: config.port, logger, authorize: (source, body) => workspaces.authorize(source, body), routes, tracker, health, ready, onSocketConnection: (connected) => (socketConnected = connected) });
    app.use(workspaceGate({ logger, appName: APP_NAME, code: bot ? 'requester_other_workspace' : 'app_not_installed' }));
    registerListeners(app, deps);
    const started = await app.start(config.port);
    port = config.slack.appToken ? config.port : ((started as Server).address() as AddressInfo).port;
  } catch (error) {
    await metrics.stop();
    await db.close();
    throw error;
  }
  logger.info(
    { port, mode: config.slack.appToken ? 'socket' : 'http', installs: bot ? 'single-workspace' : 'oauth', embeddedDatabase: db.embedded, team: bot?.teamId, instance },
    'Connect Invites is running',
  );

  const recovery = createRecoveryService({
    repo,
    // Each invitation with its own workspace's token, services and listing.
    workspaceOf: (invite) => workspaces.forInvite(invite.teamId, invite.enterpriseId ?? undefined),
    logger: logger.child({ module: 'recovery' }),
    metrics: metrics.invites,
  });
  // Batches whose driver died are taken over whole, and driven at the workspace's pace.
  const batchSweep = createBatchSweep({
    repo: batchRepo,
    driverOf: async (batch) => (await workspaces.forInvite(batch.teamId, batch.enterpriseId ?? undefined))?.batches,
    logger: logger.child({ module: 'batches' }),
    track: (work) => tracker.track(work),
    metrics: metrics.invites,
  });
  const sweep = () =>
    Promise.all([
      tracker.track(() => recovery.sweep()).catch((err: unknown) => logger.warn({ err }, 'recovery sweep failed; trying again later')),
      draining ? undefined : batchSweep.sweep().catch((err: unknown) => logger.warn({ err }, 'looking for unfinished batches failed; trying again later')),
    ]);
  void sweep();
  const sweeper = setInterval(sweep, Math.min(30_000, Math.max(1000, leaseMs / 4)));
  sweeper.unref();

  const reminders = createReminderService({
    repo,
    remind: async (invite) => {
      const workspace = await workspaces.forInvite(invite.teamId, invite.enterpriseId ?? undefined);
      if (!workspace) return false;
      await workspace.remind(invite);
      return true;
    },
    showExpired: async (invite) => {
      const workspace = await workspaces.forInvite(invite.teamId, invite.enterpriseId ?? undefined);
      if (!workspace) return false;
      await workspace.republishHome({ teamId: invite.teamId, userId: invite.requesterUserId, enterpriseId: invite.enterpriseId ?? undefined });
      return true;
    },
    now: clock,
    remindBeforeMs: config.reminderHoursBeforeExpiry * 3600_000,
    logger: logger.child({ module: 'reminders' }),
  });
  const remind = () =>
    tracker.track(() => reminders.sweep()).catch((err: unknown) => logger.warn({ err }, 'looking for expiry reminders failed; trying again later'));
  // (With reminders off, expiries are still noticed.)
  const reminderTimer = setInterval(remind, reminderIntervalMs);
  reminderTimer.unref();

  const pruner = createEventPruner(db.prisma, { retentionHours: config.eventRetentionHours, logger: logger.child({ module: 'event-retention' }) });
  const stopPruning = new AbortController();
  const prune = () =>
    tracker
      .track(() => pruner.prune(stopPruning.signal))
      .catch((err: unknown) => logger.warn({ err }, 'pruning processed events failed; trying again later'));
  void prune();
  const pruneTimer = setInterval(prune, 60 * 60_000);
  pruneTimer.unref();

  let stopping: Promise<void> | undefined;
  return {
    port,
    metricsPort,
    db,
    stop(drainMs = 10_000) {
      stopping ??= (async () => {
        draining = true;
        clearInterval(sweeper);
        clearInterval(pruneTimer);
        clearInterval(reminderTimer);
        stopPruning.abort();
        // /readyz says 503 from here on; the port stays open a while for the load balancer to see it.
        if (config.shutdownGraceSeconds > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownGraceSeconds * 1000));
        logger.info({ inFlight: tracker.size }, 'shutting down: no new requests; finishing work in flight');
        await app.stop().catch((err: unknown) => logger.warn({ err }, 'receiver did not stop cleanly'));
        const finished = await tracker.drain(drainMs);
        if (!finished) logger.warn({ inFlight: tracker.size }, 'shutdown timed out with work in flight; recovery finishes it at the next start');
        await metrics.stop();
        await db.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
