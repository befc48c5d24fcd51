import type { SlackDeps } from '../../deps.js';
import { HOME } from '../../ids.js';
import type { ListenerRegistry } from '../registry.js';
import { inviteGroupOptions } from './invite-group.js';

export function register(app: ListenerRegistry, _deps: SlackDeps): void {
  app.options({ type: 'block_suggestion', action_id: HOME.actions.inviteGroup }, inviteGroupOptions());
}
