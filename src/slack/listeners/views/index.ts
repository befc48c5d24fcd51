import type { SlackDeps } from '../../deps.js';
import { SHARE_CHANNEL } from '../../ids.js';
import type { ListenerRegistry } from '../registry.js';
import { shareChannelSubmission } from './share-channel-submission.js';

export function register(app: ListenerRegistry, deps: SlackDeps): void {
  app.view(SHARE_CHANNEL.callbackId, shareChannelSubmission(deps));
}
