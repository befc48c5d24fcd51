// Builds one workspace's services over its own token: the composition that single-workspace mode
// makes once, and OAuth mode makes for each installation (and, for an org-wide one, each of the
// org's workspaces) when it is first needed.
import type { Config } from '../../config.js';
import type { DashboardRepository } from '../../invites/dashboard/service.js';
import { cachedAdminCheck, createDashboardService } from '../../invites/dashboard/service.js';
import { createCachedDirectory } from '../../invites/cached-directory.js';
import { createCachedUserGroups } from '../../invites/cached-usergroups.js';
import { withDeadline } from '../../invites/deadline.js';
import type { LeasePolicy } from '../../invites/lease.js';
import { systemClock, type InviteRepository } from '../../invites/ports.js';
import { createPrivateChannelService } from '../../invites/private-channel/service.js';
import { createSettingsService, type SettingsReader } from '../../invites/settings/service.js';
import { createPendingCheck } from '../../invites/share-channel/pending-check.js';
import { createShareChannelService } from '../../invites/share-channel/service.js';
import type { Installation } from '../../invites/who-may-invite/rules.js';
import { createWhoMayInvite } from '../../invites/who-may-invite/service.js';
import type { WorkspaceSettingsRepository } from '../../invites/settings/service.js';
import type { Logger } from '../../logger.js';
import { createCallBudget } from '../call-budget.js';
import { createSlackClients, InstallationClient, type TokenSource } from '../clients.js';
import type { BotIdentity } from '../deps.js';
import { createWorkspaceDirectory } from '../gateways/directory.js';
import { createPrivateChannelGateway } from '../gateways/private-channel.js';
import { createSlackConnectGateway } from '../gateways/slack-connect.js';
import { createUserGroupDirectory } from '../gateways/usergroups.js';
import { createRecoveryNotifier } from '../recovery-notifier.js';
import { WEB_API_OPTIONS } from '../app.js';
import { toBoltLogger } from '../../logger.js';
import type { Workspace } from './workspace.js';
import { checkBatch } from '../../invites/batches/check.js';
import { createSendPace } from '../../invites/batches/pace.js';
import { createBatchService } from '../../invites/batches/service.js';
import type { BatchRepository, SendPaceRepository } from '../../invites/batches/types.js';
import { createBatchNotifier } from '../batch-notifier.js';
import { matchingGroups } from '../../invites/usergroup-search.js';
import { MAX_GROUP_OPTIONS } from '../../invites/settings/service.js';
import { createFileGateway } from '../gateways/files.js';
import { describeFileFailure } from '../../invites/share-channel/invitee-file.js';
import { DEFAULT_MAX_FILE_BYTES as MAX_CSV_BYTES } from '../../invites/share-channel/invitee-file.js';
import { homeDepsOf, publishHome } from '../listeners/home-publisher.js';
import { createApprovalService, type ApprovalRepository } from '../../invites/approvals/service.js';
import { createConnectAdminGateway } from '../gateways/connect-admin.js';
import { createApprovalNotifier } from '../approval-notifier.js';
import { postDirectMessage } from '../direct-message.js';
import { reminderMessage } from '../views/reminder-message.js';
import { createChannelCreationService } from '../../invites/channel-creation/service.js';
import type { ChannelCreationRepository } from '../../invites/channel-creation/ports.js';
import { createChannelGateway } from '../gateways/channels.js';
import type { AccessRepository } from '../../invites/access/ports.js';
import { createAccessService } from '../../invites/access/service.js';
import { createExternalAccessGateway } from '../gateways/external-access.js';
import { NO_METRICS, type InviteMetrics } from '../../invites/metrics.js';

