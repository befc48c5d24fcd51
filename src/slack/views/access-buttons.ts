// The App Home row's button that changes an accepted partner's access, with Slack's confirm
// dialog saying what changes, and the line saying who changed it last. Pure Block Kit.
import type { Button } from '@slack/types';
import type { Access } from '../../invites/access/ports.js';
import { accessOf, otherAccess } from '../../invites/access/rules.js';
import type { InviteRecord } from '../../invites/ports.js';
import { HOME } from '../ids.js';
import { LIMITED_CANNOT } from './share-channel-modal.js';
import { plain, slackDate, userMention } from './text.js';

/** The button's label for the access it gives (also named in "click … again"). */
export const ACCESS_BUTTON_LABEL: Readonly<Record<Access, string>> = { full: 'Give full access', limited: 'Limit to posting only' };

const CONFIRM: Readonly<Record<Access, { title: string; text: string; confirm: string }>> = {
  full: {
    title: 'Give full access?',
    text: `Everyone from the partner organization in this channel will be able to do more than post: ${LIMITED_CANNOT.replace(/, or /, ', and ')}. You can limit them to posting again later.`,
    confirm: 'Give full access',
  },
  limited: {
    title: 'Limit to posting only?',
    text: `Everyone from the partner organization in this channel will only be able to post messages: they will no longer ${LIMITED_CANNOT}. You can give full access again later.`,
    confirm: 'Limit access',
  },
};

/** The action_id of the button that gives `to`. */
export const ACCESS_ACTION: Readonly<Record<Access, string>> = { full: HOME.actions.giveFullAccess, limited: HOME.actions.limitAccess };

/** The button that switches the invitation's partner to the other access. */
export function accessButton(invite: Pick<InviteRecord, 'id' | 'externalLimited'>): Button {
  const to = otherAccess(accessOf(invite));
  const c = CONFIRM[to];
  return {
    type: 'button',
    action_id: ACCESS_ACTION[to],
    text: plain(ACCESS_BUTTON_LABEL[to], 75),
    value: invite.id,
    ...(to === 'limited' ? { style: 'danger' as const } : {}),
    confirm: { title: plain(c.title, 100), text: plain(c.text, 300), confirm: plain(c.confirm, 30), deny: plain('Cancel', 30), ...(to === 'limited' ? { style: 'danger' as const } : {}) },
  };
}

/** "Full access given by @x on …": the row's note of the last change, if any. */
export function accessChangeNote(invite: Pick<InviteRecord, 'externalLimited' | 'accessChangedAt' | 'accessChangedByUserId'>): string | undefined {
  if (!invite.accessChangedAt) return undefined;
  const what = accessOf(invite) === 'full' ? 'Full access given' : 'Limited to posting';
  return `${what} by ${userMention(invite.accessChangedByUserId)} on ${slackDate(invite.accessChangedAt)}`;
}
