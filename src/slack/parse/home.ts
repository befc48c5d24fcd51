// The dashboard's state (scope, filter, page) travels in button values and the filter menu;
// whatever arrives is clamped to something valid.
import type { DashboardRequest, Scope } from '../../invites/dashboard/service.js';
import { isStatusFilter, type StatusFilter } from '../../invites/dashboard/status.js';

export interface HomeState {
  scope: Scope;
  filter: StatusFilter;
  page: number;
}

export const DEFAULT_HOME_STATE: HomeState = { scope: 'mine', filter: 'all', page: 0 };

export function encodeHomeState(state: HomeState): string {
  return JSON.stringify([state.scope, state.filter, state.page]);
}

export function decodeHomeState(value: unknown): HomeState {
  try {
    const [scope, filter, page] = typeof value === 'string' ? (JSON.parse(value) as unknown[]) : [];
    return {
      scope: scope === 'workspace' ? 'workspace' : 'mine',
      filter: isStatusFilter(filter) ? filter : 'all',
      page: typeof page === 'number' && Number.isInteger(page) && page >= 0 ? page : 0,
    };
  } catch {
    return DEFAULT_HOME_STATE;
  }
}

export function toDashboardRequest(state: HomeState, teamId: string, userId: string): DashboardRequest {
  return { teamId, userId, ...state };
}
