// "Send again" as a new invitation: to the same person, or to a corrected email address. Pure.
import type { ModalView } from '@slack/types';
import type { InviteRecord } from '../../invites/ports.js';
import { RESEND } from '../ids.js';
import { modal } from './invite-outcome.js';
import { channelMention, mrkdwn, plain, safeText, userMention } from './text.js';

export function resendModal(invite: InviteRecord): ModalView {
  const access = invite.externalLimited === false ? 'full access' : 'limited (they can post)';
  return {
    type: 'modal',
    callback_id: RESEND.callbackId,
    private_metadata: invite.id,
    title: plain('Send again', 24),
    submit: plain('Send', 24),
    close: plain('Cancel', 24),
    blocks: [
      { type: 'section', text: mrkdwn(`A new Slack Connect invitation to ${channelMention(invite.channelId, invite.channelName)}, ${access}. The earlier one stays in your history, linked to it.`) },
      invite.inviteeEmail
        ? {
            type: 'input',
            block_id: RESEND.blocks.email,
            label: plain('Email address'),
            hint: plain('Correct it if the earlier one went to the wrong address.'),
            element: { type: 'email_text_input', action_id: RESEND.inputs.email, initial_value: invite.inviteeEmail },
          }
        : { type: 'section', text: mrkdwn(`To ${userMention(invite.inviteeUserId)}.`) },
    ],
  };
}

/** Why the form did not send it, in the modal's place (a form without an email field has nowhere inline to say it). */
export function resendRefusedModal(text: string): ModalView {
  return modal('Not sent again', [{ type: 'section', text: mrkdwn(safeText(text, 2900)) }]);
}
