// Approvals, trusted organizations and the approver channel, written with the database's clock.
// A decision is claimed in one statement (PENDING -> DECIDING, naming who) before Slack is
// asked, so of two admins clicking at once exactly one acts; the other reads who did.
import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { Approval, ApprovalKind, ApprovalStatus, CardRef, TrustedOrganization } from '../invites/approvals/types.js';
import type { ApprovalRepository, NewApproval } from '../invites/approvals/service.js';

interface Row {
  id: string;
  teamId: string;
  enterpriseId: string | null;
  kind: ApprovalKind;
  slackInviteId: string;
  inviteId: string | null;
  requesterUserId: string | null;
  channelId: string | null;
  channelName: string | null;
  isPrivate: boolean | null;
  invitingUserId: string | null;
  invitingTeamId: string | null;
  invitingTeamName: string | null;
  invitingTeamDomain: string | null;
  otherTeamId: string | null;
  otherTeamName: string | null;
  otherTeamDomain: string | null;
  targetTeamId: string | null;
  recipientEmail: string | null;
  recipientUserId: string | null;
  externalLimited: boolean | null;
  expiresAt: Date | null;
  status: ApprovalStatus;
  decidedByUserId: string | null;
  decidedByRule: string | null;
  decidedAt: Date | null;
  reason: string | null;
  slackError: string | null;
  cards: CardRef[];
  createdAt: Date;
  updatedAt: Date;
  created?: boolean;
}

const COLUMNS = Prisma.raw(
  [
    'id', 'team_id AS "teamId"', 'enterprise_id AS "enterpriseId"', 'kind', 'slack_invite_id AS "slackInviteId"', 'invite_id AS "inviteId"',
    // The app's own record says who asked (Slack names the app's bot as the inviter); looked up by
    // Slack's ID too, for an acceptance recorded before the send's answer was (the link is then null).
    `COALESCE((SELECT requester_user_id FROM invites WHERE invites.id = approvals.invite_id),
      (SELECT requester_user_id FROM invites WHERE invites.team_id = approvals.team_id AND invites.slack_invite_id = approvals.slack_invite_id LIMIT 1)) AS "requesterUserId"`,
    'channel_id AS "channelId"', 'channel_name AS "channelName"', 'is_private AS "isPrivate"', 'inviting_user_id AS "invitingUserId"',
    'inviting_team_id AS "invitingTeamId"', 'inviting_team_name AS "invitingTeamName"', 'inviting_team_domain AS "invitingTeamDomain"',
    'other_team_id AS "otherTeamId"', 'other_team_name AS "otherTeamName"', 'other_team_domain AS "otherTeamDomain"', 'target_team_id AS "targetTeamId"',
    'recipient_email AS "recipientEmail"', 'recipient_user_id AS "recipientUserId"', 'external_limited AS "externalLimited"', 'expires_at AS "expiresAt"',
    'status', 'decided_by_user_id AS "decidedByUserId"', 'decided_by_rule AS "decidedByRule"', 'decided_at AS "decidedAt"', 'reason',
    'slack_error AS "slackError"', 'cards', 'created_at AS "createdAt"', 'updated_at AS "updatedAt"',
  ].join(', '),
);

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
const team = (id: string | null, name: string | null, domain: string | null) => (id ? { id, name: opt(name), domain: opt(domain) } : undefined);

