-- CreateTable
-- A workspace's settings for the app (src/db/settings-repository.ts), changed on App Home by its
-- admins and owners. No row: the defaults (everyone who may invite may send Slack Connect invitations).
CREATE TABLE "workspace_settings" (
    "team_id" TEXT NOT NULL,
    "invite_usergroup_id" TEXT,
    "invite_usergroup_handle" TEXT,
    "invite_usergroup_name" TEXT,
    "updated_by_user_id" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workspace_settings_pkey" PRIMARY KEY ("team_id"),
    -- A group is stored whole or not at all.
    CONSTRAINT "workspace_settings_invite_usergroup_whole" CHECK (
        ("invite_usergroup_id" IS NULL) = ("invite_usergroup_handle" IS NULL)
        AND ("invite_usergroup_id" IS NULL) = ("invite_usergroup_name" IS NULL)
    )
);
