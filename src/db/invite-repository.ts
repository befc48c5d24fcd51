// The invite records, through Prisma. Every query is scoped to a workspace (team_id) where a
// person's request is the input, so no workspace can ever read another's data.
import { outcomeFields } from '../invites/share-channel/outcome.js';
import { privateOutcomeFields } from '../invites/private-channel/outcome.js';
import type {
  InviteRecord,
  InviteRepository,
  NewInviteRequest,
  NewPrivateChannelInvite,
  NewSlackConnectInvite,
  PrivateChannelOutcome,
  PrivateInviteRecord,
  RecipientOutcomeFields,
  SlackConnectOutcome,
} from '../invites/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';

const UNIQUE_VIOLATION = 'P2002';
/** A private-channel invite's people, in the order they were asked for. */
const RECIPIENTS = { recipients: { orderBy: { id: 'asc' } } } as const;

/** The columns every kind of invite fills in from the request. */
function requestColumns(invite: NewInviteRequest) {
  return {
    teamId: invite.teamId,
    enterpriseId: invite.enterpriseId ?? null,
    requesterUserId: invite.requesterUserId,
    channelId: invite.channelId,
    channelName: invite.channelName ?? null,
    idempotencyKey: invite.idempotencyKey,
    viewId: invite.viewId ?? null,
  };
}

/** Creates the invite, or returns the one an earlier delivery of the same request created. */
async function createOnce<T>(create: () => Promise<T>, existing: () => Promise<T | null>): Promise<{ invite: T; created: boolean }> {
  try {
    return { invite: await create(), created: true };
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    const found = await existing();
    if (!found) throw error;
    return { invite: found, created: false };
  }
}

const byKey = (invite: NewInviteRequest) => ({ teamId_idempotencyKey: { teamId: invite.teamId, idempotencyKey: invite.idempotencyKey } });

export interface LeaseOptions {
  /** This process, as recorded in lease_owner. */
  owner: string;
  /** How long an unfinished invite stays this process's before recovery may take it over. */
  leaseMs: number;
}

/** The final outcome releases the lease: nothing is left for recovery. */
const RELEASED = { leaseOwner: null, leaseExpiresAt: null } as const;

export function createInviteRepository(prisma: PrismaClient, { owner, leaseMs }: LeaseOptions): InviteRepository {
  const lease = () => ({ leaseOwner: owner, leaseExpiresAt: new Date(Date.now() + leaseMs) });
  return {
    createSlackConnect(invite: NewSlackConnectInvite) {
      return createOnce(
        () =>
          prisma.invite.create({
            data: {
              kind: 'SLACK_CONNECT',
              method: 'conversations.inviteShared',
              ...requestColumns(invite),
              ...lease(),
              inviteeEmail: invite.inviteeEmail ?? null,
              inviteeUserId: invite.inviteeUserId ?? null,
              externalLimited: invite.externalLimited,
            },
          }),
        () => prisma.invite.findUnique({ where: byKey(invite) }),
      );
    },

    createPrivateChannel(invite: NewPrivateChannelInvite): Promise<{ invite: PrivateInviteRecord; created: boolean }> {
      return createOnce(
        // A nested create is one transaction: the invite never exists without its people.
        () =>
          prisma.invite.create({
            data: {
              kind: 'PRIVATE_CHANNEL',
              method: invite.method,
              ...requestColumns(invite),
              ...lease(),
              recipients: { create: invite.userIds.map((userId) => ({ userId })) },
            },
            include: RECIPIENTS,
          }),
        () => prisma.invite.findUnique({ where: byKey(invite), include: RECIPIENTS }),
      );
    },

    markSending(id: string) {
      return prisma.invite.update({
        where: { id },
        data: { status: 'SENDING', attempts: { increment: 1 }, sentAt: new Date(), ...lease() },
      });
    },

    recordSlackConnectOutcome(id: string, outcome: SlackConnectOutcome) {
      return prisma.invite.update({ where: { id }, data: { ...outcomeFields(outcome), ...RELEASED, completedAt: new Date() } });
    },

    recordPrivateChannelOutcome(id: string, outcome: PrivateChannelOutcome): Promise<PrivateInviteRecord> {
      // People with the same result are updated together: a handful of statements, even for 100 people.
      const groups = new Map<string, { outcome: RecipientOutcomeFields['outcome']; errorCode: string | null; userIds: string[] }>();
      for (const r of outcome.recipients) {
        const key = `${r.outcome}:${r.errorCode ?? ''}`;
        const group = groups.get(key) ?? { outcome: r.outcome, errorCode: r.errorCode ?? null, userIds: [] };
        group.userIds.push(r.userId);
        groups.set(key, group);
      }
      return prisma.$transaction(async (tx) => {
        for (const g of groups.values()) {
          await tx.inviteRecipient.updateMany({ where: { inviteId: id, userId: { in: g.userIds } }, data: { outcome: g.outcome, errorCode: g.errorCode } });
        }
        return tx.invite.update({ where: { id }, data: { ...privateOutcomeFields(outcome), ...RELEASED, completedAt: new Date() }, include: RECIPIENTS });
      });
    },

    recordUnresolved(id: string, errorCode: string): Promise<PrivateInviteRecord> {
      return prisma.invite.update({ where: { id }, data: { status: 'SENDING', errorCode, ...lease() }, include: RECIPIENTS });
    },

    async claimAbandoned(limit: number): Promise<PrivateInviteRecord[]> {
      // SKIP LOCKED: replicas sweeping at the same moment each take different invites, never one twice.
      const claimed = await prisma.$queryRaw<Array<{ id: string }>>`
        UPDATE invites SET lease_owner = ${owner}, lease_expires_at = ${new Date(Date.now() + leaseMs)}, updated_at = now()
        WHERE id IN (
          SELECT id FROM invites
          WHERE status IN ('RECORDED', 'SENDING') AND (lease_expires_at IS NULL OR lease_expires_at < now())
          ORDER BY created_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING id`;
      if (claimed.length === 0) return [];
      return prisma.invite.findMany({ where: { id: { in: claimed.map((c) => c.id) } }, orderBy: { createdAt: 'asc' }, include: RECIPIENTS });
    },

    async findById(teamId: string, id: string): Promise<InviteRecord | undefined> {
      return (await prisma.invite.findFirst({ where: { id, teamId } })) ?? undefined;
    },
  };
}
