// The approval cards' and App Home's buttons: approve (after Slack's confirm dialog), decline or
// deny (a modal for the optional reason), accept an invitation to the app (a modal for the
// channel's name and privacy), ignore, always trust an organization, and the admins' settings
// (trusted organizations, the approver channel). Who may act is asked of Slack at every click
// by the service; the button's value is only which approval.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { explainError, type ErrorExplanation } from '../../../invites/error-catalogue.js';
import type { DecisionOutcome } from '../../../invites/approvals/service.js';
import type { ApprovalDecision } from '../../../invites/approvals/types.js';
import type { SlackDeps } from '../../deps.js';
import { encodedView } from '../../encoded-view.js';
import { RECORD_ID } from '../../ids.js';
import { actorOf, requesterOf } from '../../installation.js';
import { decodeHomeState } from '../../parse/home.js';
import { acceptInviteModal, addTrustedModal, declineReasonModal } from '../../views/approval-modals.js';
import { explanationMessage } from '../../views/explanation.js';
import { workspaceOf, type Workspace } from '../../workspaces/workspace.js';
import { requestLog } from '../context.js';
import { homeDepsOf, publishHome } from '../home-publisher.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type Deps = Pick<SlackDeps, 'logger' | 'appName'>;

/** The cards' update and the inviter's message after a decision, awaited so shutdown waits for them too. */
export const followUpOf = (outcome: DecisionOutcome | undefined): Promise<void> => (outcome && 'followUp' in outcome ? outcome.followUp : Promise.resolve());

const valueOf = (action: BlockAction['actions'][number]) => ('value' in action && typeof action.value === 'string' ? action.value : undefined);

/** The request's workspace and the approval the button names (its value only says which; nothing else is trusted). */
function approvalClicked(args: Pick<ActionArgs, 'action' | 'context'>): { workspace: Workspace; id: string } | undefined {
  const workspace = workspaceOf(args.context);
  const id = valueOf(args.action);
  return workspace && id && RECORD_ID.test(id) ? { workspace, id } : undefined;
}

/** What the person is told about an outcome that is not simply done: in words from the catalogue. */
export function outcomeExplanation(outcome: DecisionOutcome, appName: string): ErrorExplanation | undefined {
  switch (outcome.kind) {
    case 'refused':
      return explainError(outcome.code, { appName });
    case 'failed':
      return explainError(outcome.code, { appName, method: outcome.method });
    case 'not_found':
      return explainError('approval_not_found_here', { appName });
    case 'already': {
      const by = outcome.approval.decidedByUserId ? `<@${outcome.approval.decidedByUserId}>` : 'someone else';
      const base = explainError('approval_already_decided', { appName });
      return { ...base, whatHappened: `${by} ${outcome.approval.status === 'DECIDING' ? 'is deciding it right now' : 'already decided it'}. ${base.whatHappened}` };
    }
    case 'decided':
      // Slack said it was already settled there: the person is told so, in the method's words.
      return outcome.approval.status === 'DECIDED_IN_SLACK' && outcome.approval.slackError
        ? explainError(outcome.approval.slackError, { appName, ...(outcome.method ? { method: outcome.method } : {}) })
        : undefined;
  }
}

/**
 * Shows what happened where the person clicked: on App Home, the Home tab again (with a notice
 * when there is something to say); on a card in a channel or DM, an ephemeral answer (the card
 * itself is updated by the service for everyone).
 */
export async function answerClick(args: Pick<ActionArgs, 'body' | 'client' | 'context' | 'respond'>, workspace: Workspace, deps: Deps, outcome: DecisionOutcome | undefined): Promise<void> {
  const log = requestLog(args.context, deps.logger);
  const explanation = outcome && outcomeExplanation(outcome, deps.appName);
  if (args.body.view?.type === 'home') {
    await publishHome(args.client, homeDepsOf(workspace, deps.appName), requesterOf(workspace.installation, args.body.user.id), log, decodeHomeState(args.body.view.private_metadata), explanation);
    return;
  }
  if (explanation && args.body.response_url) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, ...explanationMessage(explanation) }).catch((err: unknown) => log.warn({ err }, 'could not answer the click'));
  }
}

