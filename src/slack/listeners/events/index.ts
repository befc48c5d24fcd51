import type { SlackDeps } from '../../deps.js';
import { EVENTS } from '../../ids.js';
import type { ListenerRegistry } from '../registry.js';
import { appHomeOpened } from './app-home-opened.js';
import { sharedChannelInviteEvent, sharedChannelInviteReceived } from './shared-channel-invite.js';

export function register(app: ListenerRegistry, deps: SlackDeps): void {
  app.event(EVENTS.appHomeOpened, appHomeOpened(deps));
  app.event(EVENTS.sharedChannelInviteAccepted, sharedChannelInviteEvent('accepted', deps));
  app.event(EVENTS.sharedChannelInviteApproved, sharedChannelInviteEvent('approved', deps));
  app.event(EVENTS.sharedChannelInviteDeclined, sharedChannelInviteEvent('declined', deps));
  app.event(EVENTS.sharedChannelInviteReceived, sharedChannelInviteReceived(deps));
}
