// The /invite-private form: which private channel, and whom to add to it.
import type { KnownBlock, ModalView } from '@slack/types';
import { MAX_PEOPLE } from '../../invites/private-channel/validate.js';
import { INVITE_PRIVATE } from '../ids.js';
import { mrkdwn, plain } from './text.js';

export interface InvitePrivatePrefill {
  channelId?: string | undefined;
  userIds?: readonly string[];
}

export function invitePrivateModal(prefill: InvitePrivatePrefill = {}): ModalView {
  const { blocks, actions } = INVITE_PRIVATE;
  const userIds = (prefill.userIds ?? []).slice(0, MAX_PEOPLE);
  const body: KnownBlock[] = [
    {
      type: 'section',
      text: mrkdwn('Add colleagues to a *private channel* you are a member of. The app must be in the channel too.'),
    },
    {
      type: 'input',
      block_id: blocks.channel,
      label: plain('Private channel'),
      element: {
        type: 'conversations_select',
        action_id: actions.channel,
        placeholder: plain('Choose a private channel'),
        ...(prefill.channelId ? { initial_conversation: prefill.channelId } : {}),
        filter: { include: ['private'], exclude_bot_users: true },
      },
    },
    {
      type: 'input',
      block_id: blocks.users,
      label: plain('People to add'),
      hint: plain(`Up to ${MAX_PEOPLE} people from your workspace. Each gets their own result.`),
      element: {
        type: 'multi_users_select',
        action_id: actions.users,
        placeholder: plain('Choose people'),
        max_selected_items: MAX_PEOPLE,
        ...(userIds.length > 0 ? { initial_users: userIds } : {}),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: INVITE_PRIVATE.callbackId,
    title: plain('Private channel invite'),
    submit: plain('Add them'),
    close: plain('Cancel'),
    blocks: body,
  };
}
