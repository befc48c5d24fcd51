// Workspace settings, one row per workspace (team_id), written with the database's clock. A
// change is one statement (an upsert), so two admins changing it at once leave one of their
// choices whole, with its author and time.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { InviteGroup, WorkspaceSettings, WorkspaceSettingsRepository } from '../invites/settings/service.js';

interface Row {
  teamId: string;
  groupId: string | null;
  groupHandle: string | null;
  groupName: string | null;
  updatedByUserId: string;
  updatedAt: Date;
}

const COLUMNS = Prisma.raw(`team_id AS "teamId", invite_usergroup_id AS "groupId", invite_usergroup_handle AS "groupHandle",
  invite_usergroup_name AS "groupName", updated_by_user_id AS "updatedByUserId", updated_at AS "updatedAt"`);

function toSettings(row: Row): WorkspaceSettings {
  return {
    teamId: row.teamId,
    inviteGroup: row.groupId ? { id: row.groupId, handle: row.groupHandle ?? '', name: row.groupName ?? '' } : undefined,
    updatedByUserId: row.updatedByUserId,
    updatedAt: row.updatedAt,
  };
}

export function createSettingsRepository(prisma: PrismaClient): WorkspaceSettingsRepository {
  return {
    async get(teamId) {
      const rows = await prisma.$queryRaw<Row[]>`SELECT ${COLUMNS} FROM workspace_settings WHERE team_id = ${teamId}`;
      return rows[0] ? toSettings(rows[0]) : undefined;
    },

    async setInviteGroup(teamId, group: InviteGroup | null, byUserId) {
      const rows = await prisma.$queryRaw<Row[]>`
        INSERT INTO workspace_settings (team_id, invite_usergroup_id, invite_usergroup_handle, invite_usergroup_name, updated_by_user_id, updated_at)
        VALUES (${teamId}, ${group?.id ?? null}, ${group?.handle ?? null}, ${group?.name ?? null}, ${byUserId}, now())
        ON CONFLICT (team_id) DO UPDATE SET
          invite_usergroup_id = EXCLUDED.invite_usergroup_id,
          invite_usergroup_handle = EXCLUDED.invite_usergroup_handle,
          invite_usergroup_name = EXCLUDED.invite_usergroup_name,
          updated_by_user_id = EXCLUDED.updated_by_user_id,
          updated_at = now()
        RETURNING ${COLUMNS}`;
      return toSettings(rows[0] as Row);
    },
  };
}
