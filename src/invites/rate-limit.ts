// Slack answers a rate-limited call with HTTP 429 and does nothing else, so calling again is safe.
// A short wait is worth it while the person watches the modal; a long one is reported instead.
import type { Logger } from '../logger.js';
import { NO_METRICS, type InviteMetrics } from './metrics.js';
import type { Clock } from './ports.js';

export interface RateLimitWait {
  clock: Clock;
  /** The most to wait in all, over every retry. */
  maxWaitSeconds: number;
  log: Logger;
  /** Told of each wait (the operator's metrics). */
  metrics?: InviteMetrics | undefined;
}

/**
 * Calls `call`, and again after each rate limit (`retryAfterOf` gives its Retry-After seconds, or
 * undefined when the answer was not a rate limit) while the total wait stays within the bound.
 * Returns the last answer.
 */
export async function waitOutRateLimits<T>(call: () => Promise<T>, retryAfterOf: (answer: T) => number | undefined, { clock, maxWaitSeconds, log, metrics = NO_METRICS }: RateLimitWait): Promise<T> {
  let waited = 0;
  for (;;) {
    const answer = await call();
    const retryAfter = retryAfterOf(answer);
    if (retryAfter === undefined || waited + retryAfter > maxWaitSeconds) return answer;
    log.info({ retryAfterSeconds: retryAfter }, 'rate limited by Slack; waiting before the retry');
    waited += retryAfter;
    metrics.rateLimitWait('retry_after', retryAfter);
    await clock.sleep(retryAfter * 1000);
  }
}
