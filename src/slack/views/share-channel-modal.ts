// The /share-channel form: which channel, whom (an email OR a person), and how much access.
import type { KnownBlock, ModalView } from '@slack/types';
import type { ShareDraft } from '../../invites/share-channel/validate.js';
import { SHARE_CHANNEL } from '../ids.js';
import { checkingModal, problemBlocks } from './checking.js';
import { channelMention, mrkdwn, plain, safeText, userMention } from './text.js';

export interface ShareChannelPrefill {
  channelId?: string | undefined;
  email?: string | undefined;
  userId?: string | undefined;
  externalLimited?: boolean;
}

/** What limited access leaves out (also said when access is changed after acceptance: views/access-buttons.ts). */
export const LIMITED_CANNOT = 'invite others, export the history, or change the channel’s visibility, topic or name';

export const LIMITED_DESCRIPTION = `Limited guests can only post messages: they cannot ${LIMITED_CANNOT}. Untick to let them do those things too.`;

/** `problems`: why the last try was refused, shown above the fields when the form comes back. */
export function shareChannelModal(prefill: ShareChannelPrefill = {}, problems?: readonly string[]): ModalView {
  const { blocks, actions } = SHARE_CHANNEL;
  const limitedOption = {
    text: plain('Limited access (recommended)'),
    description: plain('They can only post messages in the channel.', 75),
    value: SHARE_CHANNEL.limitedOption,
  };
  const body: KnownBlock[] = [
    ...problemBlocks(problems),
    {
      type: 'section',
      text: mrkdwn('Invite someone from another organization into a channel with *Slack Connect*. Slack sends them an invitation to accept.'),
    },
    {
      type: 'input',
      block_id: blocks.channel,
      label: plain('Channel'),
      element: {
        type: 'conversations_select',
        action_id: actions.channel,
        placeholder: plain('Choose a channel'),
        ...(prefill.channelId ? { initial_conversation: prefill.channelId } : {}),
        filter: { include: ['public', 'private'], exclude_bot_users: true },
      },
    },
    {
      type: 'input',
      block_id: blocks.email,
      optional: true,
      label: plain('Their email address'),
      hint: plain('For anyone, whether or not their organization uses Slack yet.'),
      element: {
        type: 'email_text_input',
        action_id: actions.email,
        placeholder: plain('name@partner.com'),
        ...(prefill.email ? { initial_value: prefill.email } : {}),
      },
    },
    {
      type: 'input',
      block_id: blocks.user,
      optional: true,
      label: plain('Or someone you are already connected with'),
      hint: plain('Fill in the email address or choose a person: Slack invites one at a time.'),
      element: {
        type: 'users_select',
        action_id: actions.user,
        placeholder: plain('Choose a person'),
        ...(prefill.userId ? { initial_user: prefill.userId } : {}),
      },
    },
    {
      type: 'input',
      block_id: blocks.limited,
      optional: true,
      label: plain('Access'),
      hint: plain(LIMITED_DESCRIPTION),
      element: {
        type: 'checkboxes',
        action_id: actions.limited,
        options: [limitedOption],
        ...(prefill.externalLimited === false ? {} : { initial_options: [limitedOption] }),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: SHARE_CHANNEL.callbackId,
    title: plain('Share a channel'),
    submit: plain('Send invitation'),
    close: plain('Cancel'),
    blocks: body,
  };
}

/** The form as it was sent, to fill it in again. */
export function shareChannelPrefill(draft: ShareDraft): ShareChannelPrefill {
  return { channelId: draft.channelId, email: draft.email, userId: draft.userId, externalLimited: draft.externalLimited };
}

/** While Slack is still being asked whether the invitation may go. */
export function shareChannelCheckingView(draft: ShareDraft): ModalView {
  const invitee = draft.email ? safeText(draft.email, 254) : draft.userId ? userMention(draft.userId) : 'them';
  const channel = draft.channelId ? channelMention(draft.channelId) : 'the channel';
  return checkingModal('Checking', `Checking with Slack before inviting ${invitee} into ${channel}…`, '');
}
