import type { SlackDeps } from '../../deps.js';
import { INVITE_PRIVATE, SHARE_CHANNEL } from '../../ids.js';
import type { ListenerRegistry } from '../registry.js';
import { invitePrivateSubmission } from './invite-private-submission.js';
import { shareChannelSubmission } from './share-channel-submission.js';

export function register(app: ListenerRegistry, deps: SlackDeps): void {
  app.view(SHARE_CHANNEL.callbackId, shareChannelSubmission(deps));
  app.view(INVITE_PRIVATE.callbackId, invitePrivateSubmission(deps));
}
