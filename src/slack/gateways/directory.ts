// Channel and people look-ups for validation and authorization, answered from the Web API.
import type { WebClient } from '@slack/web-api';
import type { ChannelFacts, UserFacts, WorkspaceDirectory } from '../../invites/ports.js';

const NOT_FOUND = new Set(['channel_not_found', 'user_not_found', 'users_not_found']);
/** Stops paging huge channels; a channel this size is still answered, just with more calls. */
const MAX_MEMBER_PAGES = 50;

export function createWorkspaceDirectory(client: WebClient): WorkspaceDirectory {
  return {
    async channel(channelId: string): Promise<ChannelFacts | undefined> {
      try {
        const { channel: c } = await client.conversations.info({ channel: channelId });
        if (!c?.id) return undefined;
        return {
          id: c.id,
          name: c.name ?? c.id,
          isIm: c.is_im === true,
          isMpim: c.is_mpim === true,
          isPrivate: c.is_private === true || c.is_group === true,
          isArchived: c.is_archived === true,
          isGeneral: c.is_general === true,
          appIsMember: c.is_member === true,
        };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async isMember(channelId: string, userId: string): Promise<boolean> {
      let cursor: string | undefined;
      for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
        try {
          const result = await client.conversations.members({ channel: channelId, limit: 1000, ...(cursor ? { cursor } : {}) });
          if (result.members?.includes(userId)) return true;
          cursor = result.response_metadata?.next_cursor || undefined;
          if (!cursor) return false;
        } catch (error) {
          if (isNotFound(error)) return false;
          throw error;
        }
      }
      throw new Error(`membership of ${channelId} not settled after ${MAX_MEMBER_PAGES} pages`);
    },

    async user(userId: string): Promise<UserFacts | undefined> {
      try {
        const { user: u } = await client.users.info({ user: userId });
        if (!u?.id) return undefined;
        return {
          id: u.id,
          teamId: u.team_id,
          name: u.profile?.display_name || u.real_name || u.name || u.id,
          email: u.profile?.email,
          // An app's account, however Slack marks it. Not is_app_user: that is a person who
          // authorized the calling app (Slack's user object reference), not an app.
          isBot: u.is_bot === true || u.is_workflow_bot === true || u.id === 'USLACKBOT' || !!u.profile?.bot_id,
          isAdmin: u.is_admin === true,
          isOwner: u.is_owner === true || u.is_primary_owner === true,
          deleted: u.deleted === true,
          isRestricted: u.is_restricted === true || u.is_ultra_restricted === true,
          isUltraRestricted: u.is_ultra_restricted === true,
          enterpriseId: u.enterprise_user?.enterprise_id,
          workspaceIds: u.enterprise_user?.teams,
        };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}

function isNotFound(error: unknown): boolean {
  return NOT_FOUND.has((error as { data?: { error?: string } }).data?.error ?? '');
}
