// The "Send again" form sent: the (corrected) email checked, the new invitation recorded and
// shown as sending in the same modal, then sent, then its outcome shown there.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isEmailAddress, normalizeEmail } from '../../../invites/email.js';
import { RecordingFailedError } from '../../../invites/steps.js';
import type { SlackDeps } from '../../deps.js';
import { RESEND } from '../../ids.js';
import { shareChannelOutcomeView } from '../../views/invite-outcome.js';
import { resendRefusedModal } from '../../views/resend-modal.js';
import { actorOf, requesterOf } from '../../installation.js';
import { explainError } from '../../../invites/error-catalogue.js';
import type { ModalView } from '@slack/types';
import { workspaceOf } from '../../workspaces/workspace.js';
import { requestLog } from '../context.js';
import { showOutcome } from './show-outcome.js';
import { refusalModal, refusalText } from '../../views/refusal.js';

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const REFUSED = {
  not_found: 'This invitation is not one of yours, so it cannot be sent again from here.',
  still_pending: 'This invitation is still on its way or waiting for them. It can be sent again once it expires, is declined or fails.',
} as const;

export function resendSubmission(deps: Pick<SlackDeps, 'logger' | 'appName'>) {
  return async ({ ack, body, view, client, context }: ViewArgs) => {
    const workspace = workspaceOf(context);
    if (!workspace) return ack();
    const log = requestLog(context, deps.logger);
    const field = view.state.values[RESEND.blocks.email]?.[RESEND.inputs.email] as { value?: string | null } | undefined;
    const typed = field?.value?.trim();
    // Why it does not go: under the email field when the form has one (an invitation by email), else in the modal's place.
    const refuse = (text: string, modal: ModalView = resendRefusedModal(text)) =>
      ack(field ? { response_action: 'errors', errors: { [RESEND.blocks.email]: text } } : { response_action: 'update', view: modal });
    if (field && (!typed || !isEmailAddress(typed))) return refuse('Enter an email address, like name@example.com.');
    // Who may invite is asked again: sending again is sending.
    const refusal = await workspace.whoMayInvite.check('slack_connect', actorOf(context, body.user), { fresh: true });
    if (refusal) return refuse(refusalText(refusal, deps.appName), refusalModal(refusal, deps.appName));
    const requester = requesterOf(workspace.installation, body.user.id);
    let recorded;
    try {
      recorded = await workspace.shareChannel.recordResend(requester, view.private_metadata, { correctedEmail: typed && normalizeEmail(typed), viewId: view.id }, new Date());
    } catch (error) {
      if (!(error instanceof RecordingFailedError)) throw error;
      const e = explainError('database_unavailable', { appName: deps.appName });
      return refuse(`${e.whatHappened} ${e.whatToDo}`);
    }
    if ('refused' in recorded) {
      log.info({ inviteId: view.private_metadata, refused: recorded.refused }, 'Send again refused');
      return refuse(REFUSED[recorded.refused]);
    }
    await ack({ response_action: 'update', view: shareChannelOutcomeView(recorded.invite, { appName: deps.appName }) });
    if (!recorded.created) return;
    log.info({ inviteId: recorded.invite.id, resendOf: view.private_metadata }, 'sending again as a new invitation');
    const final = await workspace.shareChannel.send(recorded.invite);
    await showOutcome(client, view.id, requester.userId, shareChannelOutcomeView(final, { appName: deps.appName }), log);
  };
}