/** Approve, ignore (and the decisions that need no modal). */
export function decisionButton(decision: Extract<ApprovalDecision, 'approve' | 'ignore'>, deps: Deps) {
  return async (args: ActionArgs) => {
    await args.ack();
    const clicked = approvalClicked(args);
    if (!clicked) return;
    const { workspace, id } = clicked;
    const outcome = await workspace.approvals.decide(actorOf(args.context, args.body.user), workspace.installation.teamId, id, decision);
    requestLog(args.context, deps.logger).info({ approvalId: id, decision, outcome: outcome.kind }, 'approval decision');
    await Promise.all([answerClick(args, workspace, deps, outcome), followUpOf(outcome)]);
  };
}

/** "Always trust": the organization goes on the trusted list, and this approval is approved by it. */
export function trustButton(deps: Deps) {
  return async (args: ActionArgs) => {
    await args.ack();
    const clicked = approvalClicked(args);
    if (!clicked) return;
    const { workspace, id } = clicked;
    const outcome = await workspace.approvals.trustAndApprove(actorOf(args.context, args.body.user), workspace.installation.teamId, id);
    await Promise.all([answerClick(args, workspace, deps, outcome), followUpOf(outcome)]);
  };
}

/** Decline/deny and accept open a modal first; nothing is decided until it is submitted. */
export function modalButton(which: 'decline' | 'accept', deps: Deps) {
  return async (args: ActionArgs) => {
    await args.ack();
    const clicked = approvalClicked(args);
    if (!clicked) return;
    const { workspace, id } = clicked;
    const approval = await workspace.approvals.find(workspace.installation.teamId, id);
    if (!approval) return answerClick(args, workspace, deps, { kind: 'not_found' });
    if (approval.status !== 'PENDING') return answerClick(args, workspace, deps, { kind: 'already', approval });
    const view = which === 'accept' ? acceptInviteModal(approval) : declineReasonModal(approval, { kind: approval.kind === 'INVITE_REQUEST' ? 'deny' : 'decline' });
    try {
      await args.client.views.open({ trigger_id: args.body.trigger_id, view: encodedView(view) });
    } catch (err) {
      requestLog(args.context, deps.logger).warn({ err }, 'could not open the approval modal');
    }
  };
}

/** App Home: remove a trusted organization (the value is its ID). */
export function untrustButton(deps: Deps) {
  return async (args: ActionArgs) => {
    await args.ack();
    const workspace = workspaceOf(args.context);
    const orgId = valueOf(args.action);
    if (!workspace || !orgId || !/^[TE][A-Z0-9]+$/.test(orgId)) return;
    const refused = await workspace.approvals.untrust(actorOf(args.context, args.body.user), workspace.installation.teamId, orgId);
    await answerClick(args, workspace, deps, refused);
  };
}

export function addTrustedButton(deps: Deps) {
  return async (args: ActionArgs) => {
    await args.ack();
    try {
      await args.client.views.open({ trigger_id: args.body.trigger_id, view: encodedView(addTrustedModal()) });
    } catch (err) {
      requestLog(args.context, deps.logger).warn({ err }, 'could not open the trusted-organization modal');
    }
  };
}

/** App Home: the channel approval cards go to (or none: each admin by DM). */
export function approverChannelSelect(deps: Deps, clear = false) {
  return async (args: ActionArgs) => {
    await args.ack();
    const workspace = workspaceOf(args.context);
    if (!workspace) return;
    const action = args.action as { selected_conversation?: string | null };
    const channelId = clear ? null : (action.selected_conversation ?? null);
    const refused = await workspace.approvals.setApproverChannel(actorOf(args.context, args.body.user), workspace.installation.teamId, channelId);
    await answerClick(args, workspace, deps, refused);
  };
}