function toApproval(r: Row): Approval {
  return {
    id: r.id,
    teamId: r.teamId,
    enterpriseId: opt(r.enterpriseId),
    kind: r.kind,
    slackInviteId: r.slackInviteId,
    inviteId: opt(r.inviteId),
    requesterUserId: opt(r.requesterUserId),
    channelId: opt(r.channelId),
    channelName: opt(r.channelName),
    isPrivate: opt(r.isPrivate),
    invitingUserId: opt(r.invitingUserId),
    invitingTeam: team(r.invitingTeamId, r.invitingTeamName, r.invitingTeamDomain),
    otherTeam: team(r.otherTeamId, r.otherTeamName, r.otherTeamDomain),
    targetTeamId: opt(r.targetTeamId),
    recipientEmail: opt(r.recipientEmail),
    recipientUserId: opt(r.recipientUserId),
    externalLimited: opt(r.externalLimited),
    expiresAt: opt(r.expiresAt),
    status: r.status,
    decidedByUserId: opt(r.decidedByUserId),
    decidedByRule: opt(r.decidedByRule),
    decidedAt: opt(r.decidedAt),
    reason: opt(r.reason),
    slackError: opt(r.slackError),
    cards: Array.isArray(r.cards) ? r.cards : [],
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const one = (rows: Row[]) => (rows[0] ? toApproval(rows[0]) : undefined);

export function createApprovalRepository(prisma: PrismaClient): ApprovalRepository {
  return {
    async record(a: NewApproval) {
      // A fact seen again (Slack's retry, the pending listing) refreshes what Slack says about it; a decision is never undone.
      const rows = await prisma.$queryRaw<Row[]>`
        INSERT INTO approvals (id, team_id, enterprise_id, kind, slack_invite_id, invite_id, channel_id, channel_name, is_private,
          inviting_user_id, inviting_team_id, inviting_team_name, inviting_team_domain, other_team_id, other_team_name, other_team_domain,
          target_team_id, recipient_email, recipient_user_id, external_limited, expires_at, status, created_at, updated_at)
        VALUES (${randomUUID()}::uuid, ${a.teamId}, ${a.enterpriseId ?? null}, ${a.kind}, ${a.slackInviteId},
          (SELECT id FROM invites WHERE team_id = ${a.teamId} AND slack_invite_id = ${a.slackInviteId} LIMIT 1),
          ${a.channelId ?? null}, ${a.channelName ?? null}, ${a.isPrivate ?? null}, ${a.invitingUserId ?? null},
          ${a.invitingTeam?.id ?? null}, ${a.invitingTeam?.name ?? null}, ${a.invitingTeam?.domain ?? null},
          ${a.otherTeam?.id ?? null}, ${a.otherTeam?.name ?? null}, ${a.otherTeam?.domain ?? null}, ${a.targetTeamId ?? null},
          ${a.recipientEmail ?? null}, ${a.recipientUserId ?? null}, ${a.externalLimited ?? null}, ${a.expiresAt ?? null}::timestamptz,
          'PENDING', now(), now())
        ON CONFLICT (team_id, kind, slack_invite_id) DO UPDATE SET
          invite_id = COALESCE(approvals.invite_id, EXCLUDED.invite_id),
          channel_name = COALESCE(EXCLUDED.channel_name, approvals.channel_name),
          other_team_name = COALESCE(EXCLUDED.other_team_name, approvals.other_team_name),
          other_team_domain = COALESCE(EXCLUDED.other_team_domain, approvals.other_team_domain),
          target_team_id = COALESCE(approvals.target_team_id, EXCLUDED.target_team_id),
          expires_at = COALESCE(EXCLUDED.expires_at, approvals.expires_at),
          updated_at = now()
        RETURNING ${COLUMNS}, (xmax = 0) AS created`;
      const row = rows[0] as Row;
      return { approval: toApproval(row), created: row.created === true };
    },

    async get(teamId, id) {
      return one(await prisma.$queryRaw<Row[]>`SELECT ${COLUMNS} FROM approvals WHERE team_id = ${teamId} AND id = ${id}::uuid`);
    },

    async claim(teamId, id, by) {
      return one(await prisma.$queryRaw<Row[]>`
        UPDATE approvals SET status = 'DECIDING', decided_by_user_id = ${by.userId ?? null}, decided_by_rule = ${by.rule ?? null}, updated_at = now()
        WHERE team_id = ${teamId} AND id = ${id}::uuid AND status = 'PENDING'
        RETURNING ${COLUMNS}`);
    },

    async settle(id, outcome) {
      return one(await prisma.$queryRaw<Row[]>`
        UPDATE approvals SET status = ${outcome.status}, reason = ${outcome.reason ?? null}, slack_error = ${outcome.slackError ?? null},
          decided_at = now(), updated_at = now()
        WHERE id = ${id}::uuid AND status = 'DECIDING'
        RETURNING ${COLUMNS}`) as Approval;
    },

    async release(id, slackError) {
      return one(await prisma.$queryRaw<Row[]>`
        UPDATE approvals SET status = 'PENDING', decided_by_user_id = NULL, decided_by_rule = NULL, slack_error = ${slackError}, updated_at = now()
        WHERE id = ${id}::uuid AND status = 'DECIDING'
        RETURNING ${COLUMNS}`) as Approval;
    },

    async setCards(id, cards) {
      await prisma.$executeRaw`UPDATE approvals SET cards = ${JSON.stringify(cards)}::jsonb WHERE id = ${id}::uuid`;
    },

    async listOpen(teamId, limit) {
      const rows = await prisma.$queryRaw<Row[]>`
        SELECT ${COLUMNS} FROM approvals WHERE team_id = ${teamId} AND status IN ('PENDING', 'DECIDING') ORDER BY created_at DESC LIMIT ${limit}::int`;
      return rows.map(toApproval);
    },

    async countOpen(teamId) {
      const rows = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM approvals WHERE team_id = ${teamId} AND status IN ('PENDING', 'DECIDING')`;
      return rows[0]?.n ?? 0;
    },

    async listTrusted(teamId) {
      const rows = await prisma.$queryRaw<Array<{ orgId: string; orgName: string | null; orgDomain: string | null; addedByUserId: string; addedAt: Date }>>`
        SELECT org_id AS "orgId", org_name AS "orgName", org_domain AS "orgDomain", added_by_user_id AS "addedByUserId", added_at AS "addedAt"
        FROM trusted_organizations WHERE team_id = ${teamId} ORDER BY added_at`;
      return rows.map((r): TrustedOrganization => ({ teamId, orgId: r.orgId, name: opt(r.orgName), domain: opt(r.orgDomain), addedByUserId: r.addedByUserId, addedAt: r.addedAt }));
    },

    async trust(teamId, org, byUserId) {
      await prisma.$transaction([
        prisma.$executeRaw`
          INSERT INTO trusted_organizations (team_id, org_id, org_name, org_domain, added_by_user_id, added_at)
          -- An ID typed on App Home: its name and domain as Slack last described that organization here.
          VALUES (${teamId}, ${org.id},
            COALESCE(${org.name ?? null}, (SELECT other_team_name FROM approvals WHERE team_id = ${teamId} AND other_team_id = ${org.id} AND other_team_name IS NOT NULL ORDER BY updated_at DESC LIMIT 1)),
            COALESCE(${org.domain ?? null}, (SELECT other_team_domain FROM approvals WHERE team_id = ${teamId} AND other_team_id = ${org.id} AND other_team_domain IS NOT NULL ORDER BY updated_at DESC LIMIT 1)),
            ${byUserId}, now())
          ON CONFLICT (team_id, org_id) DO UPDATE SET org_name = COALESCE(EXCLUDED.org_name, trusted_organizations.org_name),
            org_domain = COALESCE(EXCLUDED.org_domain, trusted_organizations.org_domain)`,
        prisma.$executeRaw`INSERT INTO trusted_organization_changes (team_id, org_id, action, by_user_id, at) VALUES (${teamId}, ${org.id}, 'added', ${byUserId}, now())`,
      ]);
    },

    async untrust(teamId, orgId, byUserId) {
      const [removed] = await prisma.$transaction([
        prisma.$executeRaw`DELETE FROM trusted_organizations WHERE team_id = ${teamId} AND org_id = ${orgId}`,
        prisma.$executeRaw`INSERT INTO trusted_organization_changes (team_id, org_id, action, by_user_id, at) VALUES (${teamId}, ${orgId}, 'removed', ${byUserId}, now())`,
      ]);
      return removed > 0;
    },

    async trustedRule(teamId, orgIds) {
      const ids = orgIds.filter((o): o is string => !!o);
      if (ids.length === 0) return undefined;
      const rows = await prisma.$queryRaw<Array<{ orgId: string }>>`SELECT org_id AS "orgId" FROM trusted_organizations WHERE team_id = ${teamId} AND org_id = ANY(${ids}::text[]) LIMIT 1`;
      return rows[0]?.orgId;
    },

    async approverChannel(teamId) {
      const rows = await prisma.$queryRaw<Array<{ c: string | null }>>`SELECT approver_channel_id AS c FROM workspace_settings WHERE team_id = ${teamId}`;
      return opt(rows[0]?.c ?? null);
    },

    async setApproverChannel(teamId, channelId, byUserId) {
      await prisma.$executeRaw`
        INSERT INTO workspace_settings (team_id, approver_channel_id, updated_by_user_id, updated_at) VALUES (${teamId}, ${channelId}, ${byUserId}, now())
        ON CONFLICT (team_id) DO UPDATE SET approver_channel_id = EXCLUDED.approver_channel_id, updated_by_user_id = EXCLUDED.updated_by_user_id, updated_at = now()`;
    },

    async claimSync(teamId, minIntervalMs) {
      const rows = await prisma.$queryRaw<Array<{ teamId: string }>>`
        INSERT INTO approval_syncs (team_id, synced_at) VALUES (${teamId}, now())
        ON CONFLICT (team_id) DO UPDATE SET synced_at = now()
        WHERE approval_syncs.synced_at < now() - ${minIntervalMs}::int * interval '1 millisecond'
        RETURNING team_id AS "teamId"`;
      return rows.length > 0;
    },

    async lastSync(teamId) {
      const rows = await prisma.$queryRaw<Array<{ at: Date }>>`SELECT synced_at AS at FROM approval_syncs WHERE team_id = ${teamId}`;
      return rows[0]?.at;
    },
  };
}
