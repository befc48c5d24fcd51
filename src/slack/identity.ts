// Checks the bot token with Slack once at start-up, so a wrong or revoked token is a clear
// start-up error rather than a failure on the first request; Bolt is then given the answer.
import type { WebAPICallError } from '@slack/web-api';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { BotIdentity } from './deps.js';
import { standaloneClient } from './clients.js';

export class StartupError extends Error {
  override name = 'StartupError';
}

const TOKEN_PROBLEMS = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'not_allowed_token_type']);

export async function verifyBotToken(slack: Config['slack'], logger: Logger): Promise<BotIdentity> {
  const client = standaloneClient(slack, logger, { token: slack.botToken, timeoutMs: 10_000, retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 4000 } });
  try {
    const result = await client.auth.test();
    if (!result.user_id || !result.bot_id || !result.team_id) {
      throw new StartupError('Slack accepted SLACK_BOT_TOKEN but it is not a bot token of an installed app.');
    }
    // On Enterprise Grid, the organization of the workspace the token belongs to: the installation's.
    const enterpriseId = typeof result.enterprise_id === 'string' && result.enterprise_id !== '' ? result.enterprise_id : undefined;
    return { botUserId: result.user_id, botId: result.bot_id, teamId: result.team_id, scopes: result.response_metadata?.scopes, ...(enterpriseId ? { enterpriseId } : {}) };
  } catch (error) {
    if (error instanceof StartupError) throw error;
    const code = (error as WebAPICallError & { data?: { error?: string } }).data?.error;
    if (code && TOKEN_PROBLEMS.has(code)) {
      throw new StartupError(
        `Slack rejected SLACK_BOT_TOKEN (${code}). Copy the Bot User OAuth Token again from https://api.slack.com/apps > your app > OAuth & Permissions; reinstall the app if it was removed.`,
      );
    }
    throw new StartupError(`Could not reach the Slack Web API at ${slack.apiUrl} to check SLACK_BOT_TOKEN: ${code ?? (error as Error).message}`);
  }
}
