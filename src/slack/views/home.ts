// The App Home dashboard: counts, one page of invitations (newest first) with their status and
// any failure's explanation, a status filter, paging, and buttons for new invitations; on top, a
// notice when something the person just tried here failed (a form that would not open). Whatever
// the records hold, the view stays within Slack's limits: text is escaped and cut, and an item
// that cannot be drawn is replaced by a line saying so, never a failed publish.
import { approvalsSection, type ApprovalsSectionData } from './home-approvals.js';
import type { ActionsBlock, Button, HomeView, KnownBlock, PlainTextOption } from '@slack/types';
import type { WorkspaceSettings } from '../../invites/settings/service.js';
import type { Dashboard, DashboardInvite } from '../../invites/dashboard/service.js';
import type { ErrorExplanation } from '../../invites/error-catalogue.js';
import { COUNTERS, displayStatus, FILTERS, type Counter, type DisplayStatus, type StatusFilter } from '../../invites/dashboard/status.js';
import { HOME, SHARE_CHANNEL_OUTCOME } from '../ids.js';
import { resendable } from '../../invites/share-channel/outcome.js';
import { accessChangeable } from '../../invites/access/rules.js';
import type { AccessOffer } from '../../invites/access/service.js';
import { accessButton, accessChangeNote } from './access-buttons.js';
import { encodeHomeState, type HomeState } from '../parse/home.js';
import { noticeBlocks } from './explanation.js';
import { explainInviteError, inviteeText } from './invite-outcome.js';
import { channelMention, mrkdwn, plain, safeText, slackDate, truncate, userMention } from './text.js';
import type { BatchCounts, BatchRecord } from '../../invites/batches/types.js';
import { countsText } from './batch-progress.js';

export const MAX_HOME_BLOCKS = 100;

/** What each counter counts is defined in invites/dashboard/status.ts (COUNTERS). */
const COUNTER_LABEL: Record<Counter, string> = {
  sent: 'Sent',
  awaiting_acceptance: 'Waiting for acceptance',
  awaiting_approval: 'Waiting for approval',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
  added: 'Added to private channels',
  failed: 'Failed',
  sending: 'Still sending',
};

const COUNTERS_NOTE =
  '*Sent*: Slack Connect invitations Slack accepted, whatever became of them since. *Failed*: invitations that were not sent, and private-channel requests where someone could not be added.';

/** The Home tab's buttons that open a form, as the person sees them (also named in "click … again"). */
export const HOME_BUTTON_LABEL = {
  openShareChannel: 'Share a channel',
  openInvitePrivate: 'Invite to a private channel',
} as const;

const filterLabel = (filter: StatusFilter): string => (filter === 'all' ? 'All statuses' : COUNTER_LABEL[filter]);

const STATUS_LABEL: Record<DisplayStatus, string> = {
  sending: ':hourglass_flowing_sand: Sending',
  awaiting_acceptance: ':envelope: Waiting for them to accept',
  awaiting_approval: ':hourglass: Accepted; waiting for an admin to approve',
  accepted: ':white_check_mark: Accepted',
  added: ':white_check_mark: Everyone added',
  declined: ':no_entry_sign: Declined',
  expired: ':clock3: Expired: not accepted within 14 days',
  failed: ':warning: Not sent',
  partial: ':warning: Some people were not added',
};

const RECIPIENT_LABEL = { PENDING: 'pending', INVITED: 'added', ALREADY_MEMBER: 'already a member', FAILED: 'not added' } as const;

export interface HomeOptions {
  appName: string;
  /** Why something the person just tried on the Home tab did not work, shown at the top. */
  notice?: ErrorExplanation | undefined;
  /** Admins: the Slack Connect approvals section. */
  approvals?: ApprovalsSectionData | undefined;
  /** The person's latest batches (several invitees from one form), newest first. */
  batches?: ReadonlyArray<{ batch: BatchRecord; counts: BatchCounts }> | undefined;
  /** Whose accepted invitations get the button that changes the partner's access (default: nobody's). */
  access?: AccessOffer | undefined;
}

