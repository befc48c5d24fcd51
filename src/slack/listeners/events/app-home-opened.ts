// app_home_opened: publish the person's dashboard, from the database only.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { requestLog } from '../context.js';
import { publishHome } from '../home-publisher.js';

export function appHomeOpened(deps: Pick<SlackDeps, 'logger' | 'appName' | 'dashboard'>) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    const teamId = body.team_id ?? context.teamId ?? '';
    await publishHome(client, deps, { teamId, userId: event.user }, requestLog(context, deps.logger));
  };
}
