// The direct message the person who asked for an invitation gets when an admin (or a trusted-
// organization rule) decides it: approved, declined (with the reason), or, for an Enterprise
// invite request, sent or denied. Pure.
import type { KnownBlock } from '@slack/types';
import type { Approval } from '../../invites/approvals/types.js';
import { channelMention, mrkdwn, safeText } from './text.js';

function invitee(a: Approval): string {
  if (a.recipientEmail) return safeText(a.recipientEmail, 200);
  if (a.recipientUserId) return `<@${a.recipientUserId}>`;
  return a.otherTeam?.name ? `people of ${safeText(a.otherTeam.name, 100)}` : 'the other organization';
}

export function approvalDecisionMessage(a: Approval): { text: string; blocks: KnownBlock[] } {
  const where = a.channelId ? channelMention(a.channelId, a.channelName) : 'the channel';
  const by = a.decidedByRule ? 'automatically (the organization is on your workspace’s trusted list)' : a.decidedByUserId ? `by <@${a.decidedByUserId}>` : 'by an admin';
  const reason = a.reason ? `\n>${safeText(a.reason, 600).replace(/\n/g, '\n>')}` : '';
  let text: string;
  if (a.kind === 'INVITE_REQUEST') {
    text = a.status === 'APPROVED'
      ? `:white_check_mark: Your request to invite ${invitee(a)} to ${where} was approved ${by}: the invitation is on its way.`
      : `:no_entry_sign: Your request to invite ${invitee(a)} to ${where} was denied ${by}.${reason}`;
  } else {
    text = a.status === 'APPROVED'
      ? `:white_check_mark: ${invitee(a)}'s acceptance of the invitation to ${where} was approved ${by}.`
      : `:no_entry_sign: ${invitee(a)}'s acceptance of the invitation to ${where} was declined ${by}.${reason}`;
  }
  return {
    text,
    blocks: [
      { type: 'section', text: mrkdwn(text) },
      { type: 'context', elements: [mrkdwn('See all your invitations in the app’s Home tab.')] },
    ],
  };
}
