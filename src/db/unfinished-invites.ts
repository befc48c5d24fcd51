// How many invitations are still to finish (recorded, or being sent), for the metrics' gauge.
// One COUNT served by the invites (status, lease_expires_at) index alone (an index-only scan):
// it reads only the unfinished rows' index entries, however many finished ones the table holds.
import type { PrismaClient } from '../generated/prisma/client.js';

/** Exported so a test can EXPLAIN the very query the gauge runs. A constant: nothing is interpolated. */
export const UNFINISHED_INVITES_SQL = "SELECT count(*)::int AS n FROM invites WHERE status IN ('RECORDED', 'SENDING')";

export function unfinishedInvitesCount(prisma: PrismaClient): () => Promise<number> {
  return async () => {
    const [row] = await prisma.$queryRawUnsafe<Array<{ n: number }>>(UNFINISHED_INVITES_SQL);
    return row?.n ?? 0;
  };
}
