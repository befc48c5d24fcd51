// The App Home dashboard's data: counts and one page of invitations, from the database only
// (Slack's own invite listing is Tier 1: about one call a minute). Workspace-wide data only
// for workspace admins and owners, checked on the server at every request.
import type { InviteRecord, RecipientRecord, UserFacts } from '../ports.js';
import type { WorkspaceSettings, WorkspaceSettingsRepository } from '../settings/service.js';
import { isWorkspaceAdmin } from '../who-may-invite/rules.js';
import { type Counts, type StatusFilter } from './status.js';

export type Scope = 'mine' | 'workspace';

export interface DashboardQuery {
  teamId: string;
  /** Whose invitations; undefined: the whole workspace. */
  requesterUserId?: string | undefined;
  filter: StatusFilter;
  offset: number;
  limit: number;
  now: Date;
}

/** `recipients` may be the first few only; `_count.recipients` says how many there are. */
export type DashboardInvite = InviteRecord & { recipients: RecipientRecord[]; _count?: { recipients: number } };

export interface DashboardRepository {
  counts(query: Omit<DashboardQuery, 'filter' | 'offset' | 'limit'>): Promise<Counts>;
  page(query: DashboardQuery): Promise<DashboardInvite[]>;
}

export interface DashboardRequest {
  teamId: string;
  userId: string;
  scope: Scope;
  filter: StatusFilter;
  page: number;
}

export interface Dashboard {
  request: DashboardRequest;
  isAdmin: boolean;
  /** Admins only: the workspace's settings for the app (undefined: the defaults), or 'unavailable'. */
  settings?: WorkspaceSettings | 'unavailable' | undefined;
  counts: Counts;
  invites: DashboardInvite[];
  hasMore: boolean;
  pageSize: number;
  now: Date;
}

export interface DashboardServiceDeps {
  repo: DashboardRepository;
  /** Whether the person is a workspace admin or owner (from their Slack profile). */
  isAdmin: (teamId: string, userId: string) => Promise<boolean>;
  /** The workspace's settings, shown to admins. */
  settings?: Pick<WorkspaceSettingsRepository, 'get'>;
  /** The clock expiry is judged by: the database's, the clock its timestamps were written by. */
  now?: () => Date | Promise<Date>;
  pageSize?: number;
}

export const MAX_PAGE = 10_000;

export function createDashboardService({ repo, isAdmin, settings, now = () => new Date(), pageSize = 15 }: DashboardServiceDeps) {
  return {
    async load(request: DashboardRequest): Promise<Dashboard> {
      const [at, admin, current] = await Promise.all([
        now(),
        isAdmin(request.teamId, request.userId).catch(() => false),
        // Read beside the admin check (a primary-key look-up), shown to admins only.
        settings ? settings.get(request.teamId).catch((): 'unavailable' => 'unavailable') : undefined,
      ]);
      // A person who is not an admin asking for the workspace view gets their own: never more.
      const scope: Scope = request.scope === 'workspace' && admin ? 'workspace' : 'mine';
      const page = Math.min(Math.max(0, Math.floor(request.page) || 0), MAX_PAGE);
      const base = { teamId: request.teamId, requesterUserId: scope === 'mine' ? request.userId : undefined, now: at };
      const [counts, rows] = await Promise.all([
        repo.counts(base),
        repo.page({ ...base, filter: request.filter, offset: page * pageSize, limit: pageSize + 1 }),
      ]);
      return {
        request: { ...request, scope, page },
        isAdmin: admin,
        ...(admin && settings ? { settings: current } : {}),
        counts,
        invites: rows.slice(0, pageSize),
        hasMore: rows.length > pageSize,
        pageSize,
        now: at,
      };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;

/** Admin status changes rarely; asking Slack once a minute per person keeps App Home fast. */
export function cachedAdminCheck(
  lookup: (userId: string) => Promise<UserFacts | undefined>,
  { enterpriseId, orgWide, ttlMs = 60_000, now = () => Date.now() }: { enterpriseId?: string | undefined; orgWide?: boolean | undefined; ttlMs?: number; now?: () => number } = {},
) {
  const cache = new Map<string, { admin: boolean; until: number }>();
  return async (teamId: string, userId: string): Promise<boolean> => {
    const key = `${teamId}:${userId}`;
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.admin;
    const admin = isWorkspaceAdmin(await lookup(userId), { teamId, enterpriseId, orgWide });
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { admin, until: now() + ttlMs });
    return admin;
  };
}
