// An approval as approvers see it, in the approver channel or each admin's DM: who invited whom,
// from which organization, into which channel, with which access, until when; while it waits,
// the buttons to decide; once decided, who decided, when and why, and no buttons. Pure.
import type { ActionsBlock, Button, ConfirmationDialog, KnownBlock } from '@slack/types';
import type { ConnectTeam } from '../../invites/approvals/ports.js';
import type { Approval } from '../../invites/approvals/types.js';
import type { ErrorExplanation } from '../../invites/error-catalogue.js';
import { APPROVALS } from '../ids.js';
import { explanationBlocks } from './explanation.js';
import { channelMention, inertText, mrkdwn, plain, slackDate, truncate, userMention } from './text.js';

export interface ApprovalCardOptions {
  appName: string;
  /** The other organization is trusted already: no "Always trust" button. */
  trusted?: boolean;
}

const TITLE: Record<Approval['kind'], string> = {
  ACCEPTED_INVITE: ':handshake: *Slack Connect invitation accepted: approval needed*',
  INCOMING_INVITE: ':incoming_envelope: *Invitation to another organization’s channel*',
  INVITE_REQUEST: ':raised_hand: *Slack Connect invitation request*',
};

/** Who did it is said by the caller (an admin, or the trusted-organization rule). */
const OUTCOME: Record<'APPROVED' | 'DECLINED' | 'ACCEPTED' | 'IGNORED', string> = {
  APPROVED: ':white_check_mark: *Approved*',
  DECLINED: ':no_entry_sign: *Declined*',
  ACCEPTED: ':white_check_mark: *Accepted*',
  IGNORED: ':zipper_mouth_face: *Ignored*',
};

/** Slack's codes for "already decided, or no longer there" (DECIDED_IN_SLACK), in words. */
function decidedInSlackText(code: string | undefined, kind: Approval['kind']): string {
  const declined = kind === 'INVITE_REQUEST' ? 'denied' : 'declined';
  switch (code) {
    case 'already_approved':
    case 'invite_already_approved':
      return 'It was already approved in Slack.';
    case 'invite_already_denied':
      return `It was already ${declined} in Slack.`;
    case 'invite_expired':
      return 'It expired in Slack before anyone decided.';
    case 'invite_used':
      return 'The invitation was already used in Slack.';
    case 'approval_inactive':
    case 'inactive_invite':
      return `It is no longer waiting in Slack: it was approved or ${declined} there, withdrawn, or it expired.`;
    default:
      return `It was already approved or ${declined} in Slack, or it expired.`;
  }
}

/** The other organization in mrkdwn: name, domain and ID, or what Slack gave of them. */
export function orgText(team: ConnectTeam | undefined): string {
  if (!team) return 'another organization';
  const parts = [team.name?.trim() ? `*${inertText(team.name, 80)}*` : undefined, team.domain ? `(${inertText(team.domain, 80)})` : undefined, `\`${inertText(team.id, 30)}\``];
  return parts.filter(Boolean).join(' ');
}

/** The organization as plain text (buttons, dialogs), which Slack shows as it is. */
export function orgName(team: ConnectTeam | undefined): string {
  return truncate(team?.name?.trim() || team?.domain?.trim() || team?.id || 'this organization', 50);
}

/** The other organization invited (so the channel is theirs, and not visible here until joined). */
function invitedByOther(a: Approval): boolean {
  if (a.kind === 'INCOMING_INVITE') return true;
  if (a.kind === 'INVITE_REQUEST') return false;
  const inviter = a.invitingTeam?.id;
  return inviter !== undefined && inviter !== a.teamId && inviter !== a.enterpriseId;
}

function channelText(a: Approval): string {
  // <#C…> of another organization's channel renders as "private channel" here until it is shared (same ID on both sides).
  const joined = a.status === 'ACCEPTED' || a.status === 'APPROVED';
  if (invitedByOther(a) && !joined && a.channelName) return `#${inertText(a.channelName, 80)}`;
  return channelMention(a.channelId, a.channelName);
}

function recipientText(a: Approval): string {
  if (a.recipientEmail) return inertText(a.recipientEmail, 254);
  return a.recipientUserId ? userMention(a.recipientUserId) : 'someone';
}

