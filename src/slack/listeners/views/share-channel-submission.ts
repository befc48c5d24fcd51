// The /share-channel form is sent: check it (inline errors in the form), record it, acknowledge
// with a "sending" view, send it, then show the outcome in the same modal.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { explainError } from '../../../invites/error-catalogue.js';
import { RecordingFailedError } from '../../../invites/errors.js';
import { validateDraft, type FieldErrors, type ShareField } from '../../../invites/share-channel/validate.js';
import type { SlackDeps } from '../../deps.js';
import { SHARE_CHANNEL } from '../../ids.js';
import { parseShareSubmission } from '../../parse/share-channel.js';
import { shareChannelOutcomeView } from '../../views/invite-outcome.js';
import { requestLog } from '../context.js';
import { showOutcome } from './show-outcome.js';

const BLOCK_OF: Record<ShareField, string> = {
  channel: SHARE_CHANNEL.blocks.channel,
  inviteeEmail: SHARE_CHANNEL.blocks.email,
  inviteeUser: SHARE_CHANNEL.blocks.user,
};

export function toBlockErrors(errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [BLOCK_OF[field as ShareField], message]));
}

export function shareChannelSubmission(deps: Pick<SlackDeps, 'logger' | 'appName' | 'shareChannel'>) {
  const { shareChannel, appName } = deps;
  return async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const log = requestLog(context, deps.logger);
    const requester = { userId: body.user.id, teamId: body.team?.id ?? body.user.team_id ?? '', enterpriseId: body.enterprise?.id };

    const form = validateDraft(parseShareSubmission(view), requester);
    if (!form.ok) return ack({ response_action: 'errors', errors: toBlockErrors(form.errors) });
    const checked = await shareChannel.check(form.draft, requester);
    if (checked.errors) return ack({ response_action: 'errors', errors: toBlockErrors(checked.errors) });

    let recorded;
    try {
      recorded = await shareChannel.record(form.draft, requester, { idempotencyKey: view.id, viewId: view.id, channelName: checked.channelName });
    } catch (error) {
      if (!(error instanceof RecordingFailedError)) throw error;
      const explanation = explainError('database_unavailable', { appName });
      return ack({ response_action: 'errors', errors: { [SHARE_CHANNEL.blocks.channel]: `${explanation.whatHappened} ${explanation.whatToDo}` } });
    }
    const outcomeOptions = { appName };
    if (!recorded.created) {
      // The same submission again (a double click, a repeated delivery): show it, send nothing.
      log.info({ inviteId: recorded.invite.id }, 'repeated submission; already recorded');
      return ack({ response_action: 'update', view: shareChannelOutcomeView(recorded.invite, outcomeOptions) });
    }
    await ack({ response_action: 'update', view: shareChannelOutcomeView(recorded.invite, outcomeOptions) });

    const final = await shareChannel.send(recorded.invite);
    await showOutcome(client, view.id, requester.userId, shareChannelOutcomeView(final, outcomeOptions), log);
  };
}
