// Forgets processed events (src/db/lifecycle-repository.ts) once Slack can no longer retry them,
// so the de-duplication table stays small. Deletes in bounded batches, each its own statement,
// so pruning a large backlog never holds many row locks or one long transaction.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';

export interface EventPrunerOptions {
  retentionHours: number;
  logger: Logger;
  /** Rows per DELETE. */
  batchSize?: number;
}

export function createEventPruner(prisma: PrismaClient, { retentionHours, logger, batchSize = 5_000 }: EventPrunerOptions) {
  let pruning: Promise<number> | undefined;

  async function pruneAll(signal?: AbortSignal): Promise<number> {
    let deleted = 0;
    let batches = 0;
    for (;;) {
      // The cutoff comes from the database's clock, the one that wrote received_at.
      // SKIP LOCKED: replicas pruning at the same time take different rows instead of queuing.
      const count = await prisma.$executeRaw`
        DELETE FROM processed_events WHERE event_id IN (
          SELECT event_id FROM processed_events
          WHERE received_at < now() - make_interval(hours => ${retentionHours}::int)
          LIMIT ${batchSize}::int FOR UPDATE SKIP LOCKED)`;
      deleted += count;
      batches++;
      if (count < batchSize || signal?.aborted) break;
    }
    if (deleted > 0) logger.info({ deleted, batches, retentionHours }, 'pruned processed events past the retention window');
    else logger.debug({ retentionHours }, 'no processed events past the retention window');
    return deleted;
  }

  return {
    /** Deletes every event older than the window (stopping between batches once `signal` aborts);
     * concurrent calls share the pass in progress. Returns how many were deleted. */
    prune(signal?: AbortSignal): Promise<number> {
      pruning ??= pruneAll(signal).finally(() => {
        pruning = undefined;
      });
      return pruning;
    },
  };
}

export type EventPruner = ReturnType<typeof createEventPruner>;
