// The /share-channel form is sent. One invitee (one address or one person): check it (inline
// errors in the form, or the form again after "Checking…"), record it, show a "sending" view,
// send it, then show the outcome in the same modal. Several (a list, people, a CSV): the same
// checks for each, named line by line, then one batch, sent at the workspace's pace, its
// progress in the modal and a summary message at the end (src/invites/batches/).
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { toBatchDraft, validateBatchForm, type BatchField, type SourcedDraft } from '../../../invites/batches/check.js';
import type { BatchRecord } from '../../../invites/batches/types.js';
import type { InviteRecord } from '../../../invites/ports.js';
import { validateDraft, type ShareField, type ValidDraft } from '../../../invites/share-channel/validate.js';
import type { SlackDeps } from '../../deps.js';
import { SHARE_CHANNEL } from '../../ids.js';
import { parseShareForm, singleDraftOf, type ShareForm } from '../../parse/share-channel.js';
import { batchStartedView } from '../../views/batch-progress.js';
import { shareChannelOutcomeView } from '../../views/invite-outcome.js';
import { shareChannelCheckingView, shareChannelModal, shareChannelPrefill } from '../../views/share-channel-modal.js';
import { inviteSubmission } from './invite-submission.js';
import { createNamedChannel, namesNewChannel, withChannelChoice, type WithNewChannel } from './new-channel.js';

export function shareChannelSubmission(deps: Pick<SlackDeps, 'logger' | 'appName'>) {
  const outcomeOptions = { appName: deps.appName };
  const { blocks } = SHARE_CHANNEL;
  const common = {
    kind: 'slack_connect',
    read: parseShareForm,
    checkingView: shareChannelCheckingView,
    formView: (form: ReturnType<typeof parseShareForm>, problems: readonly string[]) => shareChannelModal(shareChannelPrefill(form), problems),
  } as const;

  const single = inviteSubmission<ShareField | 'newChannel', ShareForm, WithNewChannel<ValidDraft>, InviteRecord>(
    {
      ...common,
      validate: (form, requester) =>
        withChannelChoice(form, (f) => validateDraft(singleDraftOf(f) ?? { channelId: f.channelId, email: f.emailsText, userId: f.userIds[0], externalLimited: f.externalLimited }, requester)),
      prepare: createNamedChannel,
      needsPrepare: namesNewChannel,
      blockOf: { channel: blocks.channel, inviteeEmail: blocks.email, inviteeUser: blocks.user, newChannel: blocks.newChannel },
      serviceOf: (workspace) => workspace.shareChannel,
      outcomeView: (invite) => shareChannelOutcomeView(invite, outcomeOptions),
    },
    deps,
  );

  const batch = inviteSubmission<BatchField | 'newChannel', ShareForm, WithNewChannel<SourcedDraft>, BatchRecord>(
    {
      ...common,
      validate: (form, requester) => withChannelChoice(form, (f) => validateBatchForm(f, requester)),
      prepare: createNamedChannel,
      needsPrepare: namesNewChannel,
      blockOf: { channel: blocks.channel, invitees: blocks.email, users: blocks.user, file: blocks.file, newChannel: blocks.newChannel },
      serviceOf: (workspace) => ({ check: workspace.checkBatch, record: (draft, requester, options) => workspace.batches.record(toBatchDraft(draft), requester, options), send: workspace.batches.send }),
      outcomeView: (recorded) => batchStartedView(recorded, outcomeOptions),
      // The batch shows its own progress, and sums itself up in a message, from whichever replica ends it.
      showsOwnOutcome: true,
    },
    deps,
  );

  return (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => (singleDraftOf(parseShareForm(args.view)) ? single(args) : batch(args));
}
