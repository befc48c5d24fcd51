// Batches of Slack Connect invitations and their members (src/invites/batches/types.ts). The
// members are invites rows; the batch row carries the driver's fenced lease. Every expiry and
// every comparison uses the database's clock, never a host's.
import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { BatchCounts, BatchRecord, BatchRepository, NewBatch, NextMember } from '../invites/batches/types.js';
import type { LeaseHold } from '../invites/lease.js';
import type { InviteRecord } from '../invites/ports.js';
import { RETURNING_INVITE, type LeaseOptions } from './invite-repository.js';

const BATCH_COLUMNS = Prisma.raw(
  `id, team_id AS "teamId", enterprise_id AS "enterpriseId", requester_user_id AS "requesterUserId", channel_id AS "channelId",
   channel_name AS "channelName", external_limited AS "externalLimited", view_id AS "viewId", size, created_at AS "createdAt",
   finished_at AS "finishedAt", summary_sent_at AS "summarySentAt", lease_version AS "leaseVersion"`,
);

/** The longest a driver waits before looking again, whatever it waits for (a member held by a live process may finish sooner). */
const MAX_WAIT_MS = 5000;

export function createBatchRepository(prisma: PrismaClient, { owner, leaseMs }: LeaseOptions): BatchRepository {
  const leaseEnd = Prisma.sql`now() + ${leaseMs}::int * interval '1 millisecond'`;
  const held = (hold: LeaseHold) => Prisma.sql`id = ${hold.id}::uuid AND lease_version = ${hold.leaseVersion}::int AND finished_at IS NULL`;

  return {
    async create(batch: NewBatch) {
      const { requester } = batch;
      const id = randomUUID();
      const created = await prisma.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<BatchRecord[]>`
          INSERT INTO invite_batches (id, team_id, enterprise_id, requester_user_id, channel_id, channel_name, external_limited,
            idempotency_key, view_id, size, lease_owner, lease_expires_at, created_at)
          VALUES (${id}::uuid, ${requester.teamId}, ${requester.enterpriseId ?? null}, ${requester.userId}, ${batch.channelId},
            ${batch.channelName ?? null}, ${batch.externalLimited}, ${batch.idempotencyKey}, ${batch.viewId ?? null},
            ${batch.invitees.length}::int, ${owner}, ${leaseEnd}, now())
          ON CONFLICT (team_id, idempotency_key) DO NOTHING
          RETURNING ${BATCH_COLUMNS}`;
        const [row] = rows;
        if (!row) return undefined;
        // One statement for every member: unnest keeps it one round trip however long the list.
        const emails = batch.invitees.map((i) => i.email ?? null);
        const userIds = batch.invitees.map((i) => i.userId ?? null);
        const names = batch.invitees.map((i) => i.name ?? null);
        await tx.$executeRaw`
          INSERT INTO invites (id, kind, status, method, team_id, enterprise_id, requester_user_id, channel_id, channel_name,
            invitee_email, invitee_user_id, invitee_name, external_limited, idempotency_key, view_id, batch_id, batch_position, created_at, updated_at)
          SELECT gen_random_uuid(), 'SLACK_CONNECT', 'RECORDED', 'conversations.inviteShared', ${requester.teamId}, ${requester.enterpriseId ?? null},
            ${requester.userId}, ${batch.channelId}, ${batch.channelName ?? null}, m.email, m.user_id, m.name, ${batch.externalLimited},
            ${batch.idempotencyKey} || '#' || m.position, NULL, ${id}::uuid, m.position::int, now(), now()
          FROM unnest(${emails}::text[], ${userIds}::text[], ${names}::text[]) WITH ORDINALITY AS m(email, user_id, name, position)`;
        return row;
      });
      if (created) return { batch: created, created: true };
      const [existing] = await prisma.$queryRaw<BatchRecord[]>`
        SELECT ${BATCH_COLUMNS} FROM invite_batches WHERE team_id = ${batch.requester.teamId} AND idempotency_key = ${batch.idempotencyKey}`;
      if (!existing) throw new Error('batch conflicted but could not be read back');
      return { batch: existing, created: false };
    },

    claimAbandoned(limit: number) {
      // SKIP LOCKED: replicas sweeping at once take different batches; the new version fences off the old driver.
      return prisma.$queryRaw<BatchRecord[]>`
        UPDATE invite_batches SET lease_owner = ${owner}, lease_expires_at = ${leaseEnd}, lease_version = lease_version + 1
        WHERE id IN (
          SELECT id FROM invite_batches
          WHERE finished_at IS NULL AND (lease_expires_at IS NULL OR lease_expires_at < now())
          ORDER BY created_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING ${BATCH_COLUMNS}`;
    },

    async renew(hold) {
      const n = await prisma.$executeRaw`UPDATE invite_batches SET lease_owner = ${owner}, lease_expires_at = ${leaseEnd} WHERE ${held(hold)}`;
      return n > 0;
    },

    async release(hold) {
      await prisma.$executeRaw`UPDATE invite_batches SET lease_owner = NULL, lease_expires_at = now() WHERE ${held(hold)}`;
    },

    async nextMember(hold): Promise<NextMember> {
      const claimed = await prisma.$queryRaw<InviteRecord[]>`
        UPDATE invites SET lease_owner = ${owner}, lease_expires_at = ${leaseEnd}, lease_version = lease_version + 1, updated_at = now()
        WHERE id = (
          SELECT id FROM invites
          WHERE batch_id = ${hold.id}::uuid AND status IN ('RECORDED', 'SENDING') AND (lease_expires_at IS NULL OR lease_expires_at < now())
          ORDER BY batch_position
          LIMIT 1
          FOR UPDATE SKIP LOCKED)
        ${RETURNING_INVITE}`;
      if (claimed[0]) return { member: claimed[0] };
      const [left] = await prisma.$queryRaw<Array<{ unfinished: number; waitMs: number | null }>>`
        SELECT count(*)::int AS unfinished,
          (EXTRACT(EPOCH FROM (min(lease_expires_at) - now())) * 1000)::float8 AS "waitMs"
        FROM invites WHERE batch_id = ${hold.id}::uuid AND status IN ('RECORDED', 'SENDING')`;
      if (!left || left.unfinished === 0) return { done: true };
      return { waitMs: Math.min(MAX_WAIT_MS, Math.max(50, Math.ceil(left.waitMs ?? MAX_WAIT_MS))) };
    },

    async finish(hold) {
      const n = await prisma.$executeRaw`
        UPDATE invite_batches SET finished_at = now(), lease_owner = NULL, lease_expires_at = NULL WHERE ${held(hold)}`;
      return n > 0;
    },

    async claimSummary(batchId) {
      const n = await prisma.$executeRaw`UPDATE invite_batches SET summary_sent_at = now() WHERE id = ${batchId}::uuid AND summary_sent_at IS NULL`;
      return n > 0;
    },

    async view(teamId, batchId) {
      const [batch] = await prisma.$queryRaw<BatchRecord[]>`SELECT ${BATCH_COLUMNS} FROM invite_batches WHERE id = ${batchId}::uuid AND team_id = ${teamId}`;
      if (!batch) return undefined;
      const members = await prisma.invite.findMany({ where: { batchId, teamId }, orderBy: { batchPosition: 'asc' } });
      return { batch, members };
    },

    async recentOf(teamId, requesterUserId, limit) {
      const rows = await prisma.$queryRaw<Array<BatchRecord & BatchCounts>>`
        SELECT ${BATCH_COLUMNS},
          (SELECT count(*)::int FROM invites i WHERE i.batch_id = b.id AND i.status NOT IN ('RECORDED', 'SENDING', 'FAILED')) AS sent,
          (SELECT count(*)::int FROM invites i WHERE i.batch_id = b.id AND i.status = 'FAILED') AS failed,
          (SELECT count(*)::int FROM invites i WHERE i.batch_id = b.id AND i.status IN ('RECORDED', 'SENDING')) AS waiting
        FROM invite_batches b
        WHERE team_id = ${teamId} AND requester_user_id = ${requesterUserId}
        ORDER BY created_at DESC
        LIMIT ${limit}`;
      return rows.map(({ sent, failed, waiting, ...batch }) => ({ batch, counts: { sent, failed, waiting } }));
    },
  };
}
