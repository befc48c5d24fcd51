// The admin side of Slack Connect (approvals/ports.ts): approving, declining and accepting
// invitations, listing the accepted ones that wait for approval, and the Enterprise invite
// requests. A client that never retries by itself: whether to decide again is the service's call.
// The mapping functions are pure and exported, so they are tested on Slack's recorded answers.
import type { WebClient } from '@slack/web-api';
import type { AdminCallResult, ConnectAdminGateway, ConnectTeam, InviteRequest, PendingApproval } from '../../invites/approvals/ports.js';
import { classifyCallError } from './classify.js';

/** conversations.listConnectInvites is Tier 1 (about a call a minute): the pages one listing may spend. */
const MAX_INVITE_PAGES = 10;
/** requestSharedInvite.list is Tier 2; the same bound keeps one listing's cost known. */
const MAX_REQUEST_PAGES = 10;
/** Slack's limit for the reason sent with a denial. */
const MAX_REASON_CHARS = 560;

interface TeamShape { id?: string; name?: string; domain?: string }
interface UserShape { id?: string }

interface InviteShape {
  id?: string;
  date_invalid?: number;
  inviting_team?: TeamShape;
  inviting_user?: UserShape;
  recipient_email?: string;
  recipient_user_id?: string;
}

export interface ConnectInviteItem extends InviteShape {
  direction?: string;
  channel?: { id?: string; name?: string; is_private?: boolean };
  invite?: InviteShape;
  acceptances?: Array<{ approval_status?: string; date_invalid?: number; accepting_team?: TeamShape; accepting_user?: UserShape }>;
  invite_payload?: { is_external_limited?: boolean };
}

export interface InviteRequestItem {
  id?: string;
  expires_at?: number;
  date_denied?: number;
  inviting_team?: TeamShape;
  inviting_user?: UserShape;
  is_external_limited?: boolean;
  recipient_email?: string;
  target_user?: { recipient_email?: string; recipient_user_id?: string };
  channel?: { id?: string; name?: string };
}

/** Slack's recorded answers carry empty strings for absent values: those mean "not given". */
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const epoch = (value: unknown): Date | undefined => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? new Date(value * 1000) : undefined);
/** Lower-cased as slack-connect.ts does, so addresses compare with the app's records. */
const email = (value: unknown): string | undefined => text(value)?.toLowerCase();

export function toConnectTeam(team: TeamShape | undefined): ConnectTeam | undefined {
  const id = text(team?.id);
  return id ? { id, name: text(team?.name), domain: text(team?.domain) } : undefined;
}

/**
 * A listConnectInvites item as the approvals that wait on it: one per acceptance still pending
 * approval (each names its own accepting party, the target_team of approve and decline).
 */
export function toPendingApprovals(item: ConnectInviteItem): PendingApproval[] {
  // Slack's recorded answers also hold items with the invitation's keys at the top level.
  const invite: InviteShape = item.invite ?? item;
  const inviteId = text(invite.id);
  const channelId = text(item.channel?.id);
  const direction = item.direction;
  // Which side asks for target_team depends on the direction: without it, approving would be a guess.
  if (!inviteId || !channelId || (direction !== 'outgoing' && direction !== 'incoming')) return [];
  const limited = item.invite_payload?.is_external_limited;
  return (item.acceptances ?? [])
    .filter((a) => a?.approval_status === 'pending_approval')
    .map((acceptance) => ({
      inviteId,
      direction,
      channelId,
      channelName: text(item.channel?.name),
      isPrivate: typeof item.channel?.is_private === 'boolean' ? item.channel.is_private : undefined,
      invitingTeam: toConnectTeam(invite.inviting_team),
      invitingUserId: text(invite.inviting_user?.id),
      acceptingTeam: toConnectTeam(acceptance.accepting_team),
      acceptingUserId: text(acceptance.accepting_user?.id),
      recipientEmail: email(invite.recipient_email),
      recipientUserId: text(invite.recipient_user_id),
      externalLimited: typeof limited === 'boolean' ? limited : undefined,
      expiresAt: epoch(acceptance.date_invalid) ?? epoch(invite.date_invalid),
    }));
}

