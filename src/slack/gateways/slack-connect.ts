// conversations.inviteShared through a client that never retries by itself: re-sending an
// invitation is the service's decision (it must never send one twice).
import type { WebClient } from '@slack/web-api';
import type { InviteSharedArgs, InviteSharedResult, PendingInvite, PendingInviteListing, SlackConnectGateway } from '../../invites/ports.js';
import { classifyCallError, warningsOf } from './classify.js';

/** conversations.listConnectInvites is Tier 1 (about a call a minute): the pages one listing may spend. */
const MAX_INVITE_PAGES = 10;

interface ConnectInvitesPage {
  invites?: Array<{
    direction?: string;
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

    async listPendingInvites(): Promise<PendingInviteListing> {
      const invites: PendingInvite[] = [];
      let cursor: string | undefined;
      try {
        for (let page = 0; page < MAX_INVITE_PAGES; page++) {
          const result = (await client.conversations.listConnectInvites({ count: 500, ...(cursor ? { cursor } : {}) })) as unknown as ConnectInvitesPage;
          for (const entry of result.invites ?? []) {
            const invite = entry.invite;
            // Invitations to this workspace are listed too; only the ones it sent can be ours.
            if (!entry.channel?.id || !invite?.id || entry.direction === 'incoming') continue;
            invites.push({
              inviteId: invite.id,
              channelId: entry.channel.id,
              email: invite.recipient_email?.toLowerCase(),
              userId: invite.recipient_user_id,
              dateInvalid: typeof invite.date_invalid === 'number' ? new Date(invite.date_invalid * 1000) : undefined,
            });
          }
          cursor = result.response_metadata?.next_cursor || undefined;
          if (!cursor) break;
        }
        return { invites };
      } catch (error) {
        return { failure: classifyCallError(error) };
      }
    },
  };
}
