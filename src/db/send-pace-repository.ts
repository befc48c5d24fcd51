// The pace of a workspace's batch invitations, shared by every replica: one row per workspace
// holding the start of its next free slot. Reserving is one statement (the row lock orders
// replicas that reserve at the same moment), so two replicas never get the same slot.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { SendPaceRepository } from '../invites/batches/types.js';

export function createSendPaceRepository(prisma: PrismaClient): SendPaceRepository {
  return {
    async reserve(teamId, intervalMs) {
      // The slot starts at the later of the last slot's end and now; the row keeps the slot's end.
      const [row] = await prisma.$queryRaw<Array<{ waitMs: number }>>`
        INSERT INTO send_paces (team_id, next_send_at) VALUES (${teamId}, now() + ${intervalMs}::int * interval '1 millisecond')
        ON CONFLICT (team_id) DO UPDATE SET next_send_at = GREATEST(send_paces.next_send_at, now()) + ${intervalMs}::int * interval '1 millisecond'
        RETURNING GREATEST(0, EXTRACT(EPOCH FROM (next_send_at - now())) * 1000 - ${intervalMs}::int)::float8 AS "waitMs"`;
      return Math.ceil(row?.waitMs ?? 0);
    },

    async holdBack(teamId, seconds) {
      await prisma.$executeRaw`
        INSERT INTO send_paces (team_id, next_send_at) VALUES (${teamId}, now() + ${seconds}::int * interval '1 second')
        ON CONFLICT (team_id) DO UPDATE SET next_send_at = GREATEST(send_paces.next_send_at, now() + ${seconds}::int * interval '1 second')`;
    },
  };
}
