// Channel and people look-ups for validation and authorization, answered from the Web API, each
// call counted against its method's rate tier (../call-budget.ts).
//
// Whether someone is a member of a channel can be asked two ways, and the cheaper one is used:
//   - conversations.members pages the channel: up to 1,000 IDs a call, Tier 4 (100 calls a
//     minute). A channel of 10,000 members is 10 calls in a row, a tenth of the minute's
//     allowance, and (at a few hundred milliseconds a call) more than Slack's 3 seconds.
//   - users.conversations pages the person's channels (public and private; private ones only
//     where the app is a member too, which the checks require anyway): up to 1,000 a call,
//     Tier 3 (50 a minute), and it stops at the page that holds the channel. Nearly everyone is
//     in fewer than 1,000 channels: one call, a fiftieth of the allowance, whatever the channel's size.
// By share of the minute's allowance, conversations.members costs ceil(members / 1,000) / 100 and
// users.conversations 1 / 50: the channel is paged only when it fits in one page (up to 1,000
// members); from 1,001 members on (two pages or more) the person's channels are asked instead,
// and so when the channel's size is unknown.
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { ChannelFacts, UserFacts, WorkspaceDirectory } from '../../invites/ports.js';
import { createCallBudget, TIER_CALLS_PER_MINUTE, type CallBudget, type CallPriority, type LookupMethod } from '../call-budget.js';

const NOT_FOUND = new Set(['channel_not_found', 'user_not_found', 'users_not_found']);
/** conversations.members: IDs a page, and pages before giving up (a channel of 50,000 members). */
const MEMBERS_PAGE = 1000;
const MAX_MEMBER_PAGES = 50;
/** users.conversations: conversations a page, and pages before giving up (someone in 20,000 channels). */
const CONVERSATIONS_PAGE = 1000;
const MAX_CONVERSATION_PAGES = 20;
/** Profiles asked for at once when many are needed (/invite-private's 100 people). */
const BULK_CONCURRENCY = 10;
/** A 429 on a look-up is waited out (within the caller's own deadline) when Slack asks for at most this. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 30;
const MAX_RATE_LIMITED_TRIES = 3;

export type MembershipMethod = 'conversations.members' | 'users.conversations';

/** The cheaper way to learn whether one person is in a channel of `memberCount` members (see above). */
export function membershipMethod(memberCount: number | undefined): MembershipMethod {
  if (memberCount === undefined) return 'users.conversations';
  const channelPages = Math.max(1, Math.ceil(memberCount / MEMBERS_PAGE)) / TIER_CALLS_PER_MINUTE[4];
  const personPages = 1 / TIER_CALLS_PER_MINUTE[3];
  return channelPages < personPages ? 'conversations.members' : 'users.conversations';
}

export interface DirectoryOptions {
  /** Shared by every directory over the same workspace's token. */
  budget?: CallBudget;
}

export function createWorkspaceDirectory(client: WebClient, { budget = createCallBudget() }: DirectoryOptions = {}): WorkspaceDirectory {
  /** One call within its tier; a 429 anyway pauses the method, and is waited out when short. */
  async function call<T>(method: LookupMethod, priority: CallPriority, run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await budget.take(method, priority);
      try {
        return await run();
      } catch (error) {
        const e = error as { code?: string; retryAfter?: number };
        if (e.code !== ErrorCode.RateLimitedError) throw error;
        const retryAfter = e.retryAfter ?? 60;
        budget.pause(method, retryAfter);
        if (attempt >= MAX_RATE_LIMITED_TRIES || retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS) throw error;
      }
    }
  }

  async function userInfo(userId: string, priority: CallPriority): Promise<UserFacts | undefined> {
    try {
      const { user: u } = await call('users.info', priority, () => client.users.info({ user: userId }));
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
  }

  async function inChannelPages(channelId: string, userId: string): Promise<boolean> {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
      const result = await call('conversations.members', 'person', () =>
        client.conversations.members({ channel: channelId, limit: MEMBERS_PAGE, ...(cursor ? { cursor } : {}) }),
      );
      if (result.members?.includes(userId)) return true;
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) return false;
    }
    throw new Error(`membership of ${channelId} not settled after ${MAX_MEMBER_PAGES} pages`);
  }

  async function inPersonsChannels(channelId: string, userId: string): Promise<boolean> {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_CONVERSATION_PAGES; page++) {
      const result = await call('users.conversations', 'person', () =>
        client.users.conversations({ user: userId, types: 'public_channel,private_channel', limit: CONVERSATIONS_PAGE, ...(cursor ? { cursor } : {}) }),
      );
      if (result.channels?.some((c) => c.id === channelId)) return true;
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) return false;
    }
    throw new Error(`channels of ${userId} not settled after ${MAX_CONVERSATION_PAGES} pages`);
  }

  return {
    async channel(channelId: string): Promise<ChannelFacts | undefined> {
      try {
        const { channel: c } = await call('conversations.info', 'person', () => client.conversations.info({ channel: channelId, include_num_members: true }));
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
          memberCount: typeof c.num_members === 'number' ? c.num_members : undefined,
        };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async isMember(channelId: string, userId: string, memberCount?: number): Promise<boolean> {
      try {
        return membershipMethod(memberCount) === 'conversations.members' ? await inChannelPages(channelId, userId) : await inPersonsChannels(channelId, userId);
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },

    user: (userId) => userInfo(userId, 'person'),

    async users(userIds: readonly string[]): Promise<ReadonlyMap<string, UserFacts | undefined>> {
      const found = new Map<string, UserFacts | undefined>();
      let next = 0;
      let failed = false;
      const worker = async () => {
        while (!failed && next < userIds.length) {
          const userId = userIds[next++] as string;
          try {
            found.set(userId, await userInfo(userId, 'bulk'));
          } catch (error) {
            failed = true; // the others stop asking: one unanswered profile fails the whole check
            throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, userIds.length) }, worker));
      return new Map(userIds.map((id) => [id, found.get(id)]));
    },
  };
}

function isNotFound(error: unknown): boolean {
  return NOT_FOUND.has((error as { data?: { error?: string } }).data?.error ?? '');
}
