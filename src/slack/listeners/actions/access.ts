// App Home's "Give full access" / "Limit to posting only" on an accepted Slack Connect invitation
// (after Slack's confirm dialog). The button's value only says which invitation; who may change it
// is decided by the service, with Slack, at the click. Afterwards the Home tab is published again:
// with the new access, or with a notice saying why it did not change.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Access } from '../../../invites/access/ports.js';
import type { AccessChangeOutcome } from '../../../invites/access/service.js';
import { explainError, type ErrorExplanation } from '../../../invites/error-catalogue.js';
import type { SlackDeps } from '../../deps.js';
import { RECORD_ID } from '../../ids.js';
import { actorOf, requesterOf } from '../../installation.js';
import { decodeHomeState } from '../../parse/home.js';
import { ACCESS_BUTTON_LABEL } from '../../views/access-buttons.js';
import { workspaceOf } from '../../workspaces/workspace.js';
import { requestLog } from '../context.js';
import { homeDepsOf, publishHome } from '../home-publisher.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type Deps = Pick<SlackDeps, 'logger' | 'appName'>;

/** What the person is told when the access did not change, in the catalogue's words; nothing when it did (the row shows it). */
export function accessOutcomeExplanation(outcome: AccessChangeOutcome, to: Access, appName: string): ErrorExplanation | undefined {
  switch (outcome.kind) {
    case 'changed':
    case 'unchanged':
      return undefined;
    case 'refused':
      return explainError(outcome.code, { appName, ...(outcome.neededScope ? { neededScope: outcome.neededScope } : {}) });
    case 'failed':
      return explainError(outcome.code, {
        appName,
        method: outcome.method,
        retry: { button: ACCESS_BUTTON_LABEL[to] },
        ...(outcome.neededScope ? { neededScope: outcome.neededScope } : {}),
        ...(outcome.retryAfterSeconds !== undefined ? { retryAfterSeconds: outcome.retryAfterSeconds } : {}),
      });
  }
}

export function changeAccessButton(to: Access, deps: Deps) {
  return async (args: ActionArgs) => {
    await args.ack();
    const { action, body, client, context } = args;
    const log = requestLog(context, deps.logger);
    const workspace = workspaceOf(context);
    const inviteId = 'value' in action && typeof action.value === 'string' ? action.value : undefined;
    if (!workspace || !inviteId || !RECORD_ID.test(inviteId)) {
      log.warn('access change without a workspace or a valid invite ID; ignored');
      return;
    }
    const outcome = await workspace.access.changeAccess(actorOf(context, body.user), inviteId, to);
    log.info({ inviteId, to, outcome: outcome.kind, code: 'code' in outcome ? outcome.code : undefined }, 'access change');
    const notice = accessOutcomeExplanation(outcome, to, deps.appName);
    await publishHome(client, homeDepsOf(workspace, deps.appName), requesterOf(workspace.installation, body.user.id), log, decodeHomeState(body.view?.private_metadata), notice);
  };
}
