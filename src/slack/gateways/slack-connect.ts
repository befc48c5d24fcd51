// conversations.inviteShared through a client that never retries by itself: re-sending an
// invitation is the service's decision (it must never send one twice).
import type { WebClient } from '@slack/web-api';
import type { InviteSharedArgs, InviteSharedResult, SlackConnectGateway } from '../../invites/ports.js';
import { classifyCallError, warningsOf } from './classify.js';

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
  };
}