function accessText(limited: boolean | undefined): string | undefined {
  if (limited === undefined) return undefined;
  return limited ? 'Limited: they can only post messages' : 'Full: they can post, invite others and more';
}

/** One sentence: who invited whom, into which channel, and what Slack waits for. */
export function approvalHeadline(a: Approval, appName: string): string {
  const channel = channelText(a);
  const org = orgText(a.otherTeam);
  const asker = a.requesterUserId ?? a.invitingUserId;
  const inviter = asker ? userMention(asker) : 'Someone here';
  switch (a.kind) {
    case 'ACCEPTED_INVITE':
      return invitedByOther(a)
        ? `${org} invited ${recipientText(a)} into their channel ${channel}, and the invitation was accepted. This workspace joins it once an admin approves.`
        : `${inviter} invited ${recipientText(a)} of ${org} into ${channel}, and they accepted. They join once an admin approves.`;
    case 'INCOMING_INVITE':
      return `${org} invited this workspace, through ${inertText(appName, 40)}, into their channel ${channel}. Accept to join it here under a channel name you choose, or ignore it.`;
    case 'INVITE_REQUEST':
      return `${inviter} asked to invite ${recipientText(a)}${a.otherTeam ? ` of ${org}` : ''} into ${channel} with Slack Connect. Your organization holds it until an admin approves.`;
  }
}

function facts(a: Approval): KnownBlock {
  const fields = [mrkdwn(`*Organization*\n${orgText(a.otherTeam)}`, 2000), mrkdwn(`*Channel*\n${channelText(a)}`, 2000)];
  if (a.kind === 'INCOMING_INVITE') fields.push(mrkdwn(`*Invited*\nThis workspace, through the app`));
  else fields.push(mrkdwn(`*Invited*\n${recipientText(a)}`, 2000));
  // Their inviting people are not mentioned: a mention of someone of another organization may not resolve here.
  const askedBy = a.requesterUserId ?? a.invitingUserId;
  if (!invitedByOther(a) && askedBy) fields.push(mrkdwn(`*Invited by*\n${userMention(askedBy)}`));
  else if (invitedByOther(a) && a.invitingTeam && a.invitingTeam.id !== a.otherTeam?.id) fields.push(mrkdwn(`*Invited by*\n${orgText(a.invitingTeam)}`, 2000));
  const access = accessText(a.externalLimited);
  if (access) fields.push(mrkdwn(`*Access*\n${access}`));
  if (a.expiresAt && (a.status === 'PENDING' || a.status === 'DECIDING')) fields.push(mrkdwn(`*Expires*\n${slackDate(a.expiresAt)}`));
  return { type: 'section', fields };
}

function confirmDialog(title: string, text: string, confirm: string, style?: 'danger'): ConfirmationDialog {
  return { title: plain(title, 100), text: plain(text, 300), confirm: plain(confirm, 30), deny: plain('Cancel', 30), ...(style ? { style } : {}) };
}

function button(actionId: string, text: string, value: string, extra: Partial<Button> = {}): Button {
  return { type: 'button', action_id: actionId, text: plain(text, 75), value, ...extra };
}

