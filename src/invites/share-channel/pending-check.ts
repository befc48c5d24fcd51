// Whether the app can ask Slack which Slack Connect invitations are pending. Listing them
// (conversations.listConnectInvites) needs the conversations.connect:manage scope, which only a
// workspace owner or admin can install; the default manifest does not ask for it. Without it the
// app cannot confirm whether an unanswered send reached Slack, so it never sends one again on its
// own: it tells the person, who can send it again (see service.ts, recovery.ts).
import type { Logger } from '../../logger.js';
import type { PendingInviteListing } from '../ports.js';

export const MANAGE_SCOPE = 'conversations.connect:manage';

export interface PendingCheck {
  /** False once the app knows it lacks the scope; true or unknown otherwise. */
  available(): boolean;
  /** The listing, or a missing_scope failure without asking Slack when the scope is known to be missing. */
  list(): Promise<PendingInviteListing>;
}

/**
 * `grantedScopes`: the token's scopes as Slack reported them at start-up (auth.test's
 * x-oauth-scopes), or undefined when it did not say; then the first missing_scope answer decides.
 */
export function createPendingCheck(list: () => Promise<PendingInviteListing>, grantedScopes: readonly string[] | undefined, log: Logger): PendingCheck {
  let available = grantedScopes === undefined || grantedScopes.includes(MANAGE_SCOPE);
  if (!available) log.info({ scope: MANAGE_SCOPE }, 'the app cannot list pending Slack Connect invitations; unconfirmed sends are left to the person to send again');
  return {
    available: () => available,
    async list() {
      if (!available) return { failure: { kind: 'slack_error', code: 'missing_scope', neededScope: MANAGE_SCOPE } };
      const listing = await list();
      if ('failure' in listing && listing.failure.kind === 'slack_error' && listing.failure.code === 'missing_scope') {
        available = false;
        log.warn({ scope: MANAGE_SCOPE }, 'Slack refused to list pending Slack Connect invitations (missing scope); unconfirmed sends are left to the person to send again');
      }
      return listing;
    },
  };
}