export function homeView(dashboard: Dashboard, options: HomeOptions): HomeView {
  const { request, counts, invites, isAdmin } = dashboard;
  const state: HomeState = { scope: request.scope, filter: request.filter, cursor: request.cursor };
  const newest = request.cursor === undefined;
  const workspace = request.scope === 'workspace';

  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(workspace ? 'Everyone’s invitations' : 'Your invitations', 150) },
    ...(options.notice ? noticeBlocks(options.notice) : []),
    controls(state, isAdmin),
    { type: 'section', fields: COUNTERS.map((c) => mrkdwn(`*${COUNTER_LABEL[c]}*\n${counts[c]}`)) },
    { type: 'context', elements: [mrkdwn(COUNTERS_NOTE)] },
    { type: 'divider' },
  ];

  if (!workspace && newest && options.batches?.length) blocks.push(...batchesBlocks(options.batches));

  if (invites.length === 0) {
    blocks.push({
      type: 'section',
      text: mrkdwn(
        request.filter === 'all' && newest
          ? `No invitations yet. Use *Share a channel* above or \`/share-channel\` to invite someone from another organization, and \`/invite-private\` for a private channel.`
          : 'No invitations here. Choose another status, or go back to newer ones.',
      ),
    });
  }
  for (const invite of invites) blocks.push(...safeItem(invite, dashboard, options, workspace));

  const paging = pagingBlock(state, dashboard);
  if (paging) blocks.push(paging);
  blocks.push({
    type: 'context',
    elements: [mrkdwn(invites.length ? `Showing ${invites.length} of ${total(dashboard)}, newest first.` : newest ? 'Nothing to show.' : 'Nothing further here.')],
  });
  // Admins' settings last, and kept whole within Slack's limit (the list above is one page).
  const settings = [
    ...(isAdmin && 'settings' in dashboard ? settingsBlocks(dashboard.settings, options) : []),
    ...(isAdmin && options.approvals ? approvalsSection(options.approvals, options) : []),
  ];
  // The state rides along so the filter menu (which carries only its own value) knows the rest.
  return { type: 'home', private_metadata: encodeHomeState(state), blocks: [...blocks.slice(0, MAX_HOME_BLOCKS - settings.length), ...settings] };
}

/** Several invitations sent from one form, each batch on one line: where its invitations are. */
function batchesBlocks(batches: NonNullable<HomeOptions['batches']>): KnownBlock[] {
  const lines = batches.map(({ batch, counts }) => {
    const state = batch.finishedAt ? 'done' : 'sending';
    return `*${channelMention(batch.channelId, batch.channelName)}*: ${batch.size} invitations, ${state} · ${countsText(counts, batch.size)} · started ${slackDate(batch.createdAt)}`;
  });
  return [{ type: 'section', text: mrkdwn(`*Your batches*\n${lines.join('\n')}`) }, { type: 'divider' }];
}

function controls(state: HomeState, isAdmin: boolean): ActionsBlock {
  const filterOptions: PlainTextOption[] = FILTERS.map((f) => ({ text: plain(filterLabel(f), 75), value: f }));
  const elements: ActionsBlock['elements'] = [
    { type: 'button', action_id: HOME.actions.openShareChannel, text: plain(HOME_BUTTON_LABEL.openShareChannel, 75), style: 'primary', value: 'open' },
    { type: 'button', action_id: HOME.actions.openInvitePrivate, text: plain(HOME_BUTTON_LABEL.openInvitePrivate, 75), value: 'open' },
    {
      type: 'static_select',
      action_id: HOME.actions.filter,
      placeholder: plain('Filter by status', 150),
      options: filterOptions,
      initial_option: filterOptions[FILTERS.indexOf(state.filter)],
    },
  ];
  if (isAdmin) {
    const other = state.scope === 'workspace' ? 'mine' : 'workspace';
    elements.push({
      type: 'button',
      action_id: HOME.actions.scope,
      text: plain(other === 'workspace' ? 'Everyone’s invitations' : 'Only mine', 75),
      value: encodeHomeState({ scope: other, filter: state.filter }),
    });
  }
  elements.push({ type: 'button', action_id: HOME.actions.refresh, text: plain('Refresh', 75), value: encodeHomeState(state) });
  return { type: 'actions', block_id: HOME.blocks.controls, elements };
}

