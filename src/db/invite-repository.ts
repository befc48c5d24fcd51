// The invite records, through Prisma. Every query is scoped to a workspace (team_id) where a
// person's request is the input, so no workspace can ever read another's data.
import { outcomeFields } from '../invites/share-channel/outcome.js';
import type { InviteRecord, InviteRepository, NewSlackConnectInvite, SlackConnectOutcome } from '../invites/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';

const UNIQUE_VIOLATION = 'P2002';

export function createInviteRepository(prisma: PrismaClient): InviteRepository {
  return {
    async createSlackConnect(invite: NewSlackConnectInvite) {
      try {
        const created = await prisma.invite.create({
          data: {
            kind: 'SLACK_CONNECT',
            method: 'conversations.inviteShared',
            teamId: invite.teamId,
            enterpriseId: invite.enterpriseId ?? null,
            requesterUserId: invite.requesterUserId,
            channelId: invite.channelId,
            channelName: invite.channelName ?? null,
            inviteeEmail: invite.inviteeEmail ?? null,
            inviteeUserId: invite.inviteeUserId ?? null,
            externalLimited: invite.externalLimited,
            idempotencyKey: invite.idempotencyKey,
            viewId: invite.viewId ?? null,
          },
        });
        return { invite: created, created: true };
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        const existing = await prisma.invite.findUnique({
          where: { teamId_idempotencyKey: { teamId: invite.teamId, idempotencyKey: invite.idempotencyKey } },
        });
        if (!existing) throw error;
        return { invite: existing, created: false };
      }
    },

    markSending(id: string) {
      return prisma.invite.update({
        where: { id },
        data: { status: 'SENDING', attempts: { increment: 1 }, sentAt: new Date() },
      });
    },

    recordSlackConnectOutcome(id: string, outcome: SlackConnectOutcome) {
      return prisma.invite.update({ where: { id }, data: { ...outcomeFields(outcome), completedAt: new Date() } });
    },

    async findById(teamId: string, id: string): Promise<InviteRecord | undefined> {
      return (await prisma.invite.findFirst({ where: { id, teamId } })) ?? undefined;
    },
  };
}
