// What became of an invitation, as the modal shows it once the form is sent: while it is on its
// way, when Slack has accepted it, and when Slack (or the app) could not send it.
import type { KnownBlock, ModalView } from '@slack/types';
import { UNCONFIRMED } from '../../invites/call-failure.js';
import { explainError, type ErrorExplanation, type SlackMethod } from '../../invites/error-catalogue.js';
import type { InviteRecord } from '../../invites/ports.js';
import { canSendAsLimited, resendable } from '../../invites/share-channel/outcome.js';
import { SHARE_CHANNEL_OUTCOME } from '../ids.js';
import { explanationBlocks } from './explanation.js';
import { channelMention, deferredUntil, mrkdwn, plain, safeText, slackTime, userMention } from './text.js';

export interface OutcomeOptions {
  appName: string;
  now?: Date;
}

export function inviteeText(invite: Pick<InviteRecord, 'inviteeEmail' | 'inviteeUserId'>): string {
  return invite.inviteeEmail ? safeText(invite.inviteeEmail, 254) : userMention(invite.inviteeUserId);
}

/** Explains the invite's error, or `code` (one person's) with the invite's details where it is the same error. */
export function explainInviteError(invite: InviteRecord, options: OutcomeOptions, code: string = invite.errorCode ?? 'unknown_error'): ErrorExplanation {
  const details = code === invite.errorCode;
  return explainError(code, {
    method: invite.method as SlackMethod,
    appName: options.appName,
    now: options.now ?? new Date(),
    ...(details && invite.retryAfterSeconds !== null ? { retryAfterSeconds: invite.retryAfterSeconds } : {}),
    ...(details && invite.errorDetail && code === 'missing_scope' ? { neededScope: invite.errorDetail } : {}),
  });
}

export function shareChannelOutcomeView(invite: InviteRecord, options: OutcomeOptions): ModalView {
  const channel = channelMention(invite.channelId, invite.channelName);
  const invitee = inviteeText(invite);
  const access = invite.externalLimited === false ? 'Full (can post, invite others and more)' : 'Limited (can only post messages)';
  const summary: KnownBlock = {
    type: 'section',
    fields: [mrkdwn(`*Channel*\n${channel}`), mrkdwn(`*Invitee*\n${invitee}`), mrkdwn(`*Access*\n${access}`)],
  };

  if (invite.status === 'SENDING' && invite.errorCode) {
    return modal('Not confirmed yet', [
      { type: 'section', text: mrkdwn(`:hourglass: Slack has not confirmed the invitation to ${invitee} yet.`) },
      summary,
      { type: 'divider' },
      ...explanationBlocks(explainInviteError(invite, options)),
    ]);
  }

  if (invite.status === 'RECORDED' && invite.errorCode === 'ratelimited') {
    const goesAt = deferredUntil(invite, options.now);
    return modal('Waiting for Slack', [
      { type: 'section', text: mrkdwn(`:hourglass: Slack is limiting how many invitations can be sent right now. The invitation to ${invitee} goes ${slackTime(goesAt)}.`) },
      summary,
      { type: 'context', elements: [mrkdwn('Nothing to do: you can close this, and a message will tell you when it is sent. It is also in the app’s Home tab.')] },
    ]);
  }

  if (invite.status === 'RECORDED' || invite.status === 'SENDING') {
    return modal('Sending invitation', [
      { type: 'section', text: mrkdwn(`:hourglass_flowing_sand: Sending the invitation to ${invitee}…`) },
      summary,
      { type: 'context', elements: [mrkdwn('This updates by itself. You can close it: the outcome will also be in the app’s Home tab.')] },
    ]);
  }

  if (invite.status === 'FAILED' && invite.errorCode === UNCONFIRMED) {
    return modal('Not confirmed', [
      { type: 'section', text: mrkdwn(`:grey_question: Slack has not confirmed whether the invitation to ${invitee} was sent.`) },
      summary,
      { type: 'divider' },
      ...explanationBlocks(explainInviteError(invite, options)),
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: SHARE_CHANNEL_OUTCOME.actions.sendAgain, text: plain('Send again'), value: invite.id }],
      },
    ]);
  }

  if (invite.status === 'FAILED') {
    return modal('Invitation not sent', [
      { type: 'section', text: mrkdwn(`:warning: The invitation to ${invitee} was not sent.`) },
      summary,
      { type: 'divider' },
      ...explanationBlocks(explainInviteError(invite, options)),
      // The workspace allows only limited invitations: one click sends it that way.
      ...(canSendAsLimited(invite)
        ? [
            { type: 'section', text: mrkdwn('You can send it as a *limited* invitation instead: they can post in the channel, but not invite others or change it.') } as KnownBlock,
            { type: 'actions', elements: [{ type: 'button', style: 'primary', action_id: SHARE_CHANNEL_OUTCOME.actions.sendAsLimited, text: plain('Send as limited instead'), value: invite.id }] } as KnownBlock,
          ]
        : resendable(invite, 'failed')
          ? [{ type: 'actions', elements: [{ type: 'button', action_id: SHARE_CHANNEL_OUTCOME.actions.resend, text: plain('Send again…'), value: invite.id }] } as KnownBlock]
          : []),
    ]);
  }

  const fields = [...(summary.type === 'section' && summary.fields ? summary.fields : [])];
  if (invite.slackInviteId) fields.push(mrkdwn(`*Invite ID*\n\`${safeText(invite.slackInviteId, 40)}\``));
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(`:white_check_mark: Slack sent the invitation to ${invitee}.`) },
    { type: 'section', fields },
  ];
  if (invite.joinUrl || invite.confCode) {
    const lines = [];
    if (invite.joinUrl) lines.push(`*Join link*\n${safeText(invite.joinUrl, 500)}`);
    if (invite.confCode) lines.push(`*Confirmation code*\n\`${safeText(invite.confCode, 40)}\``);
    blocks.push({ type: 'section', text: mrkdwn(lines.join('\n')) });
  }
  blocks.push({
    type: 'context',
    elements: [
      mrkdwn(
        invite.inviteeEmail
          ? 'They will get an email with a link to accept. If your workspace requires approval, an admin approves it after they accept. Follow it in the app’s Home tab.'
          : 'They will get a notification in Slack to accept. If your workspace requires approval, an admin approves it after they accept. Follow it in the app’s Home tab.',
      ),
    ],
  });
  return modal('Invitation sent', blocks);
}

export function modal(title: string, blocks: KnownBlock[]): ModalView {
  return { type: 'modal', title: plain(title, 24), close: plain('Done'), blocks };
}
