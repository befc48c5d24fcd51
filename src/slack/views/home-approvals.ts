// The App Home's admin section for Slack Connect approvals: what waits (with the cards' own
// buttons), the trusted organizations, and where approval requests go. Without the
// conversations.connect:manage scope, only how to get it. Kept to MAX_APPROVALS_BLOCKS whatever
// the lists hold, so the dashboard above keeps the rest of Slack's 100. Pure.
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { Approval, TrustedOrganization } from '../../invites/approvals/types.js';
import { APPROVALS } from '../ids.js';
import { approvalHeadline, decisionButtons, orgName, orgText } from './approval-card.js';
import { channelMention, inertText, mrkdwn, plain, slackDate, truncate, userMention } from './text.js';

export const MAX_PENDING_SHOWN = 10;
export const MAX_TRUSTED_SHOWN = 50;
/** The most blocks approvalsSection returns (at most 38: 10 pending shown, 50 trusted, the approver channel set), for homeView to keep free. */
export const MAX_APPROVALS_BLOCKS = 40;

const LINES_PER_SECTION = 10;
const MAX_ORG_ID = 255;
const SECTION_BUDGET = 2900;

export interface ApprovalsSectionData {
  /** The installation holds conversations.connect:manage. */
  available: boolean;
  pending: Approval[];
  trusted: TrustedOrganization[];
  approverChannelId?: string | undefined;
  /** When the pending list was last read from Slack. */
  lastSyncedAt?: Date | undefined;
}

export function approvalsSection(data: ApprovalsSectionData, { appName }: { appName: string }): KnownBlock[] {
  const app = inertText(appName, 40);
  const header: KnownBlock[] = [{ type: 'divider' }, { type: 'header', text: plain('Slack Connect approvals', 150) }];
  if (!data.available) {
    return [
      ...header,
      {
        type: 'section',
        text: mrkdwn(
          `To approve Slack Connect invitations here, ${app} needs the \`conversations.connect:manage\` scope, which only a workspace owner or admin can grant: add it to the app’s bot scopes and have an owner or admin reinstall the app (the README’s *Approvals* section says how). Until then, approve invitations in Slack itself.`,
        ),
      },
    ];
  }
  const synced = data.lastSyncedAt ? ` Waiting invitations last read from Slack ${slackDate(data.lastSyncedAt)}.` : '';
  return [
    ...header,
    { type: 'context', elements: [mrkdwn(`Only workspace admins and owners see this.${synced}`)] },
    ...pendingBlocks(data, appName),
    ...trustedBlocks(data.trusted),
    ...approverChannelBlocks(data.approverChannelId),
  ];
}

function pendingBlocks(data: ApprovalsSectionData, appName: string): KnownBlock[] {
  const { pending } = data;
  if (pending.length === 0) return [{ type: 'section', text: mrkdwn('*Waiting for approval*\nNothing is waiting for a decision.') }];
  const trustedIds = new Set(data.trusted.map((t) => t.orgId));
  const blocks: KnownBlock[] = [{ type: 'section', text: mrkdwn(`*Waiting for approval* (${pending.length})`) }];
  for (const approval of pending.slice(0, MAX_PENDING_SHOWN)) {
    const expires = approval.expiresAt ? `\nExpires ${slackDate(approval.expiresAt)}` : '';
    blocks.push({ type: 'section', text: mrkdwn(`${approvalHeadline(approval, appName)}${expires}`) });
    const trusted = [approval.otherTeam?.id, approval.invitingTeam?.id].some((id) => id !== undefined && trustedIds.has(id));
    const buttons = decisionButtons(approval, { appName, trusted });
    // DECIDING (someone's decision on its way): the line only, as on the card.
    if (buttons.length) blocks.push({ type: 'actions', elements: buttons });
    else if (approval.status === 'DECIDING') blocks.push({ type: 'context', elements: [mrkdwn(`:hourglass_flowing_sand: Being sent to Slack by ${userMention(approval.decidedByUserId)}…`)] });
  }
  if (pending.length > MAX_PENDING_SHOWN) {
    blocks.push({ type: 'context', elements: [mrkdwn(`And ${pending.length - MAX_PENDING_SHOWN} more, oldest last: decide these first, or use their approval cards.`)] });
  }
  return blocks;
}

