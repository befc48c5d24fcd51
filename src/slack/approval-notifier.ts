// Approval cards where the approvers are: the channel the admins chose, or, if none, a direct
// message to each workspace admin and owner (users.list, cached a few minutes); every card is
// updated when someone acts, so all of them show who decided. And the inviter's direct message.
import type { WebClient } from '@slack/web-api';
import type { ApprovalNotifier } from '../invites/approvals/service.js';
import type { Approval, CardRef } from '../invites/approvals/types.js';
import type { Logger } from '../logger.js';
import { postDirectMessage } from './direct-message.js';
import { approvalCard } from './views/approval-card.js';
import { approvalDecisionMessage } from './views/approval-decision-message.js';

/** A workspace's admins and owners get a card each; beyond this many, the admins should choose a channel. */
const MAX_ADMIN_DMS = 20;
const ADMINS_TTL_MS = 5 * 60_000;
const MAX_PAGES = 10;

interface UsersPage {
  members?: Array<{ id?: string; deleted?: boolean; is_bot?: boolean; is_admin?: boolean; is_owner?: boolean; is_restricted?: boolean }>;
  response_metadata?: { next_cursor?: string };
}

export interface ApprovalNotifierDeps {
  client: WebClient;
  approverChannel(): Promise<string | undefined>;
  appName: string;
  /** The app's own bot user: Slack names it as the inviter of what the app sent; never messaged. */
  botUserId: string;
  logger: Logger;
  now?: () => number;
}

export function createApprovalNotifier({ client, approverChannel, appName, botUserId, logger, now = Date.now }: ApprovalNotifierDeps): ApprovalNotifier {
  let admins: { ids: string[]; until: number } | undefined;

  async function adminIds(): Promise<string[]> {
    if (admins && admins.until > now()) return admins.ids;
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES && ids.length < MAX_ADMIN_DMS; page++) {
      const result = (await client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) })) as UsersPage;
      for (const m of result.members ?? []) {
        if (m.id && !m.deleted && !m.is_bot && !m.is_restricted && (m.is_admin || m.is_owner)) ids.push(m.id);
      }
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    admins = { ids: ids.slice(0, MAX_ADMIN_DMS), until: now() + ADMINS_TTL_MS };
    return admins.ids;
  }

  return {
    async post(approval) {
      const channel = await approverChannel();
      const targets = channel ? [channel] : await adminIds();
      if (targets.length === 0) logger.warn({ approvalId: approval.id }, 'no approver channel and no admins found: the approval waits on App Home only');
      const card = approvalCard(approval, { appName });
      const refs: CardRef[] = [];
      for (const target of targets) {
        try {
          // One message a second per channel: a second card to one admin waits its turn.
          const posted = await postDirectMessage(client, { channel: target, text: card.text, blocks: card.blocks }, logger);
          if (posted.channel && posted.ts) refs.push({ channel: posted.channel, ts: posted.ts });
        } catch (err) {
          logger.warn({ err, approvalId: approval.id, target }, 'could not post an approval card');
        }
      }
      return refs;
    },

    async update(approval: Approval) {
      const card = approvalCard(approval, { appName });
      await Promise.all(
        approval.cards.map((ref) =>
          client.chat.update({ channel: ref.channel, ts: ref.ts, text: card.text, blocks: card.blocks }).catch((err: unknown) =>
            logger.warn({ err, approvalId: approval.id, channel: ref.channel }, 'could not update an approval card'),
          ),
        ),
      );
    },

    async tellInviter(approval) {
      // Only our own people: for an invitation from another organization, the inviter is theirs.
      const ours = !approval.invitingTeam || approval.invitingTeam.id === approval.teamId || approval.invitingTeam.id === approval.enterpriseId;
      const to = approval.requesterUserId ?? (ours ? approval.invitingUserId : undefined);
      if (!to || to === botUserId) return;
      const message = approvalDecisionMessage(approval);
      await postDirectMessage(client, { channel: to, text: message.text, blocks: message.blocks }, logger);
    },
  };
}
