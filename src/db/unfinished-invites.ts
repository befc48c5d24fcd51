// How many invitations are still to finish (recorded, or being sent), for the metrics' gauge.
// One COUNT served by the invites (status, lease_expires_at) index alone (an index-only scan):
// it reads only the unfinished rows' index entries, however many finished ones the table holds.
import type { PrismaClient } from '../generated/prisma/client.js';

export function unfinishedInvitesCount(prisma: PrismaClient): () => Promise<number> {
  return async () => {
    const [row] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM invites WHERE status IN ('RECORDED', 'SENDING')`;
    return row?.n ?? 0;
  };
}
