// The /invite-private form is sent: check it (inline errors in the form; the requester must be in
// the private channel, and so must the app), record it with its people, acknowledge with a
// "sending" view, add them, then show each person's result in the same modal.
import { validateDraft } from '../../../invites/private-channel/validate.js';
import type { SlackDeps } from '../../deps.js';
import { INVITE_PRIVATE } from '../../ids.js';
import { parseInvitePrivateSubmission } from '../../parse/invite-private.js';
import { privateInviteOutcomeView } from '../../views/private-invite-outcome.js';
import { inviteSubmission } from './invite-submission.js';

export function invitePrivateSubmission(deps: Pick<SlackDeps, 'logger' | 'appName' | 'bot' | 'whoMayInvite' | 'invitePrivate'>) {
  const outcomeOptions = { appName: deps.appName };
  return inviteSubmission(
    {
      kind: 'private_channel',
      validate: (view, requester) => validateDraft(parseInvitePrivateSubmission(view), requester),
      blockOf: { channel: INVITE_PRIVATE.blocks.channel, users: INVITE_PRIVATE.blocks.users },
      service: deps.invitePrivate,
      outcomeView: (invite) => privateInviteOutcomeView(invite, outcomeOptions),
    },
    deps,
  );
}