/**
 * Who may send Slack Connect invitations: everyone who may invite (the default), or only the
 * members of one user group. The menu's options come from usergroups.list when an admin opens it
 * (an external_select: Slack asks the app as they type, so there is no 100-group limit and no
 * Tier 2 call on every Home tab opening). Shown to workspace admins and owners only; a change is
 * checked with Slack again when it arrives, whatever this view offered.
 */
function settingsBlocks(settings: WorkspaceSettings | 'unavailable' | undefined, options: HomeOptions): KnownBlock[] {
  const header: KnownBlock[] = [{ type: 'divider' }, { type: 'header', text: plain('Who may send Slack Connect invitations', 150) }];
  if (settings === 'unavailable') {
    return [...header, { type: 'section', text: mrkdwn('This setting cannot be loaded right now. Refresh in a minute.') }];
  }
  const group = settings?.inviteGroup;
  const app = safeText(options.appName, 40);
  const text = group
    ? `Only members of *@${safeText(group.handle, 80)}* (${safeText(group.name, 80)}), and workspace admins and owners, can send Slack Connect invitations with ${app}. Guests never can.`
    : `Every full member can send Slack Connect invitations with ${app} (guests never can). You can allow only the members of one user group, as Slack’s own setting does for people.`;
  const initial = group ? { initial_option: { text: plain(truncate(`@${group.handle}`, 75), 75), value: group.id } } : {};
  const blocks: KnownBlock[] = [
    ...header,
    {
      type: 'section',
      block_id: HOME.blocks.inviteGroup,
      text: mrkdwn(truncate(text, 3000)),
      accessory: { type: 'external_select', action_id: HOME.actions.inviteGroup, placeholder: plain('Choose a user group', 150), min_query_length: 0, ...initial },
    },
  ];
  if (group) {
    blocks.push({
      type: 'actions',
      block_id: HOME.blocks.inviteGroupClear,
      elements: [
        {
          type: 'button',
          action_id: HOME.actions.clearInviteGroup,
          text: plain('Let every member send them', 75),
          value: 'clear',
          confirm: {
            title: plain('Let every member invite?', 100),
            text: plain('Every full member of the workspace will be able to send Slack Connect invitations with the app again.', 300),
            confirm: plain('Let them', 30),
            deny: plain('Cancel', 30),
          },
        },
      ],
    });
  }
  const changed = settings ? `Last changed by ${userMention(settings.updatedByUserId)} on ${slackDate(settings.updatedAt)}. ` : '';
  blocks.push({ type: 'context', elements: [mrkdwn(`${changed}Only workspace admins and owners see this.`)] });
  return blocks;
}

/** How many invitations the filter shows in all, from the counters (the view's "of N"). */
function total({ counts, request }: Dashboard): number {
  return request.filter === 'all' ? COUNTERS.filter((c) => c !== 'sent').reduce((sum, c) => sum + counts[c], 0) : counts[request.filter];
}

/** Newer / Older carry a cursor at this page's first / last row: new arrivals shift nothing. */
function pagingBlock(state: HomeState, dashboard: Dashboard): ActionsBlock | undefined {
  const buttons: Button[] = [];
  const first = dashboard.invites[0];
  const last = dashboard.invites.at(-1);
  if (dashboard.hasNewer) {
    // With no row here (all went meanwhile), Newer goes back to the newest.
    const cursor = first ? { direction: 'newer' as const, createdAt: first.createdAt, id: first.id } : undefined;
    buttons.push({ type: 'button', action_id: HOME.actions.pageNewer, text: plain('Newer', 75), value: encodeHomeState({ scope: state.scope, filter: state.filter, cursor }) });
  }
  if (dashboard.hasOlder && last) {
    buttons.push({
      type: 'button',
      action_id: HOME.actions.pageOlder,
      text: plain('Older', 75),
      value: encodeHomeState({ scope: state.scope, filter: state.filter, cursor: { direction: 'older', createdAt: last.createdAt, id: last.id } }),
    });
  }
  return buttons.length ? { type: 'actions', block_id: HOME.blocks.paging, elements: buttons } : undefined;
}

