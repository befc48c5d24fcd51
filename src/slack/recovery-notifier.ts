// Tells the person how a recovered invitation ended: in the modal if it is somehow still open,
// otherwise in a direct message, so an acknowledged submission never ends silently.
import type { WebClient } from '@slack/web-api';
import type { InviteRecord, PrivateInviteRecord } from '../invites/ports.js';
import type { Logger } from '../logger.js';
import { showOutcome } from './listeners/views/show-outcome.js';
import { shareChannelOutcomeView } from './views/invite-outcome.js';
import { privateInviteOutcomeView } from './views/private-invite-outcome.js';

export function createRecoveryNotifier(client: WebClient, appName: string, log: Logger) {
  return async (invite: InviteRecord | PrivateInviteRecord): Promise<void> => {
    const view =
      invite.kind === 'PRIVATE_CHANNEL' && 'recipients' in invite
        ? privateInviteOutcomeView(invite, { appName })
        : shareChannelOutcomeView(invite, { appName });
    await showOutcome(client, invite.viewId, invite.requesterUserId, view, log);
  };
}
