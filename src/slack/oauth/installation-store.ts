// Bolt's InstallationStore over the installation repository: maps @slack/oauth's Installation
// (expiry in unix seconds) to and from StoredInstallation (Dates). What the schema does not keep
// (incomingWebhook, enterpriseUrl, metadata) is not returned; the app asks for none of them.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import { installationKey, type InstallationRepository, type InstallationTokens, type StoredInstallation } from '../../db/installation-repository.js';

const toDate = (seconds: number | undefined | null) => (seconds === undefined || seconds === null ? undefined : new Date(seconds * 1000));
const toSeconds = (date: Date | undefined) => (date === undefined ? undefined : Math.floor(date.getTime() / 1000));

const describe = (q: InstallationQuery<boolean>) =>
  `${q.isEnterpriseInstall ? 'org-wide install of ' : ''}team ${q.teamId ?? '(none)'}, enterprise ${q.enterpriseId ?? '(none)'}`;

function tokens(t: { token?: string | undefined; refreshToken?: string | undefined; expiresAt?: number | undefined }): InstallationTokens | undefined {
  return t.token ? { token: t.token, refreshToken: t.refreshToken ?? undefined, expiresAt: toDate(t.expiresAt) } : undefined;
}

function toInstallation(s: StoredInstallation, forUserId: string | undefined): Installation {
  // The installer's user token goes to the installer only, as Bolt's FileInstallationStore does:
  // a request from someone else must not act with another person's token.
  const userTokens = forUserId === undefined || forUserId === s.user?.id ? s.user?.tokens : undefined;
  return {
    team: s.teamId ? { id: s.teamId, name: s.teamName } : undefined,
    enterprise: s.enterpriseId ? { id: s.enterpriseId, name: s.enterpriseName } : undefined,
    isEnterpriseInstall: s.isEnterpriseInstall,
    // Only oauth.v2.access installations are stored; Bolt refreshes rotated tokens only for v2.
    authVersion: 'v2',
    appId: s.appId,
    tokenType: s.tokenType === 'bot' ? 'bot' : undefined,
    bot: s.bot && {
      id: s.bot.id,
      userId: s.bot.userId,
      scopes: s.bot.scopes,
      token: s.bot.token,
      refreshToken: s.bot.refreshToken,
      expiresAt: toSeconds(s.bot.expiresAt),
    },
    // Bolt checks for a missing user (its stores may return rows without one).
    user: (s.user && {
      id: s.user.id,
      scopes: userTokens ? s.user.scopes : undefined,
      token: userTokens?.token,
      refreshToken: userTokens?.refreshToken,
      expiresAt: toSeconds(userTokens?.expiresAt),
    }) as Installation['user'],
  };
}

export function createPrismaInstallationStore(repo: InstallationRepository): InstallationStore {
  return {
    async storeInstallation(installation) {
      if (installation.authVersion === 'v1') throw new Error('OAuth v1 installations (oauth.access) are not supported: install through oauth.v2.access.');
      const { team, enterprise, bot, user } = installation;
      await repo.save({
        teamId: team?.id,
        teamName: team?.name ?? undefined,
        enterpriseId: enterprise?.id,
        enterpriseName: enterprise?.name ?? undefined,
        isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
        appId: installation.appId ?? undefined,
        tokenType: installation.tokenType ?? undefined,
        bot: bot && { id: bot.id, userId: bot.userId, scopes: bot.scopes, ...(tokens(bot) ?? { token: bot.token }) },
        user: user && { id: user.id, scopes: user.scopes ?? undefined, tokens: tokens(user) },
      });
    },

    async fetchInstallation(query) {
      // A workspace query falls back to its org's org-wide install only when it names the org.
      const found = query.isEnterpriseInstall
        ? query.enterpriseId
          ? await repo.find({ enterpriseId: query.enterpriseId, isEnterpriseInstall: true })
          : undefined
        : query.teamId
          ? await repo.findForWorkspace(query.teamId, query.enterpriseId)
          : undefined;
      // Bolt's authorize turns this into an AuthorizationError: the request is for no installation.
      if (!found) throw new Error(`No installation for ${describe(query)}`);
      return toInstallation(found, query.userId);
    },

    async deleteInstallation(query) {
      // The installation's own key only: a workspace's uninstall never removes its org's install.
      const key = installationKey({ teamId: query.teamId, enterpriseId: query.enterpriseId, isEnterpriseInstall: query.isEnterpriseInstall });
      if (query.userId) await repo.revokeTokens(key, { userIds: [query.userId] });
      else await repo.delete(key);
    },
  };
}
