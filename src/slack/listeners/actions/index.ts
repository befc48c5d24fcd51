import type { SlackDeps } from '../../deps.js';
import { HOME } from '../../ids.js';
import { invitePrivateModal } from '../../views/invite-private-modal.js';
import { shareChannelModal } from '../../views/share-channel-modal.js';
import type { ListenerRegistry } from '../registry.js';
import { homeClearInviteGroup, homeFilter, homeInviteGroup, homeStateButton, openFormButton, routeByActionId } from './home.js';

export function register(app: ListenerRegistry, deps: SlackDeps): void {
  // One listener routes every Home control: Bolt tries each listener's matchers on every request,
  // so fewer listeners is less work per request, whatever it is (measured by npm run bench).
  const stateButton = homeStateButton(deps);
  app.action(
    /^home\./,
    routeByActionId({
      [HOME.actions.filter]: homeFilter(deps),
      [HOME.actions.scope]: stateButton,
      [HOME.actions.pageNewer]: stateButton,
      [HOME.actions.pageOlder]: stateButton,
      [HOME.actions.refresh]: stateButton,
      [HOME.actions.openShareChannel]: openFormButton(deps, 'slack_connect', () => shareChannelModal()),
      [HOME.actions.openInvitePrivate]: openFormButton(deps, 'private_channel', () => invitePrivateModal()),
      [HOME.actions.inviteGroup]: homeInviteGroup(deps),
      [HOME.actions.clearInviteGroup]: homeClearInviteGroup(deps),
    }),
  );
}
