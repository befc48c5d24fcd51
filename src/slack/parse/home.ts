// The dashboard's state (scope, filter, and where the page starts: a cursor) travels in button
// values and the view's private_metadata; whatever arrives is clamped to something valid, and a
// cursor that does not parse strictly is dropped (the newest page), never passed on as text.
import { decodeCursor, encodeCursor, type PageCursor } from '../../invites/dashboard/cursor.js';
import type { DashboardRequest, Scope } from '../../invites/dashboard/service.js';
import { isStatusFilter, type StatusFilter } from '../../invites/dashboard/status.js';

export interface HomeState {
  scope: Scope;
  filter: StatusFilter;
  /** Undefined: the newest page. */
  cursor?: PageCursor | undefined;
}

export const DEFAULT_HOME_STATE: HomeState = { scope: 'mine', filter: 'all' };

/** At most about 80 characters: far inside a button value's 2000. */
export function encodeHomeState(state: HomeState): string {
  return JSON.stringify(state.cursor ? [state.scope, state.filter, encodeCursor(state.cursor)] : [state.scope, state.filter]);
}

export function decodeHomeState(value: unknown): HomeState {
  try {
    const [scope, filter, cursor] = typeof value === 'string' && value.length <= 2000 ? (JSON.parse(value) as unknown[]) : [];
    const decoded = decodeCursor(cursor);
    return {
      scope: scope === 'workspace' ? 'workspace' : 'mine',
      filter: isStatusFilter(filter) ? filter : 'all',
      ...(decoded ? { cursor: decoded } : {}),
    };
  } catch {
    return DEFAULT_HOME_STATE;
  }
}

export function toDashboardRequest(state: HomeState, teamId: string, userId: string): DashboardRequest {
  return { teamId, userId, ...state };
}
