// How an explanation looks wherever it is shown: in a modal, an ephemeral message, a notice at
// the top of the Home tab. The words come from the error catalogue, already addressed to the
// reader (who acts is named in "what to do"), so these builders add no voice of their own.
import type { KnownBlock } from '@slack/types';
import type { ErrorExplanation } from '../../invites/error-catalogue.js';
import { mrkdwn, safeText } from './text.js';

export function explanationBlocks(explanation: ErrorExplanation): KnownBlock[] {
  return [
    { type: 'section', text: mrkdwn(`*${safeText(explanation.title, 150)}*\n${safeText(explanation.whatHappened, 1000)}`) },
    { type: 'section', text: mrkdwn(`*What to do next*\n${safeText(explanation.whatToDo, 1000)}`) },
    codeContext(explanation),
  ];
}

/** The same explanation as a message (an ephemeral answer to a command): text for notifications, blocks to read. */
export function explanationMessage(explanation: ErrorExplanation): { text: string; blocks: KnownBlock[] } {
  return {
    text: safeText(`${explanation.title}. ${explanation.whatToDo}`, 1000),
    blocks: [
      { type: 'section', text: mrkdwn(`:warning: *${safeText(explanation.title, 150)}*\n${safeText(explanation.whatHappened, 1000)}`) },
      { type: 'section', text: mrkdwn(`*What to do next*\n${safeText(explanation.whatToDo, 1000)}`) },
      codeContext(explanation),
    ],
  };
}

/** A notice at the top of the Home tab, for something the person just tried there. */
export function noticeBlocks(explanation: ErrorExplanation): KnownBlock[] {
  return [
    {
      type: 'section',
      text: mrkdwn(`:warning: *${safeText(explanation.title, 150)}*\n${safeText(explanation.whatHappened, 1000)}\n${safeText(explanation.whatToDo, 1000)}`),
    },
    codeContext(explanation),
    { type: 'divider' },
  ];
}

function codeContext(explanation: ErrorExplanation): KnownBlock {
  return { type: 'context', elements: [mrkdwn(`Slack's code: \`${safeText(explanation.code, 80)}\``)] };
}
