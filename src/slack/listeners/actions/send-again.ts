// The outcome's buttons that send an invitation once more: "Send again" on one the app could not
// confirm (see invites/share-channel/pending-check.ts), and "Send as limited instead" on a
// full-access one the workspace's setting refused. Only the person who asked for it can; the
// outcome replaces the modal it was pressed in, or comes as a direct message when it was pressed in one.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import type { InviteRecord, Requester } from '../../../invites/ports.js';
import type { Workspace } from '../../workspaces/workspace.js';
import { shareChannelOutcomeView } from '../../views/invite-outcome.js';
import { actorOf, requesterOf } from '../../installation.js';
import { RECORD_ID } from '../../ids.js';
import { workspaceOf } from '../../workspaces/workspace.js';
import { refusalModal } from '../../views/refusal.js';
import { requestLog } from '../context.js';
import { showOutcome } from '../views/show-outcome.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

type Resend = (workspace: Workspace, requester: Requester, inviteId: string) => Promise<InviteRecord | undefined>;

export const sendAgainButton = (deps: Pick<SlackDeps, 'logger' | 'appName'>) => resendButton(deps, 'Send again', (w, r, id) => w.shareChannel.sendAgain(r, id));
export const sendAsLimitedButton = (deps: Pick<SlackDeps, 'logger' | 'appName'>) =>
  resendButton(deps, 'Send as limited', (w, r, id) => w.shareChannel.sendAsLimited(r, id));

function resendButton(deps: Pick<SlackDeps, 'logger' | 'appName'>, label: string, resend: Resend) {
  return async ({ ack, body, action, client, context }: ActionArgs) => {
    await ack();
    const log = requestLog(context, deps.logger);
    const inviteId = 'value' in action ? action.value : undefined;
    if (!inviteId || !RECORD_ID.test(inviteId)) {
      log.warn(`${label} without a valid invite ID; ignored`);
      return;
    }
    // The workspace is the installation's (Bolt's context), the person Slack's signed request's.
    const workspace = workspaceOf(context);
    const installation = workspace?.installation;
    if (!workspace || !installation) {
      log.warn(`${label} for a workspace this app is not installed in; ignored`);
      return;
    }
    const requester = requesterOf(installation, body.user.id);
    // Sending again is sending: the person must still be allowed to (not since made a guest, say).
    const refusal = await workspace.whoMayInvite.check('slack_connect', actorOf(context, body.user), { fresh: true });
    if (refusal) {
      log.info({ inviteId, refusal: refusal.code }, `${label} refused: the person may no longer send invitations`);
      await showOutcome(client, body.view?.id, requester.userId, refusalModal(refusal, deps.appName), log);
      return;
    }
    // Found only among this workspace's invitations, and only if the person asked for it.
    const invite = await resend(workspace, requester, inviteId);
    if (!invite) {
      log.warn({ inviteId }, `${label} for an invitation that is not the person’s; ignored`);
      return;
    }
    await showOutcome(client, body.view?.id, requester.userId, shareChannelOutcomeView(invite, { appName: deps.appName }), log);
  };
}
