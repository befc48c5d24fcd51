// Loads a person's dashboard and publishes it as their Home tab; used by the Home events and
// actions and after lifecycle events. A failed publish is logged, never thrown at Slack; when
// Slack refused the view itself (too large, malformed), a small one saying why is published
// instead, so the person does not stare at a stale or empty tab.
import type { WebClient } from '@slack/web-api';
import type { DashboardService } from '../../invites/dashboard/service.js';
import type { ErrorExplanation } from '../../invites/error-catalogue.js';
import type { Logger } from '../../logger.js';
import { DEFAULT_HOME_STATE, toDashboardRequest, type HomeState } from '../parse/home.js';
import { explainViewError } from '../view-errors.js';
import { homeNotShownView, homeUnavailableView, homeView } from '../views/home.js';
import { encodedView } from '../encoded-view.js';

export interface HomePublisherDeps {
  dashboard: DashboardService;
  appName: string;
}

/** Answers about the view itself: a different, small view can still be shown. Others (limits, no answer) would fail again. */
const VIEW_REFUSED = new Set(['view_too_large', 'invalid_arguments']);

export async function publishHome(
  client: WebClient,
  deps: HomePublisherDeps,
  target: { teamId: string; userId: string },
  log: Logger,
  state: HomeState = DEFAULT_HOME_STATE,
  notice?: ErrorExplanation,
): Promise<boolean> {
  let view;
  try {
    const dashboard = await deps.dashboard.load(toDashboardRequest(state, target.teamId, target.userId));
    view = homeView(dashboard, { appName: deps.appName, notice });
  } catch (err) {
    log.error({ err, userId: target.userId }, 'could not load the dashboard');
    view = homeUnavailableView(notice);
  }
  try {
    await client.views.publish({ user_id: target.userId, view: encodedView(view) });
    return true;
  } catch (err) {
    const explanation = explainViewError(err, 'views.publish', { appName: deps.appName });
    log.error({ err, userId: target.userId, code: explanation.code }, 'could not publish the Home tab');
    if (!VIEW_REFUSED.has(explanation.code)) return false;
    try {
      await client.views.publish({ user_id: target.userId, view: encodedView(homeNotShownView(explanation)) });
    } catch (again) {
      log.error({ err: again, userId: target.userId }, 'could not publish the Home tab’s explanation either');
    }
    return false;
  }
}
