// The App Home dashboard's data: counts and one page of invitations, from the database only
// (Slack's own invite listing is Tier 1: about one call a minute). Workspace-wide data only
// for workspace admins and owners, checked on the server at every request.
import type { InviteRecord, RecipientRecord, UserFacts } from '../ports.js';
import type { WorkspaceSettings, WorkspaceSettingsRepository } from '../settings/service.js';
import { isWorkspaceAdmin } from '../who-may-invite/rules.js';
import { evictOldest, touch } from '../lru.js';
import type { PageCursor } from './cursor.js';
import { type Counts, type StatusFilter } from './status.js';

export type Scope = 'mine' | 'workspace';

export interface DashboardQuery {
  teamId: string;
  /** Whose invitations; undefined: the whole workspace. */
  requesterUserId?: string | undefined;
  filter: StatusFilter;
  /** Where the page starts (exclusive); undefined: the newest. */
  cursor?: PageCursor | undefined;
  limit: number;
  now: Date;
}

/** `recipients` may be the first few only; `_count.recipients` says how many there are. */
export type DashboardInvite = InviteRecord & { recipients: RecipientRecord[]; _count?: { recipients: number } };

export interface DashboardRepository {
  counts(query: Omit<DashboardQuery, 'filter' | 'cursor' | 'limit'>): Promise<Counts>;
  /** Up to `limit` rows past the cursor (the nearest to it), newest first. */
  page(query: DashboardQuery): Promise<DashboardInvite[]>;
}

export interface DashboardRequest {
  teamId: string;
  userId: string;
  scope: Scope;
  filter: StatusFilter;
  /** Undefined: the newest page. */
  cursor?: PageCursor | undefined;
}

export interface Dashboard {
  request: DashboardRequest;
  isAdmin: boolean;
  /** Admins only: the workspace's settings for the app (undefined: the defaults), or 'unavailable'. */
  settings?: WorkspaceSettings | 'unavailable' | undefined;
  counts: Counts;
  invites: DashboardInvite[];
  /** Whether older (further down) and newer invitations than this page's exist. */
  hasOlder: boolean;
  hasNewer: boolean;
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
      const base = { teamId: request.teamId, requesterUserId: scope === 'mine' ? request.userId : undefined, now: at };
      const pageOf = (cursor: PageCursor | undefined) => repo.page({ ...base, filter: request.filter, cursor, limit: pageSize + 1 });
      const [counts, rows] = await Promise.all([repo.counts(base), pageOf(request.cursor)]);
      let cursor = request.cursor;
      let invites: DashboardInvite[];
      let hasOlder: boolean;
      let hasNewer: boolean;
      if (cursor?.direction === 'newer') {
        // The page just above the cursor: the pageSize nearest to it (the oldest of those read).
        hasNewer = rows.length > pageSize;
        invites = rows.slice(-pageSize);
        hasOlder = true;
        if (!hasNewer) {
          // Back at the top: the newest page, full even if some rows went meanwhile.
          cursor = undefined;
          if (invites.length < pageSize) {
            const first = await pageOf(undefined);
            invites = first.slice(0, pageSize);
            hasOlder = first.length > pageSize;
          }
        }
      } else {
        invites = rows.slice(0, pageSize);
        hasOlder = rows.length > pageSize;
        hasNewer = cursor !== undefined;
      }
      return {
        request: { ...request, scope, cursor },
        isAdmin: admin,
        ...(admin && settings ? { settings: current } : {}),
        counts,
        invites,
        hasOlder,
        hasNewer,
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
    if (hit && hit.until > now()) {
      touch(cache, key, hit);
      return hit.admin;
    }
    const admin = isWorkspaceAdmin(await lookup(userId), { teamId, enterpriseId, orgWide });
    cache.delete(key);
    cache.set(key, { admin, until: now() + ttlMs });
    evictOldest(cache, 10_000);
    return admin;
  };
}
