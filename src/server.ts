// Composition root: config -> logger -> database -> Slack identity -> services -> Slack app -> start.
// main.ts adds the process concerns (environment, signals); tests start the app in-process here.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import type { Logger } from './logger.js';
import { createSlackApp, type HealthReport } from './slack/app.js';
import type { SlackDeps } from './slack/deps.js';
import { verifyBotToken } from './slack/identity.js';
import { registerListeners } from './slack/listeners/index.js';
import { WorkTracker } from './slack/work-tracker.js';
import { createInviteRepository } from './db/invite-repository.js';
import { createDashboardRepository } from './db/dashboard-repository.js';
import { createLifecycleRepository } from './db/lifecycle-repository.js';
import { createEventPruner } from './db/event-retention.js';
import { cachedAdminCheck, createDashboardService } from './invites/dashboard/service.js';
import { createLifecycleService } from './invites/lifecycle/service.js';
import { createRecoveryService } from './invites/recovery.js';
import { leasePolicy } from './invites/lease.js';
import { createPendingCheck } from './invites/share-channel/pending-check.js';
import { createRecoveryNotifier } from './slack/recovery-notifier.js';
import { systemClock } from './invites/ports.js';
import { createPrivateChannelService } from './invites/private-channel/service.js';
import { createShareChannelService } from './invites/share-channel/service.js';
import { createSlackClients } from './slack/clients.js';
import { createWorkspaceDirectory } from './slack/gateways/directory.js';
import { createCallBudget } from './slack/call-budget.js';
import { createCachedDirectory } from './invites/cached-directory.js';
import { withDeadline } from './invites/deadline.js';
import { createCachedUserGroups } from './invites/cached-usergroups.js';
import { createSettingsReader, createSettingsService } from './invites/settings/service.js';
import { createWhoMayInvite } from './invites/who-may-invite/service.js';
import { createSettingsRepository } from './db/settings-repository.js';
import { createUserGroupDirectory } from './slack/gateways/usergroups.js';
import { createPrivateChannelGateway } from './slack/gateways/private-channel.js';
import { createSlackConnectGateway } from './slack/gateways/slack-connect.js';

/** As people see it in Slack and type it in `/invite @Connect Invites` (manifest.json). */
export const APP_NAME = 'Connect Invites';

export interface RunningApp {
  /** The HTTP port actually listened on (useful with PORT=0). */
  port: number;
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
}

