// The channels the app was asked to create (table channel_creations), one row per workspace and
// idempotency key, written with the database's clock. Every change is one statement, so
// concurrent submissions of the same form meet on the row: one insert wins the key, attempts are
// counted without losing any, and the first channel recorded stays.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { ChannelCreationRecord, ChannelCreationRepository, ChannelCreationStatus, NewChannelCreation } from '../invites/channel-creation/ports.js';

/** A row as PostgreSQL returns it: the record, its status still a plain string. */
type Row = Omit<ChannelCreationRecord, 'status'> & { status: string };

const COLUMNS = Prisma.raw(`id::text AS id, team_id AS "teamId", idempotency_key AS "idempotencyKey", name, is_private AS "isPrivate",
  requester_user_id AS "requesterUserId", channel_id AS "channelId", channel_name AS "channelName", status, attempts,
  error_code AS "errorCode", created_at AS "createdAt", updated_at AS "updatedAt"`);

const toRecord = (row: Row): ChannelCreationRecord => ({ ...row, status: row.status as ChannelCreationStatus });

function only(rows: Row[], what: string): ChannelCreationRecord {
  const row = rows[0];
  if (!row) throw new Error(`channel_creations: no row ${what}`);
  return toRecord(row);
}

export function createChannelCreationRepository(prisma: PrismaClient): ChannelCreationRepository {
  const find = async (id: string) => only(await prisma.$queryRaw<Row[]>`SELECT ${COLUMNS} FROM channel_creations WHERE id = ${id}::uuid`, id);
  return {
    find,

    async record(r: NewChannelCreation) {
      // DO NOTHING, then read: the row of whichever submission came first, unchanged.
      await prisma.$executeRaw`
        INSERT INTO channel_creations (id, team_id, enterprise_id, idempotency_key, name, is_private, requester_user_id, created_at, updated_at)
        VALUES (gen_random_uuid(), ${r.teamId}, ${r.enterpriseId ?? null}, ${r.idempotencyKey}, ${r.name}, ${r.isPrivate}, ${r.requesterUserId}, now(), now())
        ON CONFLICT (team_id, idempotency_key) DO NOTHING`;
      const rows = await prisma.$queryRaw<Row[]>`SELECT ${COLUMNS} FROM channel_creations WHERE team_id = ${r.teamId} AND idempotency_key = ${r.idempotencyKey}`;
      return only(rows, `for key ${r.idempotencyKey}`);
    },

    async startAttempt(id, name, isPrivate) {
      // The name and privacy only while no channel is known: a recorded channel is never renamed here.
      const rows = await prisma.$queryRaw<Row[]>`
        UPDATE channel_creations SET attempts = attempts + 1, status = 'CREATING', error_code = NULL, name = ${name}, is_private = ${isPrivate}, updated_at = now()
        WHERE id = ${id}::uuid AND channel_id IS NULL
        RETURNING ${COLUMNS}`;
      return rows[0] ? toRecord(rows[0]) : find(id);
    },

    async recordChannel(id, channelId, channelName) {
      await prisma.$executeRaw`
        UPDATE channel_creations SET channel_id = ${channelId}, channel_name = ${channelName}, status = 'CREATED', error_code = NULL, updated_at = now()
        WHERE id = ${id}::uuid AND channel_id IS NULL`;
      return find(id);
    },

    async recordFailure(id, errorCode) {
      // A channel recorded meanwhile (a concurrent attempt's) is not undone by this attempt's failure.
      await prisma.$executeRaw`
        UPDATE channel_creations SET status = 'FAILED', error_code = ${errorCode}, updated_at = now()
        WHERE id = ${id}::uuid AND channel_id IS NULL`;
      return find(id);
    },

    async recordCompleted(id) {
      return only(
        await prisma.$queryRaw<Row[]>`UPDATE channel_creations SET status = 'COMPLETED', updated_at = now() WHERE id = ${id}::uuid AND channel_id IS NOT NULL RETURNING ${COLUMNS}`,
        `${id} with a channel`,
      );
    },

    async channelClaimedByOther(teamId, channelId, exceptId) {
      const rows = await prisma.$queryRaw<Array<{ n: number }>>`
        SELECT 1 AS n FROM channel_creations WHERE team_id = ${teamId} AND channel_id = ${channelId} AND id <> ${exceptId}::uuid LIMIT 1`;
      return rows.length > 0;
    },
  };
}
