// Applies lifecycle events in one transaction with the claim of their event_id, so that a
// retried delivery (or two replicas receiving the same event) changes the invite once.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { UNCONFIRMED } from '../invites/call-failure.js';
import type { LifecycleRepository } from '../invites/lifecycle/service.js';

const UNIQUE_VIOLATION = 'P2002';

export function createLifecycleRepository(prisma: PrismaClient): LifecycleRepository {
  return {
    async applyOnce(eventId, teamId, type, work) {
      try {
        return await prisma.$transaction(async (tx) => {
          await tx.processedEvent.create({ data: { eventId, teamId, type } });
          return work({
            async findBySlackInviteId(teamIds, slackInviteId) {
              // Locks the row: an acceptance and an approval arriving together apply one after the other.
              await tx.$executeRaw`SELECT 1 FROM invites WHERE slack_invite_id = ${slackInviteId} AND team_id = ANY(${teamIds}) FOR UPDATE`;
              return (await tx.invite.findFirst({ where: { slackInviteId, teamId: { in: teamIds } } })) ?? undefined;
            },
            async settleUnconfirmed(teamIds, channelId, recipient, slackInviteId) {
              const invitee = 'email' in recipient ? Prisma.sql`lower(invitee_email) = ${recipient.email}` : Prisma.sql`invitee_user_id = ${recipient.userId}`;
              const [row] = await tx.$queryRaw<Array<{ id: string }>>`
                UPDATE invites SET status = 'AWAITING_ACCEPTANCE', slack_invite_id = ${slackInviteId}, error_code = NULL, error_detail = NULL,
                  lease_owner = NULL, lease_expires_at = NULL, lease_version = lease_version + 1, completed_at = now(), updated_at = now()
                WHERE id = (
                  SELECT id FROM invites
                  WHERE team_id = ANY(${teamIds}) AND kind = 'SLACK_CONNECT' AND channel_id = ${channelId} AND ${invitee} AND slack_invite_id IS NULL
                    AND (status = 'SENDING' OR (status = 'FAILED' AND error_code = ${UNCONFIRMED}))
                  ORDER BY created_at LIMIT 1 FOR UPDATE)
                RETURNING id`;
              return row ? ((await tx.invite.findUnique({ where: { id: row.id } })) ?? undefined) : undefined;
            },
            update: (id, data) => tx.invite.update({ where: { id }, data }),
          });
        });
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) return 'duplicate';
        throw error;
      }
    },
  };
}
