// The Home tab's controls: filter, scope (admins only; re-checked on the server), paging, refresh,
// and the buttons that open the same forms as /share-channel and /invite-private.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { isStatusFilter } from '../../../invites/dashboard/status.js';
import type { SlackDeps } from '../../deps.js';
import { decodeHomeState, type HomeState } from '../../parse/home.js';
import { requestLog } from '../context.js';
import { publishHome } from '../home-publisher.js';
import { encodedView } from '../../encoded-view.js';
import { explainViewError } from '../../view-errors.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type HomeDeps = Pick<SlackDeps, 'logger' | 'appName' | 'dashboard'>;

function target(body: BlockAction) {
  return { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
}

/** A button whose value carries the next state (scope, paging, refresh). */
export function homeStateButton(deps: HomeDeps) {
  return async ({ ack, body, action, client, context }: ActionArgs) => {
    await ack();
    const state = decodeHomeState('value' in action ? action.value : undefined);
    await publishHome(client, deps, target(body), requestLog(context, deps.logger), state);
  };
}

/** The status menu: its own value, plus the rest of the state from the published view. */
export function homeFilter(deps: HomeDeps) {
  return async ({ ack, body, action, client, context }: ActionArgs) => {
    await ack();
    const current = decodeHomeState(body.view?.private_metadata);
    const selected = 'selected_option' in action ? action.selected_option?.value : undefined;
    const state: HomeState = { ...current, filter: isStatusFilter(selected) ? selected : 'all', page: 0 };
    await publishHome(client, deps, target(body), requestLog(context, deps.logger), state);
  };
}

/**
 * A button that opens a form. If Slack will not open it, the Home tab is published again with a
 * notice at the top saying why and what to do: the person is looking at that tab, which has no
 * place for an ephemeral message, and a direct message would land in the Messages tab, out of
 * sight. The notice goes at the next publish (opening the tab, any button), and the dashboard
 * keeps the filter and page the person had.
 */
export function openFormButton(deps: HomeDeps, form: () => ModalView, buttonLabel: string) {
  return async ({ ack, body, client, context }: ActionArgs) => {
    await ack();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: encodedView(form()) });
    } catch (err) {
      const log = requestLog(context, deps.logger);
      const explanation = explainViewError(err, 'views.open', { appName: deps.appName, retry: { button: buttonLabel } });
      log.warn({ err, code: explanation.code }, 'could not open the form from the Home tab');
      await publishHome(client, deps, target(body), log, decodeHomeState(body.view?.private_metadata), explanation);
    }
  };
}

/** Dispatches a block action to the handler for its action_id; an unknown one is acknowledged and ignored. */
export function routeByActionId(handlers: Record<string, (args: ActionArgs) => Promise<void>>) {
  return async (args: ActionArgs) => {
    const handler = handlers[args.action.action_id];
    if (handler) return handler(args);
    await args.ack();
  };
}
