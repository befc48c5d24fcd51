// User-group look-ups shared by everyone asking at the same moment (one Slack call answers all
// concurrent askers) and reused briefly: usergroups.users.list is Tier 2 (about 20 calls a
// minute), and every /share-channel asks it while the admin setting is on. A member removed from
// the group can still send for up to `membersTtlMs` (30 s by default), as a profile change takes up
// to the directory cache's minute. Failures are never cached, so a look-up that failed (and was
// refused: the check fails closed) is asked again next time.
import type { UserGroup, UserGroupDirectory } from './ports.js';
import { createSingleFlightCache } from './single-flight-cache.js';

export interface UserGroupCacheOptions {
  /** The groups offered in the App Home menu. */
  listTtlMs?: number;
  /** Who is in a group. */
  membersTtlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export function createCachedUserGroups(groups: UserGroupDirectory, options: UserGroupCacheOptions = {}): UserGroupDirectory {
  const { listTtlMs = 60_000, membersTtlMs = 30_000, maxEntries = 1_000, now = () => Date.now() } = options;
  const { remember } = createSingleFlightCache({ maxEntries, now });

  return {
    list: () => remember<UserGroup[]>('list', listTtlMs, () => groups.list()),
    members: (groupId) => remember(`m:${groupId}`, membersTtlMs, () => groups.members(groupId)),
  };
}
