// "Send again" on an invitation the app could not confirm (see invites/share-channel/pending-check.ts):
// only the person who asked for it can send it again; the outcome replaces the modal it was
// pressed in, or comes as a direct message when it was pressed in one.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { shareChannelOutcomeView } from '../../views/invite-outcome.js';
import { actorOf } from '../../installation.js';
import { workspaceOf } from '../../workspaces/workspace.js';
import { refusalModal } from '../../views/refusal.js';
import { requestLog } from '../context.js';
import { showOutcome } from '../views/show-outcome.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
const INVITE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function sendAgainButton(deps: Pick<SlackDeps, 'logger' | 'appName'>) {
  return async ({ ack, body, action, client, context }: ActionArgs) => {
    await ack();
    const log = requestLog(context, deps.logger);
    const inviteId = 'value' in action ? action.value : undefined;
    if (!inviteId || !INVITE_ID.test(inviteId)) {
      log.warn('Send again without a valid invite ID; ignored');
      return;
    }
    // The workspace is the installation's (Bolt's context), the person Slack's signed request's.
    const workspace = workspaceOf(context);
    const installation = workspace?.installation;
    if (!workspace || !installation) {
      log.warn('Send again for a workspace this app is not installed in; ignored');
      return;
    }
    const requester = { teamId: installation.teamId, userId: body.user.id, enterpriseId: installation.enterpriseId };
    // Sending again is sending: the person must still be allowed to (not since made a guest, say).
    const refusal = await workspace.whoMayInvite.check('slack_connect', actorOf(context, body.user), { fresh: true });
    if (refusal) {
      log.info({ inviteId, refusal: refusal.code }, 'Send again refused: the person may no longer send invitations');
      await showOutcome(client, body.view?.id, requester.userId, refusalModal(refusal, deps.appName), log);
      return;
    }
    // Found only among this workspace's invitations, and only if the person asked for it.
    const invite = await workspace.shareChannel.sendAgain(requester, inviteId);
    if (!invite) {
      log.warn({ inviteId }, 'Send again for an invitation that is not the person’s; ignored');
      return;
    }
    await showOutcome(client, body.view?.id, requester.userId, shareChannelOutcomeView(invite, { appName: deps.appName }), log);
  };
}
