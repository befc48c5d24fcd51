// The pace of a workspace's batch invitations: conversations.inviteShared is Tier 2 (about 20
// calls a minute per workspace), and batches use only part of it (BATCH_INVITES_PER_MINUTE,
// 15 by default) so that people sending one invitation from the form are not refused meanwhile.
// The pace lives in PostgreSQL, so every replica's batches share it; waiting is one timer, no
// polling, so a batch costs nothing while it waits.
import { NO_METRICS, type InviteMetrics } from '../metrics.js';
import type { Clock } from '../ports.js';
import type { SendPaceRepository } from './types.js';

export interface SendPace {
  /** Waits for the workspace's next slot (reserved in the database for this call). */
  take(teamId: string): Promise<void>;
  /** Slack said wait: every replica's next call in the workspace waits `seconds`. */
  holdBack(teamId: string, seconds: number): Promise<void>;
  intervalMs: number;
}

export function createSendPace(repo: SendPaceRepository, invitesPerMinute: number, clock: Pick<Clock, 'sleep'>, windowMs = 60_000, metrics: InviteMetrics = NO_METRICS): SendPace {
  const intervalMs = Math.max(1, Math.ceil(windowMs / invitesPerMinute));
  return {
    intervalMs,
    async take(teamId) {
      const waitMs = await repo.reserve(teamId, intervalMs);
      if (waitMs > 0) {
        metrics.rateLimitWait('batch_pace', waitMs / 1000);
        await clock.sleep(waitMs);
      }
    },
    holdBack: (teamId, seconds) => repo.holdBack(teamId, seconds),
  };
}
