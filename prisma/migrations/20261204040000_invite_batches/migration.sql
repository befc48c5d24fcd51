-- CreateTable
-- Several invitations sent from one /share-channel form (src/invites/batches/): the batch, its
-- members (one invites row each, batch_id and batch_position), and the lease of the process that
-- drives it, fenced like an invitation's, so a replica that dies mid-batch is taken over.
CREATE TABLE "invite_batches" (
    "id" UUID NOT NULL,
    "team_id" TEXT NOT NULL,
    "enterprise_id" TEXT,
    "requester_user_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "channel_name" TEXT,
    "external_limited" BOOLEAN NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "view_id" TEXT,
    "size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "summary_sent_at" TIMESTAMPTZ(3),
    "lease_owner" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),
    "lease_version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "invite_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
-- The next moment a batch may call conversations.inviteShared in a workspace, shared by every
-- replica: each call reserves the next slot (src/db/send-pace-repository.ts).
CREATE TABLE "send_paces" (
    "team_id" TEXT NOT NULL,
    "next_send_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "send_paces_pkey" PRIMARY KEY ("team_id")
);

-- AlterTable
ALTER TABLE "invites" ADD COLUMN "batch_id" UUID,
ADD COLUMN "batch_position" INTEGER,
ADD COLUMN "invitee_name" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "invite_batches_team_id_idempotency_key_key" ON "invite_batches"("team_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "invite_batches_team_id_requester_user_id_created_at_idx" ON "invite_batches"("team_id", "requester_user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "invite_batches_finished_at_lease_expires_at_idx" ON "invite_batches"("finished_at", "lease_expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "invites_batch_id_batch_position_key" ON "invites"("batch_id", "batch_position");

-- AddForeignKey
ALTER TABLE "invites" ADD CONSTRAINT "invites_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "invite_batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;
