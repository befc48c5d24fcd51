// Asks Slack whether an installation's stored bot token still works (auth.test): how an
// app_uninstalled or tokens_revoked event, which names no token and may be a retry from an hour
// ago, is told apart from a removal of the installation as it is now. Any doubt (no answer,
// an error) counts as not authorized: removing a token that still works costs a re-install,
// keeping one that does not would leave a dead installation in place.
import type { Config } from '../../config.js';
import type { InstallationRepository } from '../../db/installation-repository.js';
import type { Logger } from '../../logger.js';
import { standaloneClient } from '../clients.js';

export function queryOfKey(key: string): { teamId?: string; enterpriseId?: string; isEnterpriseInstall: boolean } | undefined {
  const [kind, id] = key.split(':');
  if (!id) return undefined;
  return kind === 'enterprise' ? { enterpriseId: id, isEnterpriseInstall: true } : kind === 'team' ? { teamId: id, isEnterpriseInstall: false } : undefined;
}

export function createTokenCheck(slack: Config['slack'], installations: Pick<InstallationRepository, 'find'>, logger: Logger) {
  const client = standaloneClient(slack, logger, { timeoutMs: 5000, retryConfig: { retries: 1 } });
  return async (key: string): Promise<boolean> => {
    const query = queryOfKey(key);
    const stored = query && (await installations.find(query));
    if (!stored?.bot) return false;
    try {
      return (await client.auth.test({ token: stored.bot.token })).ok === true;
    } catch {
      return false;
    }
  };
}
