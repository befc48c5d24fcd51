// "Send again" on an invitation that ended without reaching the person (App Home, the failure
// view): opens the modal for a new one (over the outcome modal when pressed there). Whether it may
// go is decided when the modal is sent.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { encodedView } from '../../encoded-view.js';
import { RECORD_ID } from '../../ids.js';
import { resendModal } from '../../views/resend-modal.js';
import { workspaceOf } from '../../workspaces/workspace.js';
import { requestLog } from '../context.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export function resendButton(deps: Pick<SlackDeps, 'logger'>) {
  return async ({ ack, body, action, client, context }: ActionArgs) => {
    await ack();
    const workspace = workspaceOf(context);
    const inviteId = 'value' in action ? action.value : undefined;
    if (!workspace || !inviteId || !RECORD_ID.test(inviteId)) return;
    const invite = await workspace.shareChannel.find(workspace.installation.teamId, inviteId);
    // Only the person's own invitations (the button is theirs; the value is not trusted).
    if (!invite || invite.requesterUserId !== body.user.id) return requestLog(context, deps.logger).warn({ inviteId }, 'Send again for an invitation that is not the person’s; ignored');
    const view = encodedView(resendModal(invite));
    try {
      if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
      else await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (err) {
      requestLog(context, deps.logger).warn({ err }, 'could not open the Send again form');
    }
  };
}
