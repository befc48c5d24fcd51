// The workspace's settings for the app, changed by workspace admins and owners from App Home.
// One so far: "only members of this user group may send Slack Connect invitations" (none by
// default), as Slack's own admin setting does for people. Whoever asks is checked with Slack when
// they ask (users.info, not cached), never taken from the button. Knows nothing of Slack's SDK.
import { evictOldest, touch } from '../lru.js';
import { matchingGroups } from '../usergroup-search.js';
import type { Logger } from '../../logger.js';
import { LookupFailedError, type UserGroup, type UserGroupDirectory, type WorkspaceDirectory } from '../ports.js';
import { adminNow, refuseByRequest, type Actor } from '../who-may-invite/rules.js';

export type InviteGroup = UserGroup;

export interface WorkspaceSettings {
  teamId: string;
  /** Only members of this group (and admins and owners) may send Slack Connect invitations; undefined: everyone who may invite. */
  inviteGroup: InviteGroup | undefined;
  /** Who changed the settings last, and when (the database's clock). */
  updatedByUserId: string;
  updatedAt: Date;
}

export interface WorkspaceSettingsRepository {
  /** undefined: nobody has changed anything yet (the defaults apply). */
  get(teamId: string): Promise<WorkspaceSettings | undefined>;
  /** Sets the group, or with null clears it, noting who and the database's now. */
  setInviteGroup(teamId: string, group: InviteGroup | null, byUserId: string): Promise<WorkspaceSettings>;
}

/** The settings as the checks read them: from a few seconds' cache where a stale answer is harmless, else from the database. */
export interface SettingsReader {
  get(teamId: string, options: { fresh: boolean }): Promise<WorkspaceSettings | undefined>;
  forget(teamId: string): void;
}

/**
 * Reads through a short cache for the slash command's early check (every /share-channel asks);
 * the submission, which decides, reads the database. A change made on another replica reaches
 * the early check within `ttlMs`.
 */
export function createSettingsReader(repo: Pick<WorkspaceSettingsRepository, 'get'>, ttlMs = 5_000, now = () => Date.now()): SettingsReader {
  const cache = new Map<string, { value: Promise<WorkspaceSettings | undefined>; until: number }>();
  return {
    get(teamId, { fresh }) {
      const hit = cache.get(teamId);
      if (!fresh && hit && hit.until > now()) {
        touch(cache, teamId, hit);
        return hit.value;
      }
      const value = repo.get(teamId);
      touch(cache, teamId, { value, until: now() + ttlMs });
      evictOldest(cache, 10_000);
      value.catch(() => cache.get(teamId)?.value === value && cache.delete(teamId));
      return value;
    },
    forget(teamId) {
      cache.delete(teamId);
    },
  };
}

export type SettingRefusal = 'not_workspace_admin' | 'usergroup_not_found' | 'requester_check_failed' | 'missing_scope';

export type SettingChange =
  | { ok: true; settings: WorkspaceSettings }
  | { ok: false; code: SettingRefusal; neededScope?: string | undefined };

export interface SettingsServiceDeps {
  repo: WorkspaceSettingsRepository;
  /** Uncached: whether someone is an admin is asked of Slack when they change a setting. */
  directory: Pick<WorkspaceDirectory, 'user'>;
  groups: UserGroupDirectory;
  /** Cached: for offering the group menu, which changes nothing. */
  isAdmin: (teamId: string, userId: string) => Promise<boolean>;
  reader?: Pick<SettingsReader, 'forget'>;
  logger: Logger;
}

/** The groups offered at most (Block Kit's limit for a menu's options). */
export const MAX_GROUP_OPTIONS = 100;

export type SettingsService = ReturnType<typeof createSettingsService>;

export function createSettingsService({ repo, directory, groups, isAdmin, reader, logger }: SettingsServiceDeps) {
  /** The installation, if the actor is one of its workspace admins or owners according to Slack now. */
  async function adminInstallation(actor: Actor): Promise<{ teamId: string } | SettingRefusal> {
    const verdict = await adminNow(actor, (userId: string) => directory.user(userId), (err) =>
      logger.warn({ err, userId: actor.userId }, 'could not check with Slack whether the person is a workspace admin; nothing changed'),
    );
    if (verdict === 'admin' && actor.installation) return actor.installation;
    return verdict === 'check_failed' ? 'requester_check_failed' : 'not_workspace_admin';
  }

  async function save(installation: { teamId: string }, actor: Actor, group: InviteGroup | null): Promise<SettingChange> {
    const settings = await repo.setInviteGroup(installation.teamId, group, actor.userId);
    reader?.forget(installation.teamId);
    logger.info({ teamId: installation.teamId, changedBy: actor.userId, inviteGroupId: group?.id ?? null }, 'who may send Slack Connect invitations changed');
    return { ok: true, settings };
  }

  return {
    current(teamId: string): Promise<WorkspaceSettings | undefined> {
      return repo.get(teamId);
    },

    /** Only members of `groupId` (a group Slack lists, named as Slack names it) may send Slack Connect invitations. */
    async restrictInvitesTo(actor: Actor, groupId: string): Promise<SettingChange> {
      const installation = await adminInstallation(actor);
      if (typeof installation === 'string') return { ok: false, code: installation };
      let group: UserGroup | undefined;
      try {
        group = (await groups.list()).find((g) => g.id === groupId);
      } catch (err) {
        logger.warn({ err }, 'could not list the user groups; nothing changed');
        return failedLookup(err);
      }
      if (!group) return { ok: false, code: 'usergroup_not_found' };
      return save(installation, actor, group);
    },

    async clearInviteRestriction(actor: Actor): Promise<SettingChange> {
      const installation = await adminInstallation(actor);
      if (typeof installation === 'string') return { ok: false, code: installation };
      return save(installation, actor, null);
    },

    /** The groups whose name or handle contains `query`, for the menu; nothing for anyone but an admin. */
    async groupOptions(actor: Actor, query: string): Promise<UserGroup[]> {
      if (refuseByRequest(actor) || !actor.installation) return [];
      if (!(await isAdmin(actor.installation.teamId, actor.userId).catch(() => false))) return [];
      const all = await groups.list().catch((err: unknown) => {
        logger.warn({ err }, 'could not list the user groups for the menu');
        return [];
      });
      return matchingGroups(all, query, MAX_GROUP_OPTIONS);
    },
  };
}

function failedLookup(err: unknown): SettingChange {
  if (err instanceof LookupFailedError && err.failure.kind === 'slack_error' && err.failure.code === 'missing_scope') {
    return { ok: false, code: 'missing_scope', neededScope: err.failure.neededScope ?? 'usergroups:read' };
  }
  return { ok: false, code: 'requester_check_failed' };
}