/** The decision buttons of a PENDING approval (the card's and the Home tab's); empty otherwise. */
export function decisionButtons(a: Approval, options: ApprovalCardOptions): Button[] {
  if (a.status !== 'PENDING') return [];
  const { actions } = APPROVALS;
  const org = orgName(a.otherTeam);
  const app = truncate(options.appName, 40);
  const channel = a.channelName ? `#${truncate(a.channelName, 80)}` : 'the channel';
  const buttons: Button[] = [];
  if (a.kind === 'INCOMING_INVITE') {
    buttons.push(button(actions.accept, 'Accept…', a.id, { style: 'primary' }));
    buttons.push(button(actions.ignore, 'Ignore', a.id, { confirm: confirmDialog('Ignore this invitation?', `This workspace does not join ${org}’s channel ${channel}. It is marked as ignored here.`, 'Ignore') }));
  } else {
    const text =
      a.kind === 'INVITE_REQUEST'
        ? `The invitation into ${channel} goes to ${a.recipientEmail ? truncate(a.recipientEmail, 100) : 'the person named'}.`
        : invitedByOther(a)
          ? `This workspace joins ${org}’s channel ${channel}.`
          : `People of ${org} join ${channel}${a.externalLimited === false ? ' with full access' : ''}.`;
    buttons.push(button(actions.approve, 'Approve', a.id, { style: 'primary', confirm: confirmDialog(a.kind === 'INVITE_REQUEST' ? 'Approve this request?' : 'Approve this invitation?', text, 'Approve') }));
    buttons.push(button(actions.decline, a.kind === 'INVITE_REQUEST' ? 'Deny…' : 'Decline…', a.id, { style: 'danger' }));
  }
  if (a.kind !== 'INVITE_REQUEST' && a.otherTeam?.id && !options.trusted) {
    const verb = a.kind === 'INCOMING_INVITE' ? 'accepts' : 'approves';
    const text = `From now on ${app} ${verb} invitations with ${org} without asking an admin, starting with this one. Remove ${org} under Trusted organizations on the app’s Home tab at any time.`;
    buttons.push(button(actions.trust, `Always trust ${org}`, a.id, { confirm: confirmDialog(`Always trust ${org}?`, text, 'Trust them') }));
  }
  return buttons;
}

/** Who decided, when, and the outcome (or where it stands); empty while PENDING. */
function statusBlocks(a: Approval): KnownBlock[] {
  const when = a.decidedAt ? ` · ${slackDate(a.decidedAt)}` : '';
  if (a.status === 'PENDING') return [];
  if (a.status === 'DECIDING') {
    return [{ type: 'context', elements: [mrkdwn(`:hourglass_flowing_sand: Being sent to Slack by ${userMention(a.decidedByUserId)}…`)] }];
  }
  if (a.status === 'DECIDED_IN_SLACK') {
    const tried = a.decidedByUserId ? ` ${userMention(a.decidedByUserId)} tried to decide it here${when}; nothing was changed.` : '';
    return [{ type: 'section', text: mrkdwn(`:information_source: *Already decided in Slack.* ${decidedInSlackText(a.slackError, a.kind)}${tried}`) }];
  }
  const outcome = a.status === 'DECLINED' && a.kind === 'INVITE_REQUEST' ? ':no_entry_sign: *Denied*' : OUTCOME[a.status];
  const by = a.decidedByUserId
    ? `by ${userMention(a.decidedByUserId)}`
    : a.decidedByRule
      ? `automatically, by the trusted-organization rule for ${a.otherTeam ? orgText(a.otherTeam) : `\`${inertText(a.decidedByRule, 40)}\``}`
      : 'in Slack';
  const blocks: KnownBlock[] = [{ type: 'section', text: mrkdwn(`${outcome} ${by}${when}`) }];
  if (a.reason?.trim()) blocks.push({ type: 'context', elements: [mrkdwn(`Reason: “${inertText(a.reason, 600)}”`)] });
  return blocks;
}

export function approvalCard(approval: Approval, options: ApprovalCardOptions): { text: string; blocks: KnownBlock[] } {
  const headline = approvalHeadline(approval, options.appName);
  const buttons = decisionButtons(approval, options);
  const actions: ActionsBlock[] = buttons.length ? [{ type: 'actions', elements: buttons }] : [];
  const status = statusBlocks(approval);
  // The notification's text: the title without its emoji, then the sentence.
  const title = TITLE[approval.kind].replace(/^:[a-z_]+: /, '').replaceAll('*', '');
  return {
    text: truncate(`${title}: ${headline}`, 3000),
    blocks: [{ type: 'section', text: mrkdwn(`${TITLE[approval.kind]}\n${headline}`) }, facts(approval), ...actions, ...status],
  };
}

/** Under a card, when Slack refused a decision with an error other than "already decided". */
export function decisionFailedNotice(explanation: ErrorExplanation): KnownBlock[] {
  return [{ type: 'context', elements: [mrkdwn(':warning: Slack did not take the decision, so nothing changed.')] }, ...explanationBlocks(explanation)];
}
