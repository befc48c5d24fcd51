// app_uninstalled and tokens_revoked: the installation's tokens go (the row, once no token
// remains), and what was built over them is forgotten, so no later request or sweep uses them.
// The workspace's invitation history stays (README: how to delete it on request). The two
// events come in either order, and again on Slack's retries: each step is idempotent.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { requestLog } from '../context.js';
import { str, type Loose } from '../../parse/loose.js';

type Args = SlackEventMiddlewareArgs & AllMiddlewareArgs;

/** The stored installation's key, from the envelope: an org-wide one by its organization, else by its workspace. */
export function installationKeyOf(body: unknown): string | undefined {
  const b = (body ?? {}) as Loose;
  const authorization = Array.isArray(b.authorizations) ? (b.authorizations[0] as Loose | undefined) : undefined;
  const enterpriseId = str(b.enterprise_id) ?? str(authorization?.enterprise_id);
  if (authorization?.is_enterprise_install === true && enterpriseId) return `enterprise:${enterpriseId}`;
  const teamId = str(b.team_id) ?? str(authorization?.team_id);
  return teamId ? `team:${teamId}` : undefined;
}

export function appUninstalled(deps: Pick<SlackDeps, 'logger' | 'workspaces' | 'installations'>) {
  return async ({ body, context }: Args) => {
    const log = requestLog(context, deps.logger);
    const key = installationKeyOf(body);
    if (!deps.installations || !key) {
      log.warn({ installation: key }, 'the app was uninstalled; with SLACK_BOT_TOKEN it can no longer act in that workspace until it is installed again and given the new token');
      return;
    }
    deps.workspaces.forget(key);
    if (await deps.installations.stillAuthorized(key)) {
      log.info({ installation: key }, 'app_uninstalled, but Slack accepts the stored token: the app was installed again since; kept');
      return;
    }
    const removed = await deps.installations.delete(key);
    log.info({ installation: key, removed }, 'the app was uninstalled: the installation and its tokens are deleted; its invitation history is kept');
  };
}

export function tokensRevoked(deps: Pick<SlackDeps, 'logger' | 'workspaces' | 'installations'>) {
  return async ({ body, event, context }: Args) => {
    const log = requestLog(context, deps.logger);
    const key = installationKeyOf(body);
    const tokens = ((event as unknown as Loose).tokens ?? {}) as { bot?: unknown; oauth?: unknown };
    const bot = Array.isArray(tokens.bot) && tokens.bot.length > 0;
    const userIds = Array.isArray(tokens.oauth) ? tokens.oauth.filter((u): u is string => typeof u === 'string') : [];
    if (!deps.installations || !key) {
      log.warn({ installation: key, bot }, 'tokens of the app were revoked');
      return;
    }
    deps.workspaces.forget(key);
    if (bot && (await deps.installations.stillAuthorized(key))) {
      log.info({ installation: key }, 'tokens_revoked, but Slack accepts the stored bot token: it was issued since; kept');
      return;
    }
    await deps.installations.revokeTokens(key, { bot, userIds });
    log.info({ installation: key, bot, users: userIds.length }, 'tokens revoked: removed from the installation');
  };
}
