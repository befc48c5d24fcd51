// The direct message that reminds an inviter that nobody has accepted their Slack Connect
// invitation yet, and when it expires. Pure.
import type { KnownBlock } from '@slack/types';
import { expiresAt } from '../../invites/dashboard/status.js';
import type { InviteRecord } from '../../invites/ports.js';
import { inviteeText } from './invite-outcome.js';
import { channelMention, mrkdwn, plain, slackDate } from './text.js';
import { SHARE_CHANNEL_OUTCOME } from '../ids.js';

export function reminderMessage(invite: InviteRecord): { text: string; blocks: KnownBlock[] } {
  const when = slackDate(expiresAt(invite));
  const text = `:alarm_clock: ${inviteeText(invite)} has not accepted your invitation to ${channelMention(invite.channelId, invite.channelName)} yet. It expires ${when}.`;
  return {
    text,
    blocks: [
      { type: 'section', text: mrkdwn(text) },
      { type: 'context', elements: [mrkdwn('A nudge from you may help: Slack sent the invitation by email or to their Slack. Once it expires, you can send a new one, to a corrected address if need be.')] },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: SHARE_CHANNEL_OUTCOME.actions.resend, text: plain('Send again…', 75), value: invite.id }],
      },
    ],
  };
}
