// conversations.externalInvitePermissions.set (invites/access/ports.ts): one external team of a
// Slack Connect channel between limited (post only) and full access. The client never retries by
// itself: whether to change it again is the person's call.
import type { WebClient } from '@slack/web-api';
import type { Access, ExternalAccessGateway } from '../../invites/access/ports.js';
import type { AdminCallResult } from '../../invites/approvals/ports.js';
import { classifyCallError } from './classify.js';

/** Slack's words for the two changes. */
export const ACTION_FOR: Readonly<Record<Access, 'upgrade' | 'downgrade'>> = { full: 'upgrade', limited: 'downgrade' };

export function createExternalAccessGateway(client: WebClient): ExternalAccessGateway {
  return {
    async setAccess(channelId, targetTeam, to): Promise<AdminCallResult> {
      try {
        // The SDK POSTs, as DSD-JSON documents it (the legacy page shows GET; the arguments are the same).
        await client.conversations.externalInvitePermissions.set({ channel: channelId, target_team: targetTeam, action: ACTION_FOR[to] });
        return { ok: true } as AdminCallResult;
      } catch (error) {
        return { ok: false, ...classifyCallError(error) };
      }
    },
  };
}