function safeItem(invite: DashboardInvite, dashboard: Dashboard, options: HomeOptions, workspace: boolean): KnownBlock[] {
  try {
    return item(invite, dashboard, options, workspace);
  } catch {
    return [{ type: 'context', elements: [mrkdwn(`This invitation could not be shown (record ${safeText(String(invite.id), 40)}).`)] }];
  }
}

function item(invite: DashboardInvite, dashboard: Dashboard, options: HomeOptions, workspace: boolean): KnownBlock[] {
  const status = displayStatus(invite, dashboard.now);
  const channel = channelMention(invite.channelId, invite.channelName);
  const lines: string[] = [];
  if (invite.kind === 'SLACK_CONNECT') {
    const access = invite.externalLimited === false ? 'full access' : 'limited';
    lines.push(`*${inviteeText(invite)}* → ${channel} · Slack Connect, ${access}`);
  } else {
    lines.push(`*${recipientsText(invite)}* → ${channel} · private channel`);
  }
  lines.push(STATUS_LABEL[status]);
  if (status === 'failed' || (status === 'partial' && invite.errorCode)) {
    const explanation = explainInviteError(invite, { appName: options.appName, now: dashboard.now });
    lines.push(`_${safeText(explanation.title, 100)}:_ ${safeText(explanation.whatToDo, 400)}`);
  }
  const meta = [`Requested ${slackDate(invite.createdAt)}`];
  if (workspace) meta.push(`by ${userMention(invite.requesterUserId)}`);
  if (invite.slackInviteId) meta.push(`Invite ID \`${safeText(invite.slackInviteId, 40)}\``);
  if (invite.errorCode) meta.push(`code \`${safeText(invite.errorCode, 60)}\``);
  const changed = accessChangeNote(invite);
  if (changed) meta.push(changed);
  const own = invite.requesterUserId === dashboard.request.userId;
  // The person's own invitation that ended without reaching them can go again, as a new one; an
  // accepted one's partner can get the other access (the two never meet on one row).
  const accessory = own && resendable(invite, status)
    ? { accessory: { type: 'button' as const, action_id: SHARE_CHANNEL_OUTCOME.actions.resend, text: plain('Send again', 75), value: invite.id } }
    : accessChangeable(invite) && (options.access === 'all' || (options.access === 'own' && own))
      ? { accessory: accessButton(invite) }
      : {};
  return [
    { type: 'section', text: mrkdwn(truncate(lines.join('\n'), 3000)), ...accessory },
    { type: 'context', elements: [mrkdwn(truncate(meta.join(' · '), 3000))] },
  ];
}

function recipientsText(invite: DashboardInvite): string {
  const shown = invite.recipients.map((r) => `${userMention(r.userId)} (${RECIPIENT_LABEL[r.outcome]})`);
  const total = invite._count?.recipients ?? invite.recipients.length;
  if (total > shown.length) shown.push(`and ${total - shown.length} more`);
  return shown.length ? shown.join(', ') : 'nobody';
}

/**
 * Shown when the dashboard cannot be loaded (the database is down): say so, offer a retry. The
 * notice, if any, is about what the person just tried (a form that would not open).
 */
export function homeUnavailableView(notice?: ErrorExplanation): HomeView {
  return fallbackHome([
    ...(notice ? noticeBlocks(notice) : []),
    {
      type: 'section',
      text: mrkdwn(':warning: The dashboard cannot be loaded right now. Your invitations are safe; this is a temporary problem on the app’s side. Try again in a minute.'),
    },
  ]);
}

/** Shown instead of a dashboard Slack refused to show (too large, say): Slack's reason, explained, and a retry. */
export function homeNotShownView(explanation: ErrorExplanation): HomeView {
  return fallbackHome(noticeBlocks(explanation));
}

function fallbackHome(blocks: KnownBlock[]): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: plain('Your invitations', 150) },
      ...blocks,
      {
        type: 'actions',
        block_id: HOME.blocks.controls,
        elements: [{ type: 'button', action_id: HOME.actions.refresh, text: plain('Refresh', 75), value: encodeHomeState({ scope: 'mine', filter: 'all' }) }],
      },
    ],
  };
}
