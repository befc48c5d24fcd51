import type { SlackDeps } from '../../deps.js';
import { APPROVALS, INVITE_PRIVATE, RESEND, SHARE_CHANNEL } from '../../ids.js';
import { resendSubmission } from './resend-submission.js';
import { acceptInviteSubmission, addTrustedSubmission, declineReasonSubmission } from './approvals.js';
import type { ListenerRegistry } from '../registry.js';
import { invitePrivateSubmission } from './invite-private-submission.js';
import { shareChannelSubmission } from './share-channel-submission.js';

export function register(app: ListenerRegistry, deps: SlackDeps): void {
  app.view(SHARE_CHANNEL.callbackId, shareChannelSubmission(deps));
  app.view(INVITE_PRIVATE.callbackId, invitePrivateSubmission(deps));
  app.view(RESEND.callbackId, resendSubmission(deps));
  app.view(APPROVALS.callbacks.declineReason, declineReasonSubmission(deps));
  app.view(APPROVALS.callbacks.acceptInvite, acceptInviteSubmission(deps));
  app.view(APPROVALS.callbacks.addTrusted, addTrustedSubmission(deps));
}
