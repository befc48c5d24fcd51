-- CreateIndex
-- Pruning past the retention window (src/db/event-retention.ts) finds old rows by received_at.
CREATE INDEX "processed_events_received_at_idx" ON "processed_events"("received_at");
