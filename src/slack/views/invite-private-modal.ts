// The /invite-private form: which private channel, and whom to add to it.
import type { KnownBlock, ModalView } from '@slack/types';
import { MAX_PEOPLE, type PrivateDraft } from '../../invites/private-channel/validate.js';
import { INVITE_PRIVATE } from '../ids.js';
import { checkingModal, problemBlocks } from './checking.js';
import { channelMention, mrkdwn, plain } from './text.js';

export interface InvitePrivatePrefill {
  channelId?: string | undefined;
  userIds?: readonly string[];
}

/** `problems`: why the last try was refused, shown above the fields when the form comes back. */
export function invitePrivateModal(prefill: InvitePrivatePrefill = {}, problems?: readonly string[]): ModalView {
  const { blocks, actions } = INVITE_PRIVATE;
  const userIds = (prefill.userIds ?? []).slice(0, MAX_PEOPLE);
  const body: KnownBlock[] = [
    ...problemBlocks(problems),
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

/** While Slack is still being asked about the channel and the people chosen. */
export function invitePrivateCheckingView(draft: PrivateDraft): ModalView {
  const n = new Set(draft.userIds).size;
  const channel = draft.channelId ? channelMention(draft.channelId) : 'the channel';
  const people = n === 1 ? 'the person you chose' : `the ${n} people you chose`;
  return checkingModal(
    'Checking',
    `Checking ${channel} and ${people} with Slack before adding them…`,
    n > 20 ? 'With many people this can take a minute or two: the app stays within Slack’s limits on how fast it may ask.' : '',
  );
}
