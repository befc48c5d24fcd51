// How many invitations are unfinished (recorded or sending): the gauge an operator watches. Read
// from the partial index invites_unfinished_created_at_idx (only unfinished rows are in it), so it
// costs the same with a million finished invitations as with none.
import type { PrismaClient } from '../generated/prisma/client.js';

/** Exported so a test can EXPLAIN the very query the gauge runs. A constant: nothing is interpolated. */
export const UNFINISHED_INVITES_SQL = "SELECT count(*)::int AS n FROM invites WHERE status IN ('RECORDED', 'SENDING')";

export async function countUnfinishedInvites(prisma: Pick<PrismaClient, '$queryRawUnsafe'>): Promise<number> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ n: number }>>(UNFINISHED_INVITES_SQL);
  return row?.n ?? 0;
}

/** The gauge's reader. */
export function unfinishedInvitesCount(prisma: Pick<PrismaClient, '$queryRawUnsafe'>): () => Promise<number> {
  return () => countUnfinishedInvites(prisma);
}