/** What every workspace shares: the database's repositories, the process's settings. */
export interface SharedParts {
  slack: Config['slack'];
  logger: Logger;
  appName: string;
  repo: InviteRepository;
  lease: LeasePolicy;
  settingsRepo: WorkspaceSettingsRepository;
  settingsReader: SettingsReader;
  dashboardRepo: DashboardRepository & { databaseNow(): Promise<Date> };
  approvalRepo: ApprovalRepository;
  channelCreationRepo: ChannelCreationRepository;
  accessRepo: AccessRepository;
  /** Slack's rate-tier window as the app counts it (a minute; tests shorten it). */
  rateWindowMs?: number | undefined;
  batchRepo: BatchRepository;
  paceRepo: SendPaceRepository;
  batches: { invitesPerMinute: number; emailLimitWaitSeconds: number };
  /** The process is stopping: batches are handed over to other replicas. */
  stopping(): boolean;
  /** The operator's metrics (src/invites/metrics.ts); none by default. */
  metrics?: InviteMetrics | undefined;
}

export interface WorkspaceSpec {
  installation: Installation;
  bot: BotIdentity;
  token: TokenSource;
}

export function buildWorkspace(shared: SharedParts, { installation, bot, token }: WorkspaceSpec): Workspace {
  const logger = shared.logger.child({ team: installation.teamId, ...(installation.enterpriseId ? { enterprise: installation.enterpriseId } : {}) });
  // An org-wide token names the workspace it acts in on every call (team_id).
  const actingTeam = installation.orgWide ? installation.teamId : undefined;
  const clients = createSlackClients(shared.slack, logger, token, actingTeam);
  const slackConnect = createSlackConnectGateway(clients.invites);
  const pendingCheck = createPendingCheck(() => slackConnect.listPendingInvites(), bot.scopes, logger.child({ module: 'share-channel' }));
  // Every look-up of the workspace counted against its method's rate tier (Slack counts per workspace).
  const metrics = shared.metrics ?? NO_METRICS;
  const onWait = (ms: number) => metrics.rateLimitWait('tier_budget', ms / 1000);
  const slackDirectory = createWorkspaceDirectory(clients.directory, { budget: createCallBudget({ windowMs: shared.rateWindowMs, onWait }) });
  const directory = createCachedDirectory(slackDirectory);
  const userGroups = createCachedUserGroups(createUserGroupDirectory(clients.lookups));
  // Who may invite: checked on the server at the command and again at the submission.
  const whoMayInvite = createWhoMayInvite({ directory, groups: userGroups, settings: shared.settingsReader, logger: logger.child({ module: 'who-may-invite' }) });
  // (Bounded: the user-group menu's options must answer within Slack's 3 seconds.)
  const isAdmin = cachedAdminCheck((userId) => withDeadline(directory.user(userId), 1500), { enterpriseId: installation.enterpriseId, orgWide: installation.orgWide });
  const settings = createSettingsService({
    repo: shared.settingsRepo,
    // A change of setting asks Slack whether the person is an admin now, past the cache.
    directory: slackDirectory,
    groups: userGroups,
    isAdmin,
    reader: shared.settingsReader,
    logger: logger.child({ module: 'settings' }),
  });
  const shareChannel = createShareChannelService({
    repo: shared.repo,
    gateway: slackConnect,
    directory,
    clock: systemClock,
    logger: logger.child({ module: 'share-channel' }),
    appName: shared.appName,
    lease: shared.lease,
    pendingCheck,
    metrics,
  });
  const invitePrivate = createPrivateChannelService({
    repo: shared.repo,
    gateway: createPrivateChannelGateway(clients.invites, shared.slack.privateInviteMethod),
    directory,
    clock: systemClock,
    logger: logger.child({ module: 'invite-private' }),
    appName: shared.appName,
    botUserId: bot.botUserId,
    lease: shared.lease,
    metrics,
  });
  // A new channel for invitations: created by the bot (so the app is in it), people added with
  // conversations.invite whatever PRIVATE_INVITE_METHOD says (the retired groups.invite cannot add to public channels).
  const channelCreation = createChannelCreationService({
    repo: shared.channelCreationRepo,
    gateway: createChannelGateway(clients.invites, { budget: createCallBudget({ windowMs: shared.rateWindowMs, onWait }) }),
    inviter: createPrivateChannelGateway(clients.invites, 'conversations.invite'),
    directory,
    usergroups: userGroups,
    botUserId: bot.botUserId,
    appName: shared.appName,
    logger: logger.child({ module: 'channel-creation' }),
  });
  const dashboard = createDashboardService({
    repo: shared.dashboardRepo,
    isAdmin,
    settings: shared.settingsRepo,
    now: () => shared.dashboardRepo.databaseNow(),
  });
  // Views and messages outside any request (recovery's notices), as Bolt's own client would make them.
  const client = new InstallationClient(token, {
    slackApiUrl: shared.slack.apiUrl,
    logger: toBoltLogger(logger, 'web-api'),
    rejectRateLimitedCalls: true,
    ...WEB_API_OPTIONS,
    ...(actingTeam ? { teamId: actingTeam } : {}),
  });
  const approvals = createApprovalService({
    repo: shared.approvalRepo,
    gateway: createConnectAdminGateway(clients.invites),
    notifier: createApprovalNotifier({ client, approverChannel: () => shared.approvalRepo.approverChannel(installation.teamId), appName: shared.appName, botUserId: bot.botUserId, logger: logger.child({ module: 'approvals' }) }),
    // Who may decide is asked of Slack at each decision, past every cache.
    userNow: (userId) => slackDirectory.user(userId),
    // The scope as the installation was granted it; learned, too, from a refusal of the listing.
    canManage: () => pendingCheck.available(),
    logger: logger.child({ module: 'approvals' }),
  });
  const access = createAccessService({
    repo: shared.accessRepo,
    gateway: createExternalAccessGateway(clients.invites),
    whoMayInvite,
    // An admin's right to change it is asked of Slack at the click, past every cache.
    userNow: (userId) => slackDirectory.user(userId),
    // The same scope as the approvals (conversations.connect:manage), known the same way.
    canManage: () => pendingCheck.available(),
    logger: logger.child({ module: 'access' }),
  });
  // An uploaded list of invitees, read with the bot token from Slack's file host only.
  const files = createFileGateway(clients.directory, token, logger.child({ module: 'files' }), { maxBytes: MAX_CSV_BYTES });
  const batches = createBatchService({
    repo: shared.batchRepo,
    pace: createSendPace(shared.paceRepo, shared.batches.invitesPerMinute, systemClock, shared.rateWindowMs, metrics),
    shareChannel,
    listPendingInvites: () => pendingCheck.list(),
    notifier: createBatchNotifier({
      client,
      appName: shared.appName,
      logger: logger.child({ module: 'batches' }),
      republishHome: (target) => workspace.republishHome(target),
    }),
    clock: systemClock,
    logger: logger.child({ module: 'batches' }),
    lease: shared.lease,
    emailLimitWaitSeconds: shared.batches.emailLimitWaitSeconds,
    stopping: shared.stopping,
  });
  const workspace: Workspace = {
    installation,
    bot,
    client,
    batches,
    republishHome: (target) => publishHome(client, homeDepsOf(workspace, shared.appName), target, logger.child({ module: 'home' })),
    groupChoices: async (query) => matchingGroups(await userGroups.list(), query, MAX_GROUP_OPTIONS),
    checkBatch: (draft, requester) =>
      checkBatch(draft, requester, {
        checkMany: shareChannel.checkMany,
        readFile: async (fileId) => {
          const file = await files.download(fileId);
          return file.ok ? file : { ok: false, problem: describeFileFailure(file, { appName: shared.appName }) };
        },
      }),
    approvals,
    channelCreation,
    access,
    shareChannel,
    invitePrivate,
    dashboard,
    whoMayInvite,
    settings,
    listPendingInvites: () => pendingCheck.list(),
    notify: createRecoveryNotifier(client, shared.appName, logger.child({ module: 'recovery' })),
    remind: async (invite) => {
      const message = reminderMessage(invite);
      await postDirectMessage(client, { channel: invite.requesterUserId, text: message.text, blocks: message.blocks }, logger.child({ module: 'reminders' }));
    },
  };
  return workspace;
}
