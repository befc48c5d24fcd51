// What became of an /invite-private request, as the modal shows it: while Slack is adding the
// people, then one line per person (added, already a member, or not added with why and what to
// do). Sections hold a few people each, so even 100 people with long reasons stay within Block
// Kit's limits (3,000 characters a section; 100 blocks a modal, 50 a message for the DM fallback).
import type { KnownBlock, ModalView } from '@slack/types';
import type { PrivateInviteRecord, RecipientRecord } from '../../invites/ports.js';
import { explanationBlocks } from './explanation.js';
import { explainInviteError, modal, type OutcomeOptions } from './invite-outcome.js';
import { channelMention, deferredUntil, mrkdwn, safeText, slackTime, userMention } from './text.js';

const PEOPLE_PER_SECTION = 10;
const SECTION_BUDGET = 2900;

const TITLES: Record<'COMPLETED' | 'PARTIALLY_COMPLETED' | 'FAILED', string> = {
  COMPLETED: 'People added',
  PARTIALLY_COMPLETED: 'Some people added',
  FAILED: 'No one was added',
};

export function privateInviteOutcomeView(invite: PrivateInviteRecord, options: OutcomeOptions): ModalView {
  const channel = channelMention(invite.channelId, invite.channelName);
  const people = invite.recipients;

  if (invite.status === 'SENDING' && invite.errorCode) {
    return modal('Not confirmed yet', [
      { type: 'section', text: mrkdwn(`:hourglass: Slack has not confirmed adding ${count(people.length)} to ${channel} yet.`) },
      { type: 'divider' },
      ...explanationBlocks(explainInviteError(invite, options)),
    ]);
  }

  if (invite.status === 'RECORDED' && invite.errorCode === 'ratelimited') {
    return modal('Waiting for Slack', [
      { type: 'section', text: mrkdwn(`:hourglass: Slack is limiting how many people can be added right now. Adding ${count(people.length)} to ${channel} goes ${slackTime(deferredUntil(invite, options.now))}.`) },
      { type: 'context', elements: [mrkdwn('Nothing to do: you can close this, and a message will tell you how it went.')] },
    ]);
  }

  if (invite.status === 'RECORDED' || invite.status === 'SENDING') {
    return modal('Adding people', [
      { type: 'section', text: mrkdwn(`:hourglass_flowing_sand: Sending… adding ${count(people.length)} to ${channel}.`) },
      { type: 'context', elements: [mrkdwn('This updates by itself. You can close it: the outcome will then come as a direct message from the app.')] },
    ]);
  }

  const status = invite.status === 'COMPLETED' || invite.status === 'PARTIALLY_COMPLETED' ? invite.status : 'FAILED';
  const added = people.filter((p) => p.outcome === 'INVITED').length;
  const already = people.filter((p) => p.outcome === 'ALREADY_MEMBER').length;
  const notAdded = people.length - added - already;
  const headline = {
    COMPLETED: `:white_check_mark: Everyone you chose is now in ${channel}.`,
    PARTIALLY_COMPLETED: `:warning: Some of the people you chose could not be added to ${channel}.`,
    FAILED: `:x: No one was added to ${channel}.`,
  }[status];

  const codes = [...new Set(people.flatMap((p) => (p.outcome === 'FAILED' ? [p.errorCode ?? 'unknown_error'] : [])))];
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(headline) },
    { type: 'context', elements: [mrkdwn(`Added: ${added} · Already members: ${already} · Not added: ${notAdded}`)] },
    { type: 'divider' },
    ...sections(people.map((p) => personLine(p, invite, options))),
  ];
  if (codes.length > 0) {
    blocks.push({ type: 'context', elements: [mrkdwn(`Slack's ${codes.length === 1 ? 'code' : 'codes'}: ${codes.map((c) => `\`${safeText(c, 80)}\``).join(', ')}`, 2000)] });
  }
  return modal(TITLES[status], blocks);
}

function personLine(person: RecipientRecord, invite: PrivateInviteRecord, options: OutcomeOptions): string {
  const who = userMention(person.userId);
  if (person.outcome === 'INVITED') return `:white_check_mark: ${who} — added`;
  if (person.outcome === 'ALREADY_MEMBER') return `:ballot_box_with_check: ${who} — already a member`;
  if (person.outcome === 'PENDING') return `:grey_question: ${who} — no answer from Slack yet`;
  const explanation = explainInviteError(invite, options, person.errorCode ?? 'unknown_error');
  return `:x: ${who} — *${safeText(explanation.title, 150)}*\n${safeText(explanation.whatToDo, 1000)}`;
}

/** Packs lines into sections of a few people each, never over a section's text limit. */
function sections(lines: readonly string[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    if (current.length > 0) out.push({ type: 'section', text: mrkdwn(current.join('\n')) });
    current = [];
    size = 0;
  };
  for (const line of lines) {
    if (current.length === PEOPLE_PER_SECTION || size + line.length + 1 > SECTION_BUDGET) flush();
    current.push(line);
    size += line.length + 1;
  }
  flush();
  return out;
}

function count(n: number): string {
  return n === 1 ? '1 person' : `${n} people`;
}
