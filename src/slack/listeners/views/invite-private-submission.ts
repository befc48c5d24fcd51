// The /invite-private form is sent: check it (inline errors in the form; the requester must be in
// the private channel), record it with its people, acknowledge with a "sending" view, add them,
// then show each person's result in the same modal.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { explainError } from '../../../invites/error-catalogue.js';
import { RecordingFailedError } from '../../../invites/errors.js';
import { validateDraft, type FieldErrors, type PrivateField } from '../../../invites/private-channel/validate.js';
import type { SlackDeps } from '../../deps.js';
import { INVITE_PRIVATE } from '../../ids.js';
import { parseInvitePrivateSubmission } from '../../parse/invite-private.js';
import { privateInviteOutcomeView } from '../../views/private-invite-outcome.js';
import { requestLog } from '../context.js';
import { showOutcome } from './show-outcome.js';

const BLOCK_OF: Record<PrivateField, string> = {
  channel: INVITE_PRIVATE.blocks.channel,
  users: INVITE_PRIVATE.blocks.users,
};

function toBlockErrors(errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [BLOCK_OF[field as PrivateField], message]));
}

export function invitePrivateSubmission(deps: Pick<SlackDeps, 'logger' | 'appName' | 'invitePrivate'>) {
  const { appName } = deps;
  return async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const log = requestLog(context, deps.logger);
    const service = deps.invitePrivate;
    // Who asks comes from Slack's signed request, never from the form.
    const requester = { userId: body.user.id, teamId: body.team?.id ?? body.user.team_id ?? '', enterpriseId: body.enterprise?.id };

    const form = validateDraft(parseInvitePrivateSubmission(view), requester);
    if (!form.ok) return ack({ response_action: 'errors', errors: toBlockErrors(form.errors) });
    const checked = await service.check(form.draft, requester);
    if (checked.errors) return ack({ response_action: 'errors', errors: toBlockErrors(checked.errors) });

    let recorded;
    try {
      recorded = await service.record(form.draft, requester, { idempotencyKey: view.id, viewId: view.id, channelName: checked.channelName });
    } catch (error) {
      if (!(error instanceof RecordingFailedError)) throw error;
      const explanation = explainError('database_unavailable', { appName, method: service.method });
      return ack({ response_action: 'errors', errors: { [INVITE_PRIVATE.blocks.channel]: `${explanation.whatHappened} ${explanation.whatToDo}` } });
    }
    const outcomeOptions = { appName };
    await ack({ response_action: 'update', view: privateInviteOutcomeView(recorded.invite, outcomeOptions) });
    if (!recorded.created) {
      // The same submission again (a double click, a repeated delivery): show it, send nothing.
      log.info({ inviteId: recorded.invite.id }, 'repeated submission; already recorded');
      return;
    }

    const final = await service.send(recorded.invite);
    await showOutcome(client, view.id, requester.userId, privateInviteOutcomeView(final, outcomeOptions), log);
  };
}
