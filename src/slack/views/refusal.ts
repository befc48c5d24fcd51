// A refusal of who is asking (a guest, an app, someone of another workspace, not in the admins'
// user group), as each surface shows it: a line under the form's first field, an ephemeral
// answer to the slash command, a small modal from the Home tab's buttons. Pure.
import type { KnownBlock, ModalView } from '@slack/types';
import { explainError, type ErrorExplanation } from '../../invites/error-catalogue.js';
import type { Refusal } from '../../invites/who-may-invite/rules.js';
import { modal } from './invite-outcome.js';
import { mrkdwn, safeText, truncate } from './text.js';

export function explainRefusal(refusal: Refusal, appName: string): ErrorExplanation {
  return explainError(refusal.code, { appName, ...(refusal.neededScope ? { neededScope: refusal.neededScope } : {}) });
}

/** The group the admins chose, by its handle: plain text, so it pings nobody. */
function groupNote(refusal: Refusal): string {
  const handle = refusal.group?.handle.replace(/[^\p{L}\p{N}._-]/gu, '').slice(0, 80);
  return handle ? ` The group: @${handle}.` : '';
}

/** For a form's inline error (plain text). */
export function refusalText(refusal: Refusal, appName: string): string {
  const e = explainRefusal(refusal, appName);
  return truncate(`${e.whatHappened}${groupNote(refusal)} ${e.whatToDo}`, 2000);
}

function refusalBlocks(refusal: Refusal, appName: string): KnownBlock[] {
  const e = explainRefusal(refusal, appName);
  return [
    { type: 'section', text: mrkdwn(`*${safeText(e.title, 150)}*\n${safeText(e.whatHappened, 1000)}${safeText(groupNote(refusal), 100)}`) },
    // The catalogue's words already name who acts.
    { type: 'section', text: mrkdwn(`*What to do next*\n${safeText(e.whatToDo, 1000)}`) },
  ];
}

/** The slash command's answer, which only the person sees. */
export function refusalMessage(refusal: Refusal, appName: string): { response_type: 'ephemeral'; text: string; blocks: KnownBlock[] } {
  const e = explainRefusal(refusal, appName);
  return { response_type: 'ephemeral', text: `${e.title}: ${refusalText(refusal, appName)}`, blocks: refusalBlocks(refusal, appName) };
}

/** In place of a form opened from the Home tab. */
export function refusalModal(refusal: Refusal, appName: string): ModalView {
  return modal('Cannot send this', refusalBlocks(refusal, appName));
}