export async function startConnectInvites({ config, logger, poolSize, rateWindowMs }: StartOptions): Promise<RunningApp> {
  const bot = await verifyBotToken(config.slack, logger);
  const db = await openDatabase({ url: config.databaseUrl, embeddedDataDir: config.embeddedDatabaseDir, logger, poolSize });
  const tracker = new WorkTracker();
  let draining = false;

  const health = async (): Promise<HealthReport> => {
    if (draining) return { healthy: false, checks: { app: 'draining' } };
    const database = (await db.ping()) ? 'ok' : 'unavailable';
    return { healthy: database === 'ok', checks: { app: 'ok', database } };
  };

  const clients = createSlackClients(config.slack, logger);
  // Names this process in the leases it takes on unfinished invites (see src/invites/recovery.ts).
  const instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = config.recoveryLeaseSeconds * 1000;
  // However long a send takes (rate-limit waits, retries, look-ups), its lease is renewed while it lasts.
  const lease = leasePolicy(leaseMs, config.slack.inviteTimeoutMs);
  const repo = createInviteRepository(db.prisma, { owner: instance, leaseMs });
  const slackConnect = createSlackConnectGateway(clients.invites);
  const pendingCheck = createPendingCheck(() => slackConnect.listPendingInvites(), bot.scopes, logger.child({ module: 'share-channel' }));
  // Every look-up of the workspace counted against its method's rate tier, by this process.
  const slackDirectory = createWorkspaceDirectory(clients.directory, { budget: createCallBudget({ windowMs: rateWindowMs }) });
  const directory = createCachedDirectory(slackDirectory);
  const userGroups = createCachedUserGroups(createUserGroupDirectory(clients.lookups));
  const settingsRepo = createSettingsRepository(db.prisma);
  const settingsReader = createSettingsReader(settingsRepo);
  // Who may invite: checked on the server at the command and again at the submission.
  const whoMayInvite = createWhoMayInvite({ directory, groups: userGroups, settings: settingsReader, logger: logger.child({ module: 'who-may-invite' }) });
  // (Bounded: the user-group menu's options must answer within Slack's 3 seconds.)
  const isAdmin = cachedAdminCheck((userId) => withDeadline(directory.user(userId), 1500), { enterpriseId: bot.enterpriseId });
  const settings = createSettingsService({
    repo: settingsRepo,
    // A change of setting asks Slack whether the person is an admin now, past the cache.
    directory: slackDirectory,
    groups: userGroups,
    isAdmin,
    reader: settingsReader,
    logger: logger.child({ module: 'settings' }),
  });
  const shareChannel = createShareChannelService({
    repo,
    gateway: slackConnect,
    directory,
    clock: systemClock,
    logger: logger.child({ module: 'share-channel' }),
    appName: APP_NAME,
    lease,
    pendingCheck,
  });
  const invitePrivate = createPrivateChannelService({
    repo,
    gateway: createPrivateChannelGateway(clients.invites, config.slack.privateInviteMethod),
    directory,
    clock: systemClock,
    logger: logger.child({ module: 'invite-private' }),
    appName: APP_NAME,
    botUserId: bot.botUserId,
    lease,
  });
  const dashboardRepo = createDashboardRepository(db.prisma);
  const dashboard = createDashboardService({
    repo: dashboardRepo,
    isAdmin,
    settings: settingsRepo,
    now: () => dashboardRepo.databaseNow(),
  });
  const lifecycle = createLifecycleService({ repo: createLifecycleRepository(db.prisma), logger: logger.child({ module: 'lifecycle' }) });
  const deps: SlackDeps = { logger, bot, slack: config.slack, appName: APP_NAME, shareChannel, invitePrivate, dashboard, lifecycle, whoMayInvite, settings };
  let app;
  let port: number;
  try {
    app = createSlackApp({ slack: config.slack, port: config.port, logger, bot, tracker, health });
    registerListeners(app, deps);
    const started = await app.start(config.port);
    port = config.slack.appToken ? config.port : ((started as Server).address() as AddressInfo).port;
  } catch (error) {
    await db.close();
    throw error;
  }
  logger.info({ port, mode: config.slack.appToken ? 'socket' : 'http', embeddedDatabase: db.embedded, team: bot.teamId, instance }, 'Connect Invites is running');

  const recovery = createRecoveryService({
    repo,
    shareChannel,
    invitePrivate,
    // One workspace's token in this mode: the listing is that workspace's.
    listPendingInvites: () => pendingCheck.list(),
    notify: createRecoveryNotifier(app.client, APP_NAME, logger.child({ module: 'recovery' })),
    logger: logger.child({ module: 'recovery' }),
  });
  const sweep = () =>
    tracker.track(() => recovery.sweep()).catch((err: unknown) => logger.warn({ err }, 'recovery sweep failed; trying again later'));
  void sweep();
  const sweeper = setInterval(sweep, Math.min(30_000, Math.max(1000, leaseMs / 4)));
  sweeper.unref();

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
    db,
    stop(drainMs = 10_000) {
      stopping ??= (async () => {
        draining = true;
        clearInterval(sweeper);
        clearInterval(pruneTimer);
        stopPruning.abort();
        logger.info({ inFlight: tracker.size }, 'shutting down: no new requests; finishing work in flight');
        await app.stop().catch((err: unknown) => logger.warn({ err }, 'receiver did not stop cleanly'));
        const finished = await tracker.drain(drainMs);
        if (!finished) logger.warn({ inFlight: tracker.size }, 'shutdown timed out with work in flight; recovery finishes it at the next start');
        await db.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
