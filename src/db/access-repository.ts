// The access changes of accepted invitations (src/invites/access/): the invitation's row lock that
// puts one workspace's changes of one invitation in a line, and the change recorded under it with
// the database's now(), beside a history row. Always scoped to the workspace (team_id).
import type { PrismaClient } from '../generated/prisma/client.js';
import type { AccessRepository } from '../invites/access/ports.js';
import type { InviteRecord } from '../invites/ports.js';
import { RETURNING_INVITE } from './invite-repository.js';

export interface AccessRepositoryOptions {
  /**
   * How long the lock may be held: the Slack call it waits for (its time limit) and a margin. A
   * click behind it waits at most this long, and a transaction past it is rolled back.
   */
  holdMs: number;
}

export function createAccessRepository(prisma: PrismaClient, { holdMs }: AccessRepositoryOptions): AccessRepository {
  return {
    async find(teamId, id) {
      return (await prisma.invite.findFirst({ where: { id, teamId } })) ?? undefined;
    },

    withLock(teamId, id, work) {
      return prisma.$transaction(
        async (tx) => {
          // FOR UPDATE: a second click waits here until the first one's change is recorded (or not).
          const [row] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM invites WHERE id = ${id}::uuid AND team_id = ${teamId} FOR UPDATE`;
          const invite = row ? await tx.invite.findUnique({ where: { id: row.id } }) : null;
          if (!invite) return work(undefined);
          return work({
            invite,
            async record({ externalLimited, targetTeamId, changedByUserId }) {
              const [updated] = await tx.$queryRaw<InviteRecord[]>`
                UPDATE invites SET external_limited = ${externalLimited}, access_changed_by_user_id = ${changedByUserId},
                  access_changed_at = now(), updated_at = now()
                WHERE id = ${invite.id}::uuid AND team_id = ${teamId} ${RETURNING_INVITE}`;
              await tx.$executeRaw`
                INSERT INTO invite_access_changes (invite_id, team_id, external_limited, target_team_id, changed_by_user_id)
                VALUES (${invite.id}::uuid, ${teamId}, ${externalLimited}, ${targetTeamId}, ${changedByUserId})`;
              if (!updated) throw new Error(`invite ${invite.id} vanished under its lock`);
              return updated;
            },
          });
        },
        { timeout: holdMs, maxWait: holdMs },
      );
    },
  };
}
