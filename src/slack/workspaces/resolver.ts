// Finds the workspace a request or an invitation is for, and gives Bolt its `authorize`.
//
// Single-workspace mode: the bot token's workspace (auth.test) is the only one, so a request
// whose context names another workspace is for no installation of this app. OAuth mode: the
// installation is looked up in PostgreSQL on every request (a primary-key read), so an uninstall
// on any replica takes effect on the next request everywhere; the services built over it are
// kept while the installation's bot stays the same, so its caches survive.
//
// Bolt derives the team from the event's authorizations, a view's app_installed_team_id, a
// command's team_id; never body.team alone, which for a view sent from the other side of a Slack
// Connect channel is the other organization (docs/slack-samples/interactive/
// view_submission_slack_connect_other_side.json).
import type { AuthorizeResult, AuthorizeSourceData } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { StoredInstallation } from '../../db/installation-repository.js';
import type { BotIdentity } from '../deps.js';
import { TokenUnavailableError, type BotTokens } from '../oauth/bot-tokens.js';
import { actingTeamOf } from './acting-team.js';
import type { WorkspaceSpec } from './build.js';
import { WORKSPACE_CONTEXT_KEY, WORKSPACE_UNAVAILABLE_KEY, type Workspace } from './workspace.js';

export interface WorkspaceResolver {
  readonly mode: 'single' | 'oauth';
  /** Bolt's authorize: the workspace goes into the context; none (no token) when the app is not installed there. */
  authorize(source: AuthorizeSourceData<boolean>, body?: unknown): Promise<AuthorizeResult>;
  /** The workspace an invitation was made in (the recovery sweep, outside any request). */
  forInvite(teamId: string, enterpriseId: string | undefined): Promise<Workspace | undefined>;
  /** Drops what was built for an installation (uninstalled, tokens revoked). */
  forget(installationKey: string): void;
}

type Build = (spec: WorkspaceSpec) => Workspace;

/** A Grid org's workspaces, or a fleet of workspaces: bounded, least recently used out first. */
const MAX_WORKSPACES = 2000;

function boundedCache<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const hit = map.get(key);
      if (hit !== undefined) {
        map.delete(key);
        map.set(key, hit);
      }
      return hit;
    },
    set(key: string, value: V) {
      map.set(key, value);
      if (map.size > max) map.delete(map.keys().next().value as string);
    },
    deleteWhere(test: (key: string) => boolean) {
      for (const key of [...map.keys()]) if (test(key)) map.delete(key);
    },
  };
}

function toResult(workspace: Workspace, token: string): AuthorizeResult {
  return {
    botToken: token,
    botId: workspace.bot.botId,
    botUserId: workspace.bot.botUserId,
    teamId: workspace.installation.teamId,
    enterpriseId: workspace.installation.enterpriseId,
    [WORKSPACE_CONTEXT_KEY]: workspace,
  };
}

export function singleWorkspace(bot: BotIdentity, botToken: string, build: Build): WorkspaceResolver {
  const workspace = build({ installation: { teamId: bot.teamId, enterpriseId: bot.enterpriseId }, bot, token: async () => botToken });
  return {
    mode: 'single',
    async authorize(source) {
      if (source.teamId !== bot.teamId) return { teamId: source.teamId, enterpriseId: source.enterpriseId };
      return toResult(workspace, botToken);
    },
    async forInvite(teamId) {
      return teamId === bot.teamId ? workspace : undefined;
    },
    forget() {},
  };
}

export interface InstalledWorkspacesDeps {
  installations: {
    findForWorkspace(teamId: string | undefined, enterpriseId: string | undefined): Promise<StoredInstallation | undefined>;
    find(q: { teamId?: string; enterpriseId?: string; isEnterpriseInstall: boolean }): Promise<StoredInstallation | undefined>;
  };
  tokens: BotTokens;
  build: Build;
  logger: Logger;
}

export function installedWorkspaces({ installations, tokens, build, logger }: InstalledWorkspacesDeps): WorkspaceResolver {
  const built = boundedCache<Workspace>(MAX_WORKSPACES);

  /** The services for one installation acting in one workspace, rebuilt when its bot changes (a re-install). */
  function workspaceFor(stored: StoredInstallation, actingTeam: string | undefined): Workspace | undefined {
    const bot = stored.bot;
    const teamId = stored.isEnterpriseInstall ? actingTeam : stored.teamId;
    if (!bot || !teamId) return undefined;
    tokens.remember(stored);
    const cacheKey = `${stored.key}|${teamId}|${bot.id}|${bot.userId}|${[...bot.scopes].sort().join(',')}`;
    let workspace = built.get(cacheKey);
    if (!workspace) {
      // A re-install with other scopes or another bot: what was built for the old one goes.
      built.deleteWhere((key) => key.startsWith(`${stored.key}|${teamId}|`));
      workspace = build({
        installation: { teamId, enterpriseId: stored.enterpriseId, orgWide: stored.isEnterpriseInstall },
        bot: { botId: bot.id, botUserId: bot.userId, teamId, scopes: bot.scopes, enterpriseId: stored.enterpriseId },
        token: () => tokens.current(stored.key),
      });
      built.set(cacheKey, workspace);
    }
    return workspace;
  }

  return {
    mode: 'oauth',
    async authorize(source, body) {
      let stored: StoredInstallation | undefined;
      try {
        stored = source.isEnterpriseInstall && source.enterpriseId
          ? await installations.find({ enterpriseId: source.enterpriseId, isEnterpriseInstall: true })
          : await installations.findForWorkspace(source.teamId, source.enterpriseId);
      } catch (err) {
        // Thrown, Bolt would drop the request with an empty answer; the gate says why instead.
        logger.error({ err, team: source.teamId, enterprise: source.enterpriseId }, 'could not look the installation up');
        return { teamId: source.teamId, enterpriseId: source.enterpriseId, [WORKSPACE_UNAVAILABLE_KEY]: true };
      }
      const workspace = stored && workspaceFor(stored, actingTeamOf(body) ?? source.teamId);
      if (!stored || !workspace) {
        logger.debug({ team: source.teamId, enterprise: source.enterpriseId }, 'a request for a workspace without an installation');
        return { teamId: source.teamId, enterpriseId: source.enterpriseId };
      }
      try {
        return toResult(workspace, await tokens.current(stored.key));
      } catch (err) {
        // No usable token: gone (answered as not installed), or a refresh that could not be made now.
        logger.error({ err, installation: stored.key }, 'no usable bot token for the installation');
        return { teamId: source.teamId, enterpriseId: source.enterpriseId, ...(err instanceof TokenUnavailableError ? {} : { [WORKSPACE_UNAVAILABLE_KEY]: true }) };
      }
    },
    async forInvite(teamId, enterpriseId) {
      const stored = await installations.findForWorkspace(teamId, enterpriseId);
      return stored && workspaceFor(stored, teamId);
    },
    forget(installationKey) {
      built.deleteWhere((key) => key.startsWith(`${installationKey}|`));
      tokens.forget(installationKey);
    },
  };
}
