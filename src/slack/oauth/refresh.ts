// Slack's side of token rotation: oauth.v2.access with grant_type=refresh_token gives a new
// access token and a new (single-use) refresh token; the access token lasts expires_in seconds.
import type { Config, OAuthConfig } from '../../config.js';
import type { InstallationTokens } from '../../db/installation-repository.js';
import type { Logger } from '../../logger.js';
import { standaloneClient } from '../clients.js';

export function refreshWithSlack(slack: Config['slack'], oauth: OAuthConfig, logger: Logger, now = Date.now): (refreshToken: string) => Promise<InstallationTokens> {
  // Not retried by the client: a refresh token works once, and a retry after a lost answer would spend it again.
  const client = standaloneClient(slack, logger, { timeoutMs: 10_000, retryConfig: { retries: 0 } });
  return async (refreshToken) => {
    const answer = await client.oauth.v2.access({ client_id: oauth.clientId, client_secret: oauth.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken });
    if (!answer.access_token || !answer.refresh_token || typeof answer.expires_in !== 'number') {
      throw new Error('Slack answered the token refresh without a new access token, refresh token and expiry');
    }
    return { token: answer.access_token, refreshToken: answer.refresh_token, expiresAt: new Date(now() + answer.expires_in * 1000) };
  };
}
