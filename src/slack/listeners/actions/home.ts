// The Home tab's controls: filter, scope (admins only; re-checked on the server), paging, refresh,
// the buttons that open the same forms as /share-channel and /invite-private (for people who may
// send them), and the admins' setting of who may send Slack Connect invitations.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { isStatusFilter } from '../../../invites/dashboard/status.js';
import { explainError, type ErrorExplanation } from '../../../invites/error-catalogue.js';
import type { SettingChange } from '../../../invites/settings/service.js';
import type { InviteKind } from '../../../invites/who-may-invite/service.js';
import type { SlackDeps } from '../../deps.js';
import { actorOf, requesterOf } from '../../installation.js';
import type { Requester } from '../../../invites/ports.js';
import { workspaceOf, type Workspace } from '../../workspaces/workspace.js';
import { decodeHomeState, type HomeState } from '../../parse/home.js';
import { refusalModal } from '../../views/refusal.js';
import { requestLog } from '../context.js';
import { homeDepsOf, publishHome } from '../home-publisher.js';
import { encodedView } from '../../encoded-view.js';
import { explainViewError } from '../../view-errors.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type HomeDeps = Pick<SlackDeps, 'logger' | 'appName'>;

/** Whose Home tab, in which installation (Bolt's context, not body.team); undefined: not this app's installation. */
function target({ body, context }: Pick<ActionArgs, 'body' | 'context'>): { workspace: Workspace; person: Requester } | undefined {
  const workspace = workspaceOf(context);
  return workspace ? { workspace, person: requesterOf(workspace.installation, body.user.id) } : undefined;
}

async function republish(deps: HomeDeps, args: ActionArgs, state: HomeState, notice?: ErrorExplanation): Promise<void> {
  const log = requestLog(args.context, deps.logger);
  const to = target(args);
  if (!to) {
    log.warn('Home tab action for a workspace this app is not installed in; ignored');
    return;
  }
  await publishHome(args.client, homeDepsOf(to.workspace, deps.appName), to.person, log, state, notice);
}

/** A button whose value carries the next state (scope, paging, refresh). */
export function homeStateButton(deps: HomeDeps) {
  return async (args: ActionArgs) => {
    await args.ack();
    const { action } = args;
    await republish(deps, args, decodeHomeState('value' in action ? action.value : undefined));
  };
}

/** The status menu: its own value, plus the rest of the state from the published view. */
export function homeFilter(deps: HomeDeps) {
  return async (args: ActionArgs) => {
    await args.ack();
    const { body, action } = args;
    const current = decodeHomeState(body.view?.private_metadata);
    const selected = 'selected_option' in action ? action.selected_option?.value : undefined;
    // A new filter starts at the newest.
    await republish(deps, args, { scope: current.scope, filter: isStatusFilter(selected) ? selected : 'all' });
  };
}

/**
 * A button that opens a form, or, for someone who may not send it, why not (in its place). If
 * Slack will not open it, the Home tab is published again with a notice at the top saying why and
 * what to do: the person is looking at that tab, which has no place for an ephemeral message, and
 * a direct message would land in the Messages tab, out of sight. The notice goes at the next
 * publish, and the dashboard keeps the filter and page the person had.
 */
export function openFormButton(deps: HomeDeps, kind: InviteKind, form: () => ModalView, buttonLabel: string) {
  return async ({ ack, body, client, context }: ActionArgs) => {
    await ack();
    const workspace = workspaceOf(context);
    if (!workspace) return;
    const refusal = await workspace.whoMayInvite.check(kind, actorOf(context, body.user), { fresh: false });
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: encodedView(refusal ? refusalModal(refusal, deps.appName) : form()) });
    } catch (err) {
      const log = requestLog(context, deps.logger);
      const explanation = explainViewError(err, 'views.open', { appName: deps.appName, retry: { button: buttonLabel } });
      log.warn({ err, code: explanation.code }, 'could not open the form from the Home tab');
      await publishHome(client, homeDepsOf(workspace, deps.appName), requesterOf(workspace.installation, body.user.id), log, decodeHomeState(body.view?.private_metadata), explanation);
    }
  };
}

type SettingsDeps = HomeDeps;

/** What the admin sees after a change: the Home tab again, with a line if it was refused. */
async function afterChange(deps: SettingsDeps, args: ActionArgs, change: SettingChange): Promise<void> {
  const state = decodeHomeState(args.body.view?.private_metadata);
  if (change.ok) return republish(deps, args, state);
  requestLog(args.context, deps.logger).warn({ userId: args.body.user.id, refusal: change.code }, 'workspace setting not changed');
  const e = explainError(change.code, { appName: deps.appName, ...(change.neededScope ? { neededScope: change.neededScope } : {}) });
  await republish(deps, args, state, e);
}

/**
 * An admin chose the user group whose members may send Slack Connect invitations. Who they are
 * is asked of Slack now (the payload says only who clicked); the group must be one Slack lists.
 */
export function homeInviteGroup(deps: SettingsDeps) {
  return async (args: ActionArgs) => {
    await args.ack();
    const { action, body, context } = args;
    const groupId = 'selected_option' in action ? action.selected_option?.value : undefined;
    const workspace = workspaceOf(context);
    if (!workspace) return;
    const actor = actorOf(context, body.user);
    const change: SettingChange = groupId ? await workspace.settings.restrictInvitesTo(actor, groupId) : { ok: false, code: 'usergroup_not_found' };
    await afterChange(deps, args, change);
  };
}

/** An admin let every member send Slack Connect invitations again. */
export function homeClearInviteGroup(deps: SettingsDeps) {
  return async (args: ActionArgs) => {
    await args.ack();
    const workspace = workspaceOf(args.context);
    if (!workspace) return;
    await afterChange(deps, args, await workspace.settings.clearInviteRestriction(actorOf(args.context, args.body.user)));
  };
}

/** Dispatches a block action to the handler for its action_id; an unknown one is acknowledged and ignored. */
export function routeByActionId(handlers: Record<string, (args: ActionArgs) => Promise<void>>, keyOf: (actionId: string) => string = (id) => id) {
  return async (args: ActionArgs) => {
    const handler = handlers[keyOf(args.action.action_id)];
    if (handler) return handler(args);
    await args.ack();
  };
}
