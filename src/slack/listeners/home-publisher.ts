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
import type { ApprovalService } from '../../invites/approvals/service.js';
import type { ApprovalsSectionData } from '../views/home-approvals.js';
import type { Workspace } from '../workspaces/workspace.js';
import type { BatchService } from '../../invites/batches/service.js';
import { accessChangeable } from '../../invites/access/rules.js';
import type { AccessOffer } from '../../invites/access/service.js';

export interface HomePublisherDeps {
  dashboard: DashboardService;
  appName: string;
  /** Admins see the Slack Connect approvals section too. */
  approvals?: Pick<ApprovalService, 'sync' | 'overview'> | undefined;
  /** The person's batches, shown on their own page. */
  batches?: Pick<BatchService, 'recentOf'> | undefined;
  /** Whose accepted invitations get the access button, for this person (the click is checked again). */
  accessOffer?: ((userId: string, isAdmin: boolean) => Promise<AccessOffer>) | undefined;
}

/** What publishing a workspace's Home needs, from the request's workspace. */
export function homeDepsOf(workspace: Workspace, appName: string): HomePublisherDeps {
  return {
    appName,
    dashboard: workspace.dashboard,
    approvals: workspace.approvals,
    batches: workspace.batches,
    accessOffer: (userId, isAdmin) => workspace.access.offer({ userId, installation: workspace.installation }, { isAdmin }),
  };
}

/** How many of a person's latest batches their Home tab shows. */
const RECENT_BATCHES = 5;

/** Answers about the view itself: a different, small view can still be shown. Others (limits, no answer) would fail again. */
const VIEW_REFUSED = new Set(['view_too_large', 'invalid_arguments']);

/** A promise that never rejects (so nothing is unhandled if the dashboard fails first), and its unwrapping. */
const settled = <T>(p: Promise<T> | undefined) => (p ?? Promise.resolve(undefined)).then((value) => ({ value }), (error: unknown) => ({ error }));
const unwrap = async <T>(p: Promise<{ value: T } | { error: unknown }>): Promise<T> => {
  const r = await p;
  if ('error' in r) throw r.error;
  return r.value;
};

export async function publishHome(
  client: WebClient,
  deps: HomePublisherDeps,
  target: { teamId: string; userId: string; enterpriseId?: string | undefined },
  log: Logger,
  state: HomeState = DEFAULT_HOME_STATE,
  notice?: ErrorExplanation,
): Promise<boolean> {
  let view;
  try {
    // The person's batches show on their own newest page: read beside the dashboard, not after it.
    const recentBatches = () => deps.batches?.recentOf(target.teamId, target.userId, RECENT_BATCHES);
    const early = state.scope === 'mine' && state.cursor === undefined ? settled(recentBatches()) : undefined;
    const dashboard = await deps.dashboard.load(toDashboardRequest(state, target.teamId, target.userId));
    let approvals: ApprovalsSectionData | undefined;
    if (dashboard.isAdmin && deps.approvals) {
      // Slack's pending list, read at most once a minute (Tier 1), in the background: the Home
      // tab shows what the database holds now; what the read finds arrives as cards.
      deps.approvals.sync(target.teamId, target.enterpriseId).catch((err: unknown) => log.warn({ err }, 'could not read pending approvals from Slack'));
      approvals = await deps.approvals.overview(target.teamId);
    }
    // Who may change a partner's access is asked only when the page shows an invitation it could apply to.
    const access = deps.accessOffer && dashboard.invites.some(accessChangeable)
      ? await deps.accessOffer(target.userId, dashboard.isAdmin).catch((err: unknown): AccessOffer => {
          log.warn({ err }, 'could not tell whether to offer the access buttons; not offered');
          return 'none';
        })
      : 'none';
    const batches = dashboard.request.scope === 'mine' && dashboard.request.cursor === undefined ? await (early ? unwrap(early) : recentBatches()) : undefined;
    view = homeView(dashboard, { appName: deps.appName, notice, approvals, access, batches });
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