/** A requestSharedInvite.list item; `now` decides whether it has expired. */
export function toInviteRequest(item: InviteRequestItem, now: Date = new Date()): InviteRequest | undefined {
  const inviteId = text(item.id);
  if (!inviteId) return undefined;
  const expiresAt = epoch(item.expires_at);
  // Slack documents no mark of an approved request (include_approved stays false), so none is read.
  const state: InviteRequest['state'] = epoch(item.date_denied) ? 'denied'
    : expiresAt && expiresAt.getTime() <= now.getTime() ? 'expired'
    : 'pending';
  return {
    inviteId,
    channelId: text(item.channel?.id),
    channelName: text(item.channel?.name),
    invitingUserId: text(item.inviting_user?.id),
    invitingTeam: toConnectTeam(item.inviting_team),
    // target_user is the invitee this request's invite_id is for (in Slack's example the item's
    // own recipient_email differs from it): it comes first.
    recipientEmail: email(item.target_user?.recipient_email) ?? email(item.recipient_email),
    recipientUserId: text(item.target_user?.recipient_user_id),
    externalLimited: typeof item.is_external_limited === 'boolean' ? item.is_external_limited : undefined,
    expiresAt,
    state,
  };
}

/** Slack's limit counts characters: cut by code point so no emoji is split in half. */
export function denialMessage(reason: string | undefined): string | undefined {
  const trimmed = reason?.trim();
  return trimmed ? [...trimmed].slice(0, MAX_REASON_CHARS).join('') : undefined;
}

/** Runs one call and answers it in the port's terms. */
async function attempt<T extends object>(call: () => Promise<T>): Promise<AdminCallResult<T>> {
  try {
    return { ok: true, ...(await call()) };
  } catch (error) {
    return { ok: false, ...classifyCallError(error) };
  }
}

/** A call whose success carries nothing. */
async function settle(call: () => Promise<unknown>): Promise<AdminCallResult> {
  const result = await attempt(async () => {
    await call();
    return {};
  });
  // The port's default payload (Record<string, never>) types `ok: true` itself as never, so a
  // bare success can only be said with a cast.
  return result as AdminCallResult;
}

export function createConnectAdminGateway(client: WebClient): ConnectAdminGateway {
  return {
    // target_team: the accepting party; Slack requires it when the inviting side decides.
    approve: (inviteId, targetTeam) =>
      settle(() => client.conversations.approveSharedInvite({ invite_id: inviteId, ...(targetTeam ? { target_team: targetTeam } : {}) })),

    decline: (inviteId, targetTeam) =>
      settle(() => client.conversations.declineSharedInvite({ invite_id: inviteId, ...(targetTeam ? { target_team: targetTeam } : {}) })),

    accept: ({ inviteId, channelName, isPrivate }) =>
      attempt(async () => {
        const result = await client.conversations.acceptSharedInvite({ channel_name: channelName, invite_id: inviteId, is_private: isPrivate });
        return {
          channelId: text(result.channel_id),
          implicitApproval: typeof result.implicit_approval === 'boolean' ? result.implicit_approval : undefined,
        };
      }),

    listPendingApprovals: () =>
      attempt(async () => {
        const approvals: PendingApproval[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < MAX_INVITE_PAGES; page++) {
          const result = (await client.conversations.listConnectInvites({ count: 500, ...(cursor ? { cursor } : {}) })) as unknown as { invites?: ConnectInviteItem[]; response_metadata?: { next_cursor?: string } };
          for (const item of result.invites ?? []) approvals.push(...toPendingApprovals(item));
          cursor = result.response_metadata?.next_cursor || undefined;
          if (!cursor) break;
        }
        return { approvals };
      }),

    approveRequest: (inviteId) => settle(() => client.conversations.requestSharedInvite.approve({ invite_id: inviteId })),

    denyRequest: (inviteId, reason) => {
      const message = denialMessage(reason);
      return settle(() => client.conversations.requestSharedInvite.deny({ invite_id: inviteId, ...(message ? { message } : {}) }));
    },

    listRequests: () =>
      attempt(async () => {
        const requests: InviteRequest[] = [];
        const now = new Date();
        let cursor: string | undefined;
        for (let page = 0; page < MAX_REQUEST_PAGES; page++) {
          const result = (await client.conversations.requestSharedInvite.list({
            // Slack's defaults, said out loud: decided and expired requests are not the admins' to act on.
            include_approved: false,
            include_denied: false,
            include_expired: false,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          })) as unknown as { invite_requests?: InviteRequestItem[]; response_metadata?: { next_cursor?: string } };
          for (const item of result.invite_requests ?? []) {
            const request = toInviteRequest(item, now);
            // Slack's own example lists a denied request by default: keep only what still waits.
            if (request?.state === 'pending') requests.push(request);
          }
          cursor = result.response_metadata?.next_cursor || undefined;
          if (!cursor) break;
        }
        return { requests };
      }),
  };
}