function trustedBlocks(trusted: readonly TrustedOrganization[]): KnownBlock[] {
  const shown = trusted.slice(0, MAX_TRUSTED_SHOWN);
  const intro = trusted.length
    ? '*Trusted organizations*\nInvitations with these are approved, and their invitations to the app accepted, without asking an admin.'
    : '*Trusted organizations*\nNone yet. Invitations with a trusted organization are approved, and its invitations to the app accepted, without asking an admin.';
  const lines = shown.map((t) => `• ${orgText({ id: t.orgId, name: t.name, domain: t.domain })} — added by ${userMention(t.addedByUserId)} · ${slackDate(t.addedAt)}`);
  if (trusted.length > shown.length) lines.push(`And ${trusted.length - shown.length} more, not shown here.`);

  const buttons: Button[] = [{ type: 'button', action_id: APPROVALS.actions.addTrusted, text: plain('Add a trusted organization', 75), value: 'open' }];
  shown.forEach((t, i) => {
    if (t.orgId.length > MAX_ORG_ID) return; // not a Slack ID, and too long for a button's value
    const name = orgName({ id: t.orgId, name: t.name, domain: t.domain });
    buttons.push({
      type: 'button',
      action_id: untrustActionId(i),
      text: plain(`Remove ${name}`, 75),
      value: t.orgId,
      confirm: {
        title: plain(`Stop trusting ${name}?`, 100),
        text: plain(`Invitations with ${name} will wait for an admin’s approval again. Decisions already made stay.`, 300),
        confirm: plain('Remove', 30),
        deny: plain('Cancel', 30),
        style: 'danger',
      },
    });
  });
  const actions: ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += 25) actions.push({ type: 'actions', elements: buttons.slice(i, i + 25) });
  return [{ type: 'section', text: mrkdwn(intro) }, ...packed(lines), ...actions];
}

/** Slack wants action_ids unique within a block, so each remove button has its own (APPROVALS.actionPatterns.untrust matches them all). */
export const untrustActionId = (index: number) => `${APPROVALS.actions.untrust}:${index}`;

function approverChannelBlocks(channelId: string | undefined): KnownBlock[] {
  const where = channelId ? `Approval requests go to ${channelMention(channelId)}.` : 'Approval requests go to each admin as a direct message.';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: APPROVALS.blocks.approverChannel,
      text: mrkdwn(`*Where approval requests go*\n${where}`),
      accessory: {
        type: 'conversations_select',
        action_id: APPROVALS.actions.approverChannel,
        placeholder: plain('Choose a channel', 150),
        ...(channelId ? { initial_conversation: channelId } : {}),
        // A shared channel would show the requests to the other organization.
        filter: { include: ['public', 'private'], exclude_external_shared_channels: true, exclude_bot_users: true },
      },
    },
    {
      type: 'context',
      elements: [mrkdwn('Empty: each admin gets a direct message. In a channel, everyone in it sees the requests, but only admins and owners can decide. The app must be a member of a private channel to post in it.')],
    },
  ];
  if (channelId) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', action_id: APPROVALS.actions.clearApproverChannel, text: plain('Send them to each admin instead', 75), value: 'clear' }],
    });
  }
  return blocks;
}

/** Lines into sections of a few each, never over a section's text limit. */
function packed(lines: readonly string[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines.map((l) => truncate(l, SECTION_BUDGET))) {
    if (current.length === LINES_PER_SECTION || size + line.length + 1 > SECTION_BUDGET) {
      out.push({ type: 'section', text: mrkdwn(current.join('\n')) });
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length) out.push({ type: 'section', text: mrkdwn(current.join('\n')) });
  return out;
}
