// The short direct message an inviter gets when their invitation is accepted, approved or declined.
import type { KnownBlock } from '@slack/types';
import type { InviteRecord } from '../../invites/ports.js';
import { inviteeText } from './invite-outcome.js';
import { channelMention, mrkdwn } from './text.js';

export function lifecycleMessage(invite: InviteRecord): { text: string; blocks: KnownBlock[] } {
  const who = inviteeText(invite);
  const where = channelMention(invite.channelId, invite.channelName);
  let text: string;
  switch (invite.status) {
    case 'AWAITING_APPROVAL':
      text = `:hourglass: ${who} accepted your invitation to ${where}. An admin must approve it before they can join.`;
      break;
    case 'ACCEPTED':
      text = invite.approvedAt
        ? `:white_check_mark: Your invitation of ${who} to ${where} was approved: they can now take part.`
        : `:white_check_mark: ${who} accepted your invitation to ${where}.`;
      break;
    case 'DECLINED':
      text = `:no_entry_sign: Your invitation of ${who} to ${where} was declined.`;
      break;
    default:
      text = `Your invitation of ${who} to ${where} changed: ${invite.status.toLowerCase().replaceAll('_', ' ')}.`;
  }
  return {
    text,
    blocks: [
      { type: 'section', text: mrkdwn(text) },
      { type: 'context', elements: [mrkdwn('See all your invitations in the app’s Home tab.')] },
    ],
  };
}
