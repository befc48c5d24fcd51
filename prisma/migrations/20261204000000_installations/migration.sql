-- CreateTable
-- One row per installation of the app (src/db/installation-repository.ts): a workspace install
-- ('team:T…') or an Enterprise Grid org-wide install ('enterprise:E…', team_id NULL). Every token
-- column holds ciphertext (src/db/token-cipher.ts), bound to its row and column.
CREATE TABLE "slack_installations" (
    "installation_key" TEXT NOT NULL,
    "team_id" TEXT,
    "team_name" TEXT,
    "enterprise_id" TEXT,
    "enterprise_name" TEXT,
    "is_enterprise_install" BOOLEAN NOT NULL,
    "app_id" TEXT,
    "bot_id" TEXT,
    "bot_user_id" TEXT,
    "bot_scopes" TEXT[] NOT NULL DEFAULT '{}',
    "bot_token" TEXT,
    "bot_refresh_token" TEXT,
    "bot_token_expires_at" TIMESTAMPTZ(3),
    "user_id" TEXT,
    "user_scopes" TEXT[],
    "user_token" TEXT,
    "user_refresh_token" TEXT,
    "user_token_expires_at" TIMESTAMPTZ(3),
    "token_type" TEXT,
    "installed_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "slack_installations_pkey" PRIMARY KEY ("installation_key"),
    -- The key is derived from the ids, so a row can be found only under the installation it is.
    CONSTRAINT "slack_installations_key_matches" CHECK (
        CASE WHEN "is_enterprise_install"
            THEN "enterprise_id" IS NOT NULL AND "installation_key" = 'enterprise:' || "enterprise_id"
            ELSE "team_id" IS NOT NULL AND "installation_key" = 'team:' || "team_id"
        END
    )
);

-- CreateIndex
CREATE INDEX "slack_installations_team_id_idx" ON "slack_installations"("team_id");

-- CreateIndex
CREATE INDEX "slack_installations_enterprise_id_idx" ON "slack_installations"("enterprise_id");

-- CreateTable
-- OAuth state parameters in flight (src/slack/oauth/state-store.ts), by SHA-256 of the state:
-- the state itself, a bearer secret until used, is never stored. Each is deleted when used.
CREATE TABLE "oauth_states" (
    "state_hash" TEXT NOT NULL,
    "install_options" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "oauth_states_pkey" PRIMARY KEY ("state_hash")
);

-- CreateIndex
-- Expired states, never used, are pruned by expires_at.
CREATE INDEX "oauth_states_expires_at_idx" ON "oauth_states"("expires_at");
