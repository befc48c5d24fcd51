// The Slack Connect events that ask for an admin's decision become approvals: recorded once
// (Slack's retries find the same row), decided by a trusted-organization rule when one applies,
// else posted as cards to the approvers.
import type { SlackDeps } from '../../deps.js';
import { parseApprovalEvent } from '../../parse/approval-event.js';
import { workspaceOf } from '../../workspaces/workspace.js';
import { requestLog } from '../context.js';
import type { EventArgs } from './shared-channel-invite.js';

export function approvalEvent(deps: Pick<SlackDeps, 'logger'>) {
  return async ({ body, context }: EventArgs) => {
    const workspace = workspaceOf(context);
    if (!workspace) return;
    const log = requestLog(context, deps.logger);
    for (const approval of parseApprovalEvent(body, workspace.installation)) {
      try {
        const recorded = await workspace.approvals.received(approval);
        if (recorded) log.info({ approvalId: recorded.id, kind: recorded.kind, status: recorded.status }, 'approval recorded');
      } catch (err) {
        log.error({ err, kind: approval.kind, slackInviteId: approval.slackInviteId }, 'could not record the approval');
      }
    }
  };
}
