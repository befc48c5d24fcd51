// A batch of invitations as the person follows it: in the modal while it goes (sent, failed with
// why, waiting), and as one message at the end. Each invitee is one line; each failure's reason
// is explained once, below, however many invitees it stopped. Pure.
import type { KnownBlock, ModalView } from '@slack/types';
import type { BatchCounts, BatchRecord, BatchView } from '../../invites/batches/types.js';
import type { InviteRecord } from '../../invites/ports.js';
import { explainInviteError, type OutcomeOptions } from './invite-outcome.js';
import { channelMention, deferredUntil, inertText, mrkdwn, plain, safeText, slackTime, userMention } from './text.js';

export type MemberState = 'sent' | 'failed' | 'waiting';

export function memberState(m: Pick<InviteRecord, 'status'>): MemberState {
  if (m.status === 'RECORDED' || m.status === 'SENDING') return 'waiting';
  return m.status === 'FAILED' ? 'failed' : 'sent';
}

export function countsOf(members: readonly Pick<InviteRecord, 'status'>[]): BatchCounts {
  const counts: BatchCounts = { sent: 0, failed: 0, waiting: 0 };
  for (const m of members) counts[memberState(m)]++;
  return counts;
}

export function countsText(counts: BatchCounts, size: number): string {
  return `*${counts.sent}* sent · *${counts.failed}* not sent · *${Math.max(0, size - counts.sent - counts.failed)}* waiting`;
}

function inviteeOf(m: InviteRecord): string {
  if (m.inviteeEmail) return m.inviteeName ? `${inertText(m.inviteeName, 80)} (${safeText(m.inviteeEmail, 254)})` : safeText(m.inviteeEmail, 254);
  return userMention(m.inviteeUserId);
}

function line(m: InviteRecord, options: OutcomeOptions): string {
  switch (memberState(m)) {
    case 'sent':
      return `:white_check_mark: ${inviteeOf(m)}`;
    case 'failed':
      return `:x: ${inviteeOf(m)}: ${safeText(explainInviteError(m, options).title, 120)}`;
    case 'waiting':
      return m.errorCode === 'ratelimited' || m.errorCode === 'ratelimit'
        ? `:hourglass: ${inviteeOf(m)}: waiting for Slack’s limit, goes ${slackTime(deferredUntil(m, options.now))}`
        : `:hourglass: ${inviteeOf(m)}`;
  }
}

/** The lines, in as few sections as Slack's 3,000 characters a text allow. */
function lineBlocks(members: readonly InviteRecord[], options: OutcomeOptions): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let text = '';
  for (const m of members) {
    const next = line(m, options);
    if (text && text.length + next.length + 1 > 2900) {
      blocks.push({ type: 'section', text: mrkdwn(text) });
      text = '';
    }
    text = text ? `${text}\n${next}` : next;
  }
  if (text) blocks.push({ type: 'section', text: mrkdwn(text) });
  return blocks;
}

/** Each reason an invitation was not sent, once, with what to do. */
function reasonBlocks(members: readonly InviteRecord[], options: OutcomeOptions): KnownBlock[] {
  const seen = new Map<string, number>();
  const failed = members.filter((m) => memberState(m) === 'failed');
  for (const m of failed) seen.set(m.errorCode ?? 'unknown_error', (seen.get(m.errorCode ?? 'unknown_error') ?? 0) + 1);
  return [...seen].slice(0, 8).map(([code, n]) => {
    const explanation = explainInviteError(failed.find((m) => (m.errorCode ?? 'unknown_error') === code) as InviteRecord, options);
    return {
      type: 'section',
      text: mrkdwn(`*${safeText(explanation.title, 150)}* (${n})\n${safeText(explanation.whatHappened, 800)}\n_${safeText(explanation.whatToDo, 800)}_`),
    };
  });
}

function headline({ batch, members }: BatchView, finished: boolean): string {
  const channel = channelMention(batch.channelId, batch.channelName);
  const counts = countsOf(members);
  const what = finished ? `Your ${batch.size} invitations to ${channel} are done.` : `Sending ${batch.size} invitations to ${channel}, one after another at the pace Slack allows.`;
  return `${what}\n${countsText(counts, batch.size)}`;
}

export function batchBlocks(view: BatchView, options: OutcomeOptions): KnownBlock[] {
  const finished = view.batch.finishedAt !== null;
  const access = view.batch.externalLimited ? 'Limited (can only post messages)' : 'Full (can post, invite others and more)';
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(`${finished ? ':tada:' : ':outbox_tray:'} ${headline(view, finished)}`) },
    { type: 'context', elements: [mrkdwn(`Access: ${access}.${finished ? '' : ' You can close this: the invitations go on, and a message sums them up at the end.'}`)] },
    ...lineBlocks(view.members, options),
  ];
  const reasons = reasonBlocks(view.members, options);
  if (reasons.length) blocks.push({ type: 'divider' }, { type: 'header', text: plain('Why some were not sent', 150) }, ...reasons);
  return blocks.slice(0, 50);
}

export function batchProgressView(view: BatchView, options: OutcomeOptions): ModalView {
  return {
    type: 'modal',
    title: plain(view.batch.finishedAt ? 'Invitations sent' : 'Sending invitations', 24),
    close: plain('Close'),
    blocks: batchBlocks(view, options),
  };
}

/** Just recorded: every member waiting. */
export function batchStartedView(batch: BatchRecord, options: OutcomeOptions): ModalView {
  return batchProgressView({ batch, members: [] }, options);
}

export function batchSummaryMessage(view: BatchView, options: OutcomeOptions): { text: string; blocks: KnownBlock[] } {
  const counts = countsOf(view.members);
  return {
    text: `Your ${view.batch.size} invitations are done: ${counts.sent} sent, ${counts.failed} not sent.`,
    blocks: batchBlocks({ ...view, batch: { ...view.batch, finishedAt: view.batch.finishedAt ?? options.now ?? new Date() } }, options),
  };
}
