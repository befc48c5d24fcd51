import type { SlackDeps } from '../../deps.js';
import { EVENTS } from '../../ids.js';
import type { ListenerRegistry } from '../registry.js';
import { appHomeOpened } from './app-home-opened.js';
import { appUninstalled, tokensRevoked } from './uninstall.js';
import { sharedChannelInviteEvent, sharedChannelInviteReceived, type EventArgs } from './shared-channel-invite.js';

export function register(app: ListenerRegistry, deps: SlackDeps): void {
  app.event(EVENTS.appHomeOpened, appHomeOpened(deps));
  app.event(EVENTS.appUninstalled, appUninstalled(deps));
  app.event(EVENTS.tokensRevoked, tokensRevoked(deps));
  // One listener for the four shared_channel_invite_* events (fewer listeners, less matching per request).
  const byType: Record<string, (args: EventArgs) => Promise<void>> = {
    [EVENTS.sharedChannelInviteAccepted]: sharedChannelInviteEvent('accepted', deps),
    [EVENTS.sharedChannelInviteApproved]: sharedChannelInviteEvent('approved', deps),
    [EVENTS.sharedChannelInviteDeclined]: sharedChannelInviteEvent('declined', deps),
    [EVENTS.sharedChannelInviteReceived]: sharedChannelInviteReceived(deps),
  };
  app.event(/^shared_channel_invite_/, async (args) => {
    await byType[args.event.type]?.(args as EventArgs);
  });
}
