import type { SlackDeps } from '../../deps.js';
import { HOME } from '../../ids.js';
import { invitePrivateModal } from '../../views/invite-private-modal.js';
import { shareChannelModal } from '../../views/share-channel-modal.js';
import type { ListenerRegistry } from '../registry.js';
import { homeFilter, homeStateButton, openFormButton } from './home.js';

export function register(app: ListenerRegistry, deps: SlackDeps): void {
  app.action(HOME.actions.filter, homeFilter(deps));
  for (const id of [HOME.actions.scope, HOME.actions.pageNewer, HOME.actions.pageOlder, HOME.actions.refresh]) {
    app.action(id, homeStateButton(deps));
  }
  app.action(HOME.actions.openShareChannel, openFormButton(deps, () => shareChannelModal()));
  app.action(HOME.actions.openInvitePrivate, openFormButton(deps, () => invitePrivateModal()));
}
