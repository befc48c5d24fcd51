// The /share-channel form is sent: check it (inline errors in the form, or the form again after
// "Checking…"), record it, show a "sending" view, send it, then show the outcome in the same modal.
import { validateDraft } from '../../../invites/share-channel/validate.js';
import type { SlackDeps } from '../../deps.js';
import { SHARE_CHANNEL } from '../../ids.js';
import { parseShareSubmission } from '../../parse/share-channel.js';
import { shareChannelOutcomeView } from '../../views/invite-outcome.js';
import { shareChannelCheckingView, shareChannelModal, shareChannelPrefill } from '../../views/share-channel-modal.js';
import { inviteSubmission } from './invite-submission.js';

export function shareChannelSubmission(deps: Pick<SlackDeps, 'logger' | 'appName'>) {
  const outcomeOptions = { appName: deps.appName };
  return inviteSubmission(
    {
      kind: 'slack_connect',
      read: parseShareSubmission,
      validate: validateDraft,
      blockOf: { channel: SHARE_CHANNEL.blocks.channel, inviteeEmail: SHARE_CHANNEL.blocks.email, inviteeUser: SHARE_CHANNEL.blocks.user },
      serviceOf: (workspace) => workspace.shareChannel,
      outcomeView: (invite) => shareChannelOutcomeView(invite, outcomeOptions),
      checkingView: shareChannelCheckingView,
      formView: (raw, problems) => shareChannelModal(shareChannelPrefill(raw), problems),
    },
    deps,
  );
}
