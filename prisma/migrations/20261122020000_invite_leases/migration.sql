-- AlterTable
ALTER TABLE "invites" ADD COLUMN     "lease_expires_at" TIMESTAMP(3),
ADD COLUMN     "lease_owner" TEXT;

-- CreateIndex
CREATE INDEX "invites_status_lease_expires_at_idx" ON "invites"("status", "lease_expires_at");
