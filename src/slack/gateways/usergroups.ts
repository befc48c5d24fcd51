// The workspace's user groups, for the admin setting "only members of this group may send Slack
// Connect invitations": usergroups.list (the App Home menu) and usergroups.users.list (the check
// on every /share-channel). Both need the usergroups:read scope and are Tier 2.
import type { WebClient } from '@slack/web-api';
import { LookupFailedError, type UserGroup, type UserGroupDirectory } from '../../invites/ports.js';
import { classifyCallError } from './classify.js';

/** usergroups.users.list's answer for a group that was deleted, or is disabled (asked without include_disabled). */
const NO_SUCH_GROUP = 'no_such_subteam';

export function createUserGroupDirectory(client: WebClient): UserGroupDirectory {
  return {
    async list(): Promise<UserGroup[]> {
      try {
        const { usergroups = [] } = await client.usergroups.list({ include_disabled: false });
        return usergroups.flatMap((g) =>
          g.id && g.handle && !(typeof g.date_delete === 'number' && g.date_delete > 0) ? [{ id: g.id, handle: g.handle, name: g.name || g.handle }] : [],
        );
      } catch (error) {
        throw new LookupFailedError(classifyCallError(error));
      }
    },

    async members(groupId: string): Promise<ReadonlySet<string> | undefined> {
      try {
        const { users = [] } = await client.usergroups.users.list({ usergroup: groupId });
        return new Set(users);
      } catch (error) {
        const failure = classifyCallError(error);
        if (failure.kind === 'slack_error' && failure.code === NO_SUCH_GROUP) return undefined;
        throw new LookupFailedError(failure);
      }
    },
  };
}
