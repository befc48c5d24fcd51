// Loads a person's dashboard and publishes it as their Home tab; used by the Home events and
// actions and after lifecycle events. A failed publish is logged, never thrown at Slack.
import type { WebClient } from '@slack/web-api';
import type { DashboardService } from '../../invites/dashboard/service.js';
import type { Logger } from '../../logger.js';
import { DEFAULT_HOME_STATE, toDashboardRequest, type HomeState } from '../parse/home.js';
import { homeUnavailableView, homeView } from '../views/home.js';
import { encodedView } from '../encoded-view.js';

export interface HomePublisherDeps {
  dashboard: DashboardService;
  appName: string;
}

export async function publishHome(
  client: WebClient,
  deps: HomePublisherDeps,
  target: { teamId: string; userId: string },
  log: Logger,
  state: HomeState = DEFAULT_HOME_STATE,
  notice?: string,
): Promise<boolean> {
  let view;
  try {
    const dashboard = await deps.dashboard.load(toDashboardRequest(state, target.teamId, target.userId));
    view = homeView(dashboard, { appName: deps.appName, notice });
  } catch (err) {
    log.error({ err, userId: target.userId }, 'could not load the dashboard');
    view = homeUnavailableView();
  }
  try {
    await client.views.publish({ user_id: target.userId, view: encodedView(view) });
    return true;
  } catch (err) {
    log.error({ err, userId: target.userId }, 'could not publish the Home tab');
    return false;
  }
}
