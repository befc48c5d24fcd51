// The approvals' forms: a reason to decline (or deny a request), the channel an accepted
// invitation becomes here, and a partner organization to trust; with the checks their inline
// errors use. The approval's ID rides in private_metadata; the server re-reads the approval. Pure.
import { MAX_CHANNEL_NAME, suggestedChannelName } from '../../invites/approvals/channel-name.js';
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Approval } from '../../invites/approvals/types.js';
import { APPROVALS } from '../ids.js';
import { approvalHeadline } from './approval-card.js';
import { mrkdwn, plain } from './text.js';

/** conversations.requestSharedInvite.deny takes a reason of at most 560 characters; a decline keeps the same. */
export const MAX_REASON = 560;

/** What the modals carry in private_metadata (JSON). */
export interface ApprovalModalMetadata {
  approvalId: string;
  kind?: 'decline' | 'deny';
}

const metadata = (m: ApprovalModalMetadata) => JSON.stringify(m);

// The modals' sentence is the card's; the app is not named in it (no "through <app>" needed).
const summary = (approval: Approval): KnownBlock => ({ type: 'section', text: mrkdwn(approvalHeadline(approval, 'the app')) });

export function declineReasonModal(approval: Approval, { kind }: { kind: 'decline' | 'deny' }): ModalView {
  const deny = kind === 'deny';
  return {
    type: 'modal',
    callback_id: APPROVALS.callbacks.declineReason,
    private_metadata: metadata({ approvalId: approval.id, kind }),
    title: plain(deny ? 'Deny the request' : 'Decline the invitation', 24),
    submit: plain(deny ? 'Deny' : 'Decline', 24),
    close: plain('Cancel', 24),
    blocks: [
      summary(approval),
      {
        type: 'input',
        block_id: APPROVALS.blocks.reason,
        optional: true,
        label: plain('Reason'),
        // The port: a denial's reason goes to Slack; declineSharedInvite takes none.
        hint: plain(
          deny
            ? `Slack sends it to the person who asked, with the denial. Up to ${MAX_REASON} characters.`
            : `Kept with the decision and shown on the approval card; Slack does not pass it on. Up to ${MAX_REASON} characters.`,
        ),
        element: { type: 'plain_text_input', action_id: APPROVALS.inputs.reason, multiline: true, max_length: MAX_REASON },
      },
    ],
  };
}

const PRIVACY_OPTIONS: Record<'public' | 'private', PlainTextOption> = {
  public: { text: plain('Public', 75), description: plain('Anyone in this workspace can find and join it.', 75), value: APPROVALS.privacyOptions.public },
  private: { text: plain('Private', 75), description: plain('Only people who are added can see it.', 75), value: APPROVALS.privacyOptions.private },
};

export function acceptInviteModal(approval: Approval): ModalView {
  const name = suggestedChannelName(approval.channelName);
  return {
    type: 'modal',
    callback_id: APPROVALS.callbacks.acceptInvite,
    private_metadata: metadata({ approvalId: approval.id }),
    title: plain('Accept the invitation', 24),
    submit: plain('Accept', 24),
    close: plain('Cancel', 24),
    blocks: [
      summary(approval),
      {
        type: 'input',
        block_id: APPROVALS.blocks.channelName,
        label: plain('Channel name in this workspace'),
        hint: plain(`Lower case letters, numbers, hyphens and underscores; up to ${MAX_CHANNEL_NAME} characters.`),
        element: { type: 'plain_text_input', action_id: APPROVALS.inputs.channelName, max_length: MAX_CHANNEL_NAME, ...(name ? { initial_value: name } : {}) },
      },
      {
        type: 'input',
        block_id: APPROVALS.blocks.privacy,
        label: plain('Who can see it here'),
        element: {
          type: 'radio_buttons',
          action_id: APPROVALS.inputs.privacy,
          options: [PRIVACY_OPTIONS.public, PRIVACY_OPTIONS.private],
          initial_option: PRIVACY_OPTIONS[approval.isPrivate ? 'private' : 'public'],
        },
      },
    ],
  };
}

export function addTrustedModal(): ModalView {
  return {
    type: 'modal',
    callback_id: APPROVALS.callbacks.addTrusted,
    title: plain('Trust an organization', 24),
    submit: plain('Add', 24),
    close: plain('Cancel', 24),
    blocks: [
      {
        type: 'section',
        text: mrkdwn('Slack Connect invitations with a trusted organization are approved, and its invitations to the app accepted, without asking an admin.'),
      },
      {
        type: 'input',
        block_id: APPROVALS.blocks.trustedTeamId,
        label: plain('Their workspace or organization ID'),
        hint: plain(
          'Starts with T for a workspace or E for an Enterprise Grid organization, like T0123ABCD. It is on the approval cards of their earlier invitations; their admins find it in the address of Slack in a browser (app.slack.com/client/T…).',
        ),
        element: { type: 'plain_text_input', action_id: APPROVALS.inputs.trustedTeamId, placeholder: plain('T0123ABCD', 150), max_length: 40 },
      },
    ],
  };
}

/**
 * Why Slack would refuse `name` as a channel name, in words for the form's inline error, or
 * undefined when it is fine: lower case letters, numbers, hyphens and underscores only, at most
 * 80 characters, and not punctuation alone (conversations.create's invalid_name_* errors).
 */
export function validChannelName(name: string): string | undefined {
  const chars = Array.from(name);
  if (name.trim() === '') return 'Enter a name for the channel.';
  if (chars.length > MAX_CHANNEL_NAME) return `A channel name can have at most ${MAX_CHANNEL_NAME} characters; this one has ${chars.length}.`;
  if (name.startsWith('#')) return 'Leave out the “#”: it is not part of the name.';
  if (/\s/.test(name)) return 'A channel name cannot contain spaces: use hyphens (-) or underscores (_) instead.';
  if (/\p{Lu}/u.test(name)) return 'A channel name is all lower case: no capital letters.';
  const bad = [...new Set(chars.filter((c) => !/^[a-z0-9_-]$/.test(c)))];
  if (bad.length) return `A channel name can contain only lower case letters (a–z), numbers, hyphens and underscores, not ${bad.slice(0, 5).map((c) => `“${c}”`).join(', ')}.`;
  if (!/[a-z0-9]/.test(name)) return 'A channel name needs at least one letter or number, not only hyphens and underscores.';
  return undefined;
}

/** Why `id` is not a workspace (T…) or Enterprise organization (E…) ID, or undefined when it looks like one. */
export function validTrustedOrgId(id: string): string | undefined {
  if (id.trim() === '') return 'Enter their workspace or organization ID.';
  if (/^[TE][A-Z0-9]{6,20}$/.test(id.trim())) return undefined;
  return 'This is not a workspace or organization ID: it starts with T (a workspace) or E (an Enterprise Grid organization), then capital letters and numbers, like T0123ABCD.';
}

