// The /share-channel form: which channel, whom (an email OR a person), and how much access.
import type { KnownBlock, ModalView } from '@slack/types';
import { MAX_CHANNEL_NAME_LENGTH } from '../../invites/channel-creation/name.js';
import { MAX_INVITEES } from '../../invites/share-channel/invitee-list.js';
import { singleDraftOf, type ShareForm } from '../parse/share-channel.js';
import { DEFAULT_MAX_FILE_BYTES as MAX_CSV_BYTES } from '../../invites/share-channel/invitee-file.js';
import { SHARE_CHANNEL } from '../ids.js';
import { checkingModal, problemBlocks } from './checking.js';
import { channelMention, mrkdwn, plain, safeText, userMention } from './text.js';

export interface ShareChannelPrefill {
  channelId?: string | undefined;
  /** The new channel the form named, as typed (an external_select's choice cannot be pre-filled without its text: chosen again). */
  newChannel?: { name: string; isPrivate: boolean; memberUserIds: readonly string[] } | undefined;
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
      optional: true,
      hint: plain('Or create a new one below.'),
      element: {
        type: 'conversations_select',
        action_id: actions.channel,
        placeholder: plain('Choose a channel'),
        ...(prefill.channelId ? { initial_conversation: prefill.channelId } : {}),
        filter: { include: ['public', 'private'], exclude_bot_users: true },
      },
    },
    ...newChannelBlocks(prefill),
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

const privateOption = { text: plain('Make it private'), description: plain('Only the people added can see it.', 75), value: SHARE_CHANNEL.privateOption };

/** Or a new channel: named here, created by the app with the person (and whoever they add) in it. */
function newChannelBlocks(prefill: ShareChannelPrefill): KnownBlock[] {
  const { blocks, actions } = SHARE_CHANNEL;
  const named = prefill.newChannel;
  return [
    {
      type: 'input',
      block_id: blocks.newChannel,
      optional: true,
      label: plain('Or create a new channel'),
      hint: plain(`Leave the channel above empty and name the new one: lower-case letters, numbers, hyphens and underscores, up to ${MAX_CHANNEL_NAME_LENGTH} characters. You are added to it, and so is the app.`),
      element: {
        type: 'plain_text_input',
        action_id: actions.newChannel,
        max_length: MAX_CHANNEL_NAME_LENGTH + 1,
        placeholder: plain('acme-partnership'),
        ...(named ? { initial_value: named.name } : {}),
      },
    },
    {
      type: 'input',
      block_id: blocks.newChannelPrivate,
      optional: true,
      label: plain('New channel’s visibility'),
      element: { type: 'checkboxes', action_id: actions.newChannelPrivate, options: [privateOption], ...(named?.isPrivate ? { initial_options: [privateOption] } : {}) },
    },
    {
      type: 'input',
      block_id: blocks.newChannelMembers,
      optional: true,
      label: plain('Also add colleagues to the new channel'),
      element: {
        type: 'multi_users_select',
        action_id: actions.newChannelMembers,
        placeholder: plain('Choose colleagues'),
        ...(named?.memberUserIds.length ? { initial_users: [...named.memberUserIds] } : {}),
      },
    },
    {
      type: 'input',
      block_id: blocks.newChannelGroup,
      optional: true,
      label: plain('Or a whole user group'),
      element: { type: 'external_select', action_id: actions.newChannelGroup, placeholder: plain('Type a group’s name'), min_query_length: 0 },
    },
  ];
}

/** The form as it was sent, to fill it in again (an uploaded file cannot be: Slack asks for it again). */
export function shareChannelPrefill(form: ShareForm): ShareChannelPrefill {
  return { channelId: form.channelId, emails: form.emailsText, userIds: form.userIds, externalLimited: form.externalLimited, newChannel: form.newChannel };
}

/** While Slack is still being asked whether the invitation may go. */
export function shareChannelCheckingView(form: ShareForm): ModalView {
  const single = singleDraftOf(form);
  const count = single ? 1 : form.userIds.length + (form.emailsText?.split(/[\s,;]+/).filter((t) => t.includes('@')).length ?? 0);
  const invitee = single?.email ? safeText(single.email, 254) : single?.userId ? userMention(single.userId) : form.fileIds.length ? 'the people in your file' : count > 0 ? `${count} people` : 'them';
  const channel = form.channelId ? channelMention(form.channelId) : 'the channel';
  return checkingModal('Checking', `Checking with Slack before inviting ${invitee} into ${channel}…`, '');
}
