import type { SlackDeps } from '../../deps.js';
import { EVENTS } from '../../ids.js';
import type { ListenerRegistry } from '../registry.js';
import { appHomeOpened } from './app-home-opened.js';
import { appUninstalled, tokensRevoked } from './uninstall.js';
import { approvalEvent } from './approvals.js';
import { sharedChannelInviteEvent, sharedChannelInviteReceived, type EventArgs } from './shared-channel-invite.js';

export function register(app: ListenerRegistry, deps: SlackDeps): void {
  app.event(EVENTS.appHomeOpened, appHomeOpened(deps));
  app.event(EVENTS.appUninstalled, appUninstalled(deps));
  app.event(EVENTS.tokensRevoked, tokensRevoked(deps));
  // One listener for the four shared_channel_invite_* events (fewer listeners, less matching per request).
  const approvals = approvalEvent(deps);
  const accepted = sharedChannelInviteEvent('accepted', deps);
  const received = sharedChannelInviteReceived(deps);
  const byType: Record<string, (args: EventArgs) => Promise<void>> = {
    // An acceptance updates the invitation's record, and when it needs approval asks the approvers.
    [EVENTS.sharedChannelInviteAccepted]: async (args) => void (await Promise.all([accepted(args), approvals(args)])),
    [EVENTS.sharedChannelInviteApproved]: sharedChannelInviteEvent('approved', deps),
    [EVENTS.sharedChannelInviteDeclined]: sharedChannelInviteEvent('declined', deps),
    [EVENTS.sharedChannelInviteReceived]: async (args) => void (await Promise.all([received(args), approvals(args)])),
    [EVENTS.sharedChannelInviteRequested]: approvals,
  };
  app.event(/^shared_channel_invite_/, async (args) => {
    await byType[args.event.type]?.(args as EventArgs);
  });
}
