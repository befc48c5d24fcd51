// The /share-channel form: which channel, whom (an email OR a person), and how much access.
import type { KnownBlock, ModalView } from '@slack/types';
import { MAX_INVITEES } from '../../invites/share-channel/invitee-list.js';
import { singleDraftOf, type ShareForm } from '../parse/share-channel.js';
import { DEFAULT_MAX_FILE_BYTES as MAX_CSV_BYTES } from '../../invites/share-channel/invitee-file.js';
import { SHARE_CHANNEL } from '../ids.js';
import { checkingModal, problemBlocks } from './checking.js';
import { channelMention, mrkdwn, plain, safeText, userMention } from './text.js';

export interface ShareChannelPrefill {
  channelId?: string | undefined;
  /** The email box as it was: one address or a list. */
  emails?: string | undefined;
  userIds?: readonly string[] | undefined;
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
      label: plain('Their email addresses'),
      hint: plain(`One or more, for anyone, whether or not their organization uses Slack yet. Paste a list (new lines, commas or spaces; “Name <email>” works) or CSV with an email column; up to ${MAX_INVITEES}.`),
      element: {
        type: 'plain_text_input',
        action_id: actions.email,
        multiline: true,
        max_length: 3000,
        placeholder: plain('name@partner.com'),
        ...(prefill.emails ? { initial_value: prefill.emails.slice(0, 3000) } : {}),
      },
    },
    {
      type: 'input',
      block_id: blocks.user,
      optional: true,
      label: plain('Or people you are already connected with'),
      hint: plain('Slack sends each person their own invitation.'),
      element: {
        type: 'multi_users_select',
        action_id: actions.user,
        placeholder: plain('Choose people'),
        max_selected_items: MAX_INVITEES,
        ...(prefill.userIds?.length ? { initial_users: [...prefill.userIds] } : {}),
      },
    },
    {
      type: 'input',
      block_id: blocks.file,
      optional: true,
      label: plain('Or upload a CSV'),
      hint: plain(`A CSV file with an email column (and, if you like, a name column), up to ${Math.round(MAX_CSV_BYTES / 1024 / 1024)} MB.`),
      element: { type: 'file_input', action_id: actions.file, filetypes: ['csv', 'txt'], max_files: 1 },
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

/** The form as it was sent, to fill it in again (an uploaded file cannot be: Slack asks for it again). */
export function shareChannelPrefill(form: ShareForm): ShareChannelPrefill {
  return { channelId: form.channelId, emails: form.emailsText, userIds: form.userIds, externalLimited: form.externalLimited };
}

/** While Slack is still being asked whether the invitation may go. */
export function shareChannelCheckingView(form: ShareForm): ModalView {
  const single = singleDraftOf(form);
  const count = single ? 1 : form.userIds.length + (form.emailsText?.split(/[\s,;]+/).filter((t) => t.includes('@')).length ?? 0);
  const invitee = single?.email ? safeText(single.email, 254) : single?.userId ? userMention(single.userId) : form.fileIds.length ? 'the people in your file' : count > 0 ? `${count} people` : 'them';
  const channel = form.channelId ? channelMention(form.channelId) : 'the channel';
  return checkingModal('Checking', `Checking with Slack before inviting ${invitee} into ${channel}…`, '');
}
