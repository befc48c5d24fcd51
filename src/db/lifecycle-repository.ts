// Applies lifecycle events in one transaction with the claim of their event_id, so that a
// retried delivery (or two replicas receiving the same event) changes the invite once.
import type { PrismaClient } from '../generated/prisma/client.js';
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
