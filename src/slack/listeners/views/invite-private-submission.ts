// The /invite-private form is sent: check it (inline errors in the form; the requester must be in
// the private channel, and so must the app; or the form again after "Checking…"), record it with
// its people, show a "sending" view, add them, then show each person's result in the same modal.
import { validateDraft } from '../../../invites/private-channel/validate.js';
import type { SlackDeps } from '../../deps.js';
import { INVITE_PRIVATE } from '../../ids.js';
import { parseInvitePrivateSubmission } from '../../parse/invite-private.js';
import { privateInviteOutcomeView } from '../../views/private-invite-outcome.js';
import { invitePrivateCheckingView, invitePrivateModal } from '../../views/invite-private-modal.js';
import { inviteSubmission } from './invite-submission.js';

export function invitePrivateSubmission(deps: Pick<SlackDeps, 'logger' | 'appName'>) {
  const outcomeOptions = { appName: deps.appName };
  return inviteSubmission(
    {
      kind: 'private_channel',
      read: parseInvitePrivateSubmission,
      validate: validateDraft,
      blockOf: { channel: INVITE_PRIVATE.blocks.channel, users: INVITE_PRIVATE.blocks.users },
      serviceOf: (workspace) => workspace.invitePrivate,
      outcomeView: (invite) => privateInviteOutcomeView(invite, outcomeOptions),
      checkingView: invitePrivateCheckingView,
      formView: (raw, problems) => invitePrivateModal({ channelId: raw.channelId, userIds: raw.userIds }, problems),
    },
    deps,
  );
}
