import type { Config } from '../config.js';
import type { LifecycleService } from '../invites/lifecycle/service.js';
import type { Logger } from '../logger.js';
import type { WorkspaceResolver } from './workspaces/resolver.js';

export interface BotIdentity {
  botId: string;
  botUserId: string;
  /** The workspace the bot acts in: in single-workspace mode, the token's. */
  teamId: string;
  /** The token's scopes as Slack reported them (x-oauth-scopes, or the installation's granted scopes), when known. */
  scopes?: readonly string[] | undefined;
  /** Its Enterprise Grid organization, if any (auth.test's enterprise_id). */
  enterpriseId?: string | undefined;
}

/** Removing what an uninstall or a revocation ends (OAuth mode). */
export interface InstallationRemoval {
  delete(key: string): Promise<boolean>;
  revokeTokens(key: string, revoked: { bot?: boolean; userIds?: string[] }): Promise<unknown>;
  /**
   * Whether Slack still accepts the stored bot token (auth.test). The two events name no token,
   * and Slack retries them for an hour: one that arrives after a re-install must not remove the
   * new installation.
   */
  stillAuthorized(key: string): Promise<boolean>;
}

/**
 * What listeners are given; each uses only the parts it needs. The workspace's own services (its
 * bot, its invitations, its settings) come with the request: `workspaceOf(context)`.
 */
export interface SlackDeps {
  logger: Logger;
  slack: Config['slack'];
  /** The app's display name, as people type it in `/invite @name`. */
  appName: string;
  /** Slack Connect invitations after they are sent (accepted, approved, declined). */
  lifecycle: LifecycleService;
  workspaces: WorkspaceResolver;
  /** OAuth mode: the stored installations, for app_uninstalled and tokens_revoked. */
  installations?: InstallationRemoval | undefined;
}
