// shared_channel_invite_{accepted,approved,declined}: update the record (once per event), then
// refresh the inviter's Home tab and tell them in a direct message.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { LifecycleKind } from '../../../invites/lifecycle/service.js';
import type { SlackDeps } from '../../deps.js';
import { parseLifecycleEvent } from '../../parse/lifecycle-event.js';
import { lifecycleMessage } from '../../views/lifecycle-message.js';
import { postDirectMessage } from '../../direct-message.js';
import { requestLog } from '../context.js';
import { workspaceOf } from '../../workspaces/workspace.js';
import { homeDepsOf, publishHome } from '../home-publisher.js';

export type EventArgs = SlackEventMiddlewareArgs & AllMiddlewareArgs;

export function sharedChannelInviteEvent(kind: LifecycleKind, deps: Pick<SlackDeps, 'logger' | 'appName' | 'lifecycle'>) {
  return async ({ body, client, context }: EventArgs) => {
    const log = requestLog(context, deps.logger);
    const event = parseLifecycleEvent(body, kind, new Date());
    if (!event) {
      log.warn({ kind }, 'malformed shared_channel_invite event ignored');
      return;
    }
    const result = await deps.lifecycle.apply(event);
    if (result.outcome !== 'applied') return;
    const invite = result.invite;
    const message = lifecycleMessage(invite);
    const workspace = workspaceOf(context);
    await Promise.all([
      workspace && publishHome(client, homeDepsOf(workspace, deps.appName), { teamId: invite.teamId, userId: invite.requesterUserId, enterpriseId: workspace.installation.enterpriseId }, log),
      postDirectMessage(client, { channel: invite.requesterUserId, text: message.text, blocks: message.blocks }, log).catch((err: unknown) =>
        log.warn({ err }, 'could not send the lifecycle message'),
      ),
    ]);
  };
}

/** Invitations to this workspace's app, sent by user ID: nothing to record; noted in the log. */
export function sharedChannelInviteReceived(deps: Pick<SlackDeps, 'logger'>) {
  return async ({ context, body }: EventArgs) => {
    const invite = (body as { event?: { invite?: { id?: unknown } } }).event?.invite;
    requestLog(context, deps.logger).info({ slackInviteId: typeof invite?.id === 'string' ? invite.id : undefined }, 'shared channel invitation received');
  };
}
