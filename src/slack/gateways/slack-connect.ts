// conversations.inviteShared through a client that never retries by itself: re-sending an
// invitation is the service's decision (it must never send one twice).
import type { WebClient } from '@slack/web-api';
import type { InviteSharedArgs, InviteSharedResult, PendingInviteLookup, SlackConnectGateway } from '../../invites/ports.js';
import { classifyCallError, warningsOf } from './classify.js';

/** conversations.listConnectInvites is Tier 1: a handful of pages is all one look-up may spend. */
const MAX_INVITE_PAGES = 4;

interface ConnectInvitesPage {
  invites?: Array<{
    channel?: { id?: string };
    invite?: { id?: string; recipient_email?: string; recipient_user_id?: string; date_invalid?: number };
  }>;
  response_metadata?: { next_cursor?: string };
}

export function createSlackConnectGateway(client: WebClient): SlackConnectGateway {
  return {
    async inviteShared({ channelId, invitee, externalLimited }: InviteSharedArgs): Promise<InviteSharedResult> {
      try {
        const result = await client.conversations.inviteShared({
          channel: channelId,
          ...('email' in invitee ? { emails: [invitee.email] } : { user_ids: [invitee.userId] }),
          // Sent explicitly either way: Slack's default (limited) must not decide for the person.
          external_limited: externalLimited,
        } as Parameters<WebClient['conversations']['inviteShared']>[0]);
        const answer = result as typeof result & { url?: string; conf_code?: string };
        const ok: InviteSharedResult = {
          ok: true,
          inviteId: String(answer.invite_id),
          isLegacySharedChannel: answer.is_legacy_shared_channel === true,
          warnings: warningsOf(result),
        };
        if (answer.url) ok.url = answer.url;
        if (answer.conf_code) ok.confCode = answer.conf_code;
        return ok;
      } catch (error) {
        const failure = classifyCallError(error);
        const data = (error as { data?: Parameters<typeof warningsOf>[0] }).data;
        return { ok: false, ...failure, warnings: warningsOf(data) };
      }
    },

    async findPendingInvite({ channelId, invitee }: InviteSharedArgs): Promise<PendingInviteLookup> {
      let cursor: string | undefined;
      try {
        for (let page = 0; page < MAX_INVITE_PAGES; page++) {
          const result = (await client.conversations.listConnectInvites({ count: 500, ...(cursor ? { cursor } : {}) })) as unknown as ConnectInvitesPage;
          for (const entry of result.invites ?? []) {
            const invite = entry.invite;
            if (entry.channel?.id !== channelId || !invite?.id) continue;
            const matches = 'email' in invitee ? invite.recipient_email?.toLowerCase() === invitee.email : invite.recipient_user_id === invitee.userId;
            if (!matches) continue;
            const dateInvalid = typeof invite.date_invalid === 'number' ? new Date(invite.date_invalid * 1000) : undefined;
            return { found: true, inviteId: invite.id, ...(dateInvalid ? { dateInvalid } : {}) };
          }
          cursor = result.response_metadata?.next_cursor || undefined;
          if (!cursor) break;
        }
        return { found: false };
      } catch (error) {
        return { failure: classifyCallError(error) };
      }
    },
  };
}
