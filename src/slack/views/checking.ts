// While the checks behind a submitted form are still going (they took longer than Slack's
// acknowledgement allows): a modal that says so and updates itself; and, if the checks then
// refuse, the form again with what stops it at the top. Slack takes inline field errors only in
// the acknowledgement itself, so after it they are shown as a line in the form. Pure.
import type { KnownBlock, ModalView } from '@slack/types';
import { mrkdwn, plain, safeText } from './text.js';

export function checkingModal(title: string, what: string, note: string): ModalView {
  return {
    type: 'modal',
    title: plain(title, 24),
    close: plain('Close'),
    blocks: [
      { type: 'section', text: mrkdwn(`:mag: ${what}`) },
      {
        type: 'context',
        elements: [mrkdwn(`This updates by itself. Nothing is sent until the checks pass.${note ? ` ${note}` : ''} If it has not changed within a few minutes, close it and send the form again.`)],
      },
    ],
  };
}

/** The line a form shows above its fields when sent again after a refusal (or nothing, the first time). */
export function problemBlocks(problems: readonly string[] | undefined): KnownBlock[] {
  if (!problems || problems.length === 0) return [];
  return [{ type: 'section', text: mrkdwn(`:warning: *Nothing was sent.* ${problems.map((p) => safeText(p, 1200)).join('\n')}`) }];
}
