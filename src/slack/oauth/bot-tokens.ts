// Each installation's bot token as it is now. Without token rotation a token never expires and
// this only hands out what was stored. With rotation, tokens last 12 hours: one that expires
// within REFRESH_MARGIN_MS is refreshed before use (oauth.v2.access, grant_type=refresh_token),
// once per installation however many requests need it at the same moment: in this process by
// sharing one refresh, across replicas by the installation row's lock, under which a replica
// that finds the token already refreshed by another uses that one instead of refreshing again.
// Refresh tokens are single use, so refreshing twice would waste one and risk the installation.
import type { InstallationTokens, StoredInstallation } from '../../db/installation-repository.js';
import type { Logger } from '../../logger.js';

export const REFRESH_MARGIN_MS = 15 * 60_000;

export class TokenUnavailableError extends Error {
  override name = 'TokenUnavailableError';
}

export interface BotTokensDeps {
  installations: {
    withBotTokenLocked(key: string, refresh: (current: StoredInstallation) => Promise<InstallationTokens | undefined>): Promise<StoredInstallation | undefined>;
  };
  /** Slack's refresh: a new access token and a new refresh token. */
  refresh(refreshToken: string): Promise<InstallationTokens>;
  logger: Logger;
  now?: () => number;
}

export interface BotTokens {
  /** Notes the installation as just read from the database (the newest token wins). */
  remember(installation: StoredInstallation): void;
  current(installationKey: string): Promise<string>;
  forget(installationKey: string): void;
}

export function createBotTokens({ installations, refresh, logger, now = Date.now }: BotTokensDeps): BotTokens {
  const latest = new Map<string, StoredInstallation>();
  const refreshing = new Map<string, Promise<StoredInstallation>>();
  const expiring = (i: StoredInstallation) => i.bot?.expiresAt !== undefined && i.bot.expiresAt.getTime() - now() < REFRESH_MARGIN_MS;

  async function refreshed(key: string): Promise<StoredInstallation> {
    const stored = await installations.withBotTokenLocked(key, async (current) => {
      // Another replica may have refreshed it while this one waited for the lock.
      if (!expiring(current)) return undefined;
      if (!current.bot?.refreshToken) throw new TokenUnavailableError(`installation ${key}: the bot token expires and there is no refresh token`);
      logger.info({ installation: key }, 'refreshing an expiring bot token (token rotation)');
      return refresh(current.bot.refreshToken);
    });
    if (!stored?.bot) throw new TokenUnavailableError(`installation ${key} is gone`);
    return stored;
  }

  function remember(installation: StoredInstallation) {
    const known = latest.get(installation.key);
    if (!known || installation.updatedAt >= known.updatedAt) latest.set(installation.key, installation);
  }

  return {
    remember,
    async current(key) {
      const known = latest.get(key);
      if (!known?.bot) throw new TokenUnavailableError(`no installation ${key} in this process`);
      if (!expiring(known)) return known.bot.token;
      let pending = refreshing.get(key);
      if (!pending) {
        pending = refreshed(key).finally(() => refreshing.delete(key));
        refreshing.set(key, pending);
      }
      const stored = await pending;
      remember(stored);
      return stored.bot!.token;
    },
    forget(key) {
      latest.delete(key);
    },
  };
}
