import type { SlackDeps } from '../../deps.js';
import { HOME, SHARE_CHANNEL } from '../../ids.js';
import type { ListenerRegistry } from '../registry.js';
import { inviteGroupOptions } from './invite-group.js';
import { newChannelGroupOptions } from './new-channel-group.js';

export function register(app: ListenerRegistry, deps: SlackDeps): void {
  app.options({ type: 'block_suggestion', action_id: HOME.actions.inviteGroup }, inviteGroupOptions());
  app.options({ type: 'block_suggestion', action_id: SHARE_CHANNEL.actions.newChannelGroup }, newChannelGroupOptions(deps.logger));
}
