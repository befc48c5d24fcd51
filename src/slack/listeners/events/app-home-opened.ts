// app_home_opened: publish the person's dashboard, from the database only.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { workspaceOf } from '../../workspaces/workspace.js';
import { requesterOf } from '../../installation.js';
import { requestLog } from '../context.js';
import { homeDepsOf, publishHome } from '../home-publisher.js';

export function appHomeOpened(deps: Pick<SlackDeps, 'logger' | 'appName'>) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    // The installation Bolt derived from the event's authorizations, not the body's team_id.
    const workspace = workspaceOf(context);
    if (!workspace) return requestLog(context, deps.logger).warn('app_home_opened for a workspace this app is not installed in; ignored');
    await publishHome(client, homeDepsOf(workspace, deps.appName), requesterOf(workspace.installation, event.user), requestLog(context, deps.logger));
  };
}
