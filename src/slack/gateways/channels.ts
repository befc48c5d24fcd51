// Creating a channel and finding one by name, for "create the channel and invite in one step"
// (src/invites/channel-creation/). Through a client that never retries by itself: a second
// conversations.create is the service's decision. An org-wide installation's client names the
// workspace it acts in (team_id, ../clients.ts), which conversations.create requires of org tokens.
//
// Both methods are Tier 2 (about 20 calls a minute per workspace), counted by a call budget
// (../call-budget.ts). Slack has no look-up by name: conversations.list is paged, 1,000
// channels a page (its maximum), archived ones included (a name stays taken by an archived
// channel), public and private (private ones only where the app is a member, as Slack lists
// them), until the name is found or MAX_LIST_PAGES pages were read.
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { ChannelGateway, ChannelSummary, CreateChannelResult, FindChannelResult } from '../../invites/channel-creation/ports.js';
import { createCallBudget, type CallBudget, type LookupMethod } from '../call-budget.js';
import { classifyCallError } from './classify.js';

const LIST_PAGE = 1000;
/** A workspace of 20,000 channels; past that the name counts as not found (the answer only says it is taken). */
export const MAX_LIST_PAGES = 20;

interface SlackChannel {
  id?: string;
  name?: string;
  is_private?: boolean;
  is_archived?: boolean;
  creator?: string;
  created?: number;
}

function summary(ch: SlackChannel): ChannelSummary | undefined {
  if (!ch.id || !ch.name) return undefined;
  return {
    id: ch.id,
    name: ch.name,
    isPrivate: ch.is_private === true,
    isArchived: ch.is_archived === true,
    creatorId: ch.creator || undefined,
    createdAt: typeof ch.created === 'number' && ch.created > 0 ? new Date(ch.created * 1000) : undefined,
  };
}

export interface ChannelGatewayOptions {
  budget?: CallBudget;
}

export function createChannelGateway(client: WebClient, { budget = createCallBudget() }: ChannelGatewayOptions = {}): ChannelGateway {
  /** One call within its tier; a 429 anyway pauses the method (and is the caller's answer). */
  async function call<T>(method: LookupMethod, run: () => Promise<T>): Promise<T> {
    await budget.take(method, 'person');
    try {
      return await run();
    } catch (error) {
      const e = error as { code?: string; retryAfter?: number };
      if (e.code === ErrorCode.RateLimitedError) budget.pause(method, e.retryAfter ?? 60);
      throw error;
    }
  }

  return {
    async create(name, isPrivate): Promise<CreateChannelResult> {
      try {
        const { channel } = await call('conversations.create', () => client.conversations.create({ name, is_private: isPrivate }));
        const created = channel ? summary(channel as SlackChannel) : undefined;
        // ok:true without a channel would be Slack breaking its own contract: said as such.
        return created ? { ok: true, channel: created } : { ok: false, kind: 'slack_error', code: 'invalid_response' };
      } catch (error) {
        return { ok: false, ...classifyCallError(error) };
      }
    },

    async findByName(name): Promise<FindChannelResult> {
      try {
        let cursor: string | undefined;
        for (let page = 0; page < MAX_LIST_PAGES; page++) {
          const answer = await call('conversations.list', () =>
            client.conversations.list({ types: 'public_channel,private_channel', exclude_archived: false, limit: LIST_PAGE, ...(cursor ? { cursor } : {}) }),
          );
          const match = (answer.channels ?? []).find((ch) => ch.name === name);
          if (match) return { ok: true, channel: summary(match as SlackChannel) };
          cursor = answer.response_metadata?.next_cursor || undefined;
          if (!cursor) break;
        }
        return { ok: true, channel: undefined };
      } catch (error) {
        return { ok: false, ...classifyCallError(error) };
      }
    },
  };
}
