import type { Config } from '../config.js';
import type { DashboardService } from '../invites/dashboard/service.js';
import type { LifecycleService } from '../invites/lifecycle/service.js';
import type { PrivateChannelService } from '../invites/private-channel/service.js';
import type { ShareChannelService } from '../invites/share-channel/service.js';
import type { SettingsService } from '../invites/settings/service.js';
import type { WhoMayInvite } from '../invites/who-may-invite/service.js';
import type { Logger } from '../logger.js';

export interface BotIdentity {
  botId: string;
  botUserId: string;
  /** The workspace the bot token belongs to: in single-workspace mode, the installation. */
  teamId: string;
  /** The token's scopes as Slack reported them (x-oauth-scopes), when it did. */
  scopes?: readonly string[] | undefined;
  /** Its Enterprise Grid organization, if any (auth.test's enterprise_id). */
  enterpriseId?: string | undefined;
}

/** What listeners are given; each listener uses only the parts it needs. */
export interface SlackDeps {
  logger: Logger;
  bot: BotIdentity;
  slack: Config['slack'];
  /** The app's display name, as people type it in `/invite @name`. */
  appName: string;
  shareChannel: ShareChannelService;
  /** /invite-private: adds colleagues to a private channel. */
  invitePrivate: PrivateChannelService;
  /** The App Home dashboard's data. */
  dashboard: DashboardService;
  /** Slack Connect invitations after they are sent (accepted, approved, declined). */
  lifecycle: LifecycleService;
  /** Whether the person asking may send an invitation at all (guests, apps, other workspaces, the admins' user group). */
  whoMayInvite: WhoMayInvite;
  /** The workspace's settings for the app (App Home, admins only). */
  settings: SettingsService;
}
