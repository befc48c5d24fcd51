// The approval modals sent: a decline or denial with its optional reason, an invitation to the
// app accepted under a channel name and privacy (Slack's naming rules checked inline), a trusted
// organization added by its ID. The decision itself is the service's: who may, once, recorded.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { DecisionOutcome } from '../../../invites/approvals/service.js';
import type { SlackDeps } from '../../deps.js';
import { APPROVALS } from '../../ids.js';
import { actorOf } from '../../installation.js';
import { validChannelName, validTrustedOrgId } from '../../views/approval-modals.js';
import { workspaceOf } from '../../workspaces/workspace.js';
import { followUpOf, outcomeExplanation } from '../actions/approvals.js';
import { requestLog } from '../context.js';

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type Deps = Pick<SlackDeps, 'logger' | 'appName'>;
type Values = ViewSubmitAction['view']['state']['values'];

const B = APPROVALS.blocks;
const I = APPROVALS.inputs;
const text = (values: Values, block: string, input: string): string | undefined => {
  const v = values[block]?.[input] as { value?: string | null } | undefined;
  return v?.value?.trim() || undefined;
};
const selected = (values: Values, block: string, input: string): string | undefined =>
  (values[block]?.[input] as { selected_option?: { value?: string } | null } | undefined)?.selected_option?.value;

function metadata(view: ViewSubmitAction['view']): { approvalId?: string; kind?: string } {
  try {
    const parsed = JSON.parse(view.private_metadata || '{}') as { approvalId?: unknown; kind?: unknown };
    return { approvalId: typeof parsed.approvalId === 'string' ? parsed.approvalId : undefined, kind: typeof parsed.kind === 'string' ? parsed.kind : undefined };
  } catch {
    return {};
  }
}

/** The outcome in the modal's first field when it did not go through; else the modal closes (the card shows the decision). */
function answer(ack: ViewArgs['ack'], block: string, outcome: DecisionOutcome, appName: string) {
  const e = outcomeExplanation(outcome, appName);
  if (!e) return ack();
  return ack({ response_action: 'errors', errors: { [block]: e ? `${e.whatHappened} ${e.whatToDo}`.slice(0, 2000) : 'Nothing was done.' } });
}

export function declineReasonSubmission(deps: Deps) {
  return async ({ ack, body, view, context }: ViewArgs) => {
    const workspace = workspaceOf(context);
    const { approvalId } = metadata(view);
    if (!workspace || !approvalId) return ack();
    const reason = text(view.state.values, B.reason, I.reason);
    if (reason && Array.from(reason).length > 560) return ack({ response_action: 'errors', errors: { [B.reason]: 'Slack takes at most 560 characters here.' } });
    const outcome = await workspace.approvals.decide(actorOf(context, body.user), workspace.installation.teamId, approvalId, 'decline', { reason });
    requestLog(context, deps.logger).info({ approvalId, outcome: outcome.kind, withReason: !!reason }, 'decline or denial submitted');
    await answer(ack, B.reason, outcome, deps.appName);
    await followUpOf(outcome);
  };
}

export function acceptInviteSubmission(deps: Deps) {
  return async ({ ack, body, view, context }: ViewArgs) => {
    const workspace = workspaceOf(context);
    const { approvalId } = metadata(view);
    if (!workspace || !approvalId) return ack();
    const channelName = text(view.state.values, B.channelName, I.channelName) ?? '';
    const problem = validChannelName(channelName);
    if (problem) return ack({ response_action: 'errors', errors: { [B.channelName]: problem } });
    const isPrivate = selected(view.state.values, B.privacy, I.privacy) === APPROVALS.privacyOptions.private;
    const outcome = await workspace.approvals.decide(actorOf(context, body.user), workspace.installation.teamId, approvalId, 'accept', { channelName, isPrivate });
    requestLog(context, deps.logger).info({ approvalId, outcome: outcome.kind }, 'invitation to the app accepted');
    await answer(ack, B.channelName, outcome, deps.appName);
    await followUpOf(outcome);
  };
}

export function addTrustedSubmission(deps: Deps) {
  return async ({ ack, body, view, context }: ViewArgs) => {
    const workspace = workspaceOf(context);
    if (!workspace) return ack();
    const orgId = (text(view.state.values, B.trustedTeamId, I.trustedTeamId) ?? '').toUpperCase();
    const problem = validTrustedOrgId(orgId);
    if (problem) return ack({ response_action: 'errors', errors: { [B.trustedTeamId]: problem } });
    const refused = await workspace.approvals.trust(actorOf(context, body.user), workspace.installation.teamId, { id: orgId });
    if (refused) return answer(ack, B.trustedTeamId, refused, deps.appName);
    requestLog(context, deps.logger).info({ org: orgId }, 'trusted organization added');
    await ack();
  };
}

