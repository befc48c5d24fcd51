// How an explanation looks wherever it is shown. The words come from the error catalogue, already
// addressed to the reader (who acts is named in "what to do"), so these builders add no voice of
// their own.
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

function codeContext(explanation: ErrorExplanation): KnownBlock {
  return { type: 'context', elements: [mrkdwn(`Slack's code: \`${safeText(explanation.code, 80)}\``)] };
}
