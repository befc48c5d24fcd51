// Bounded retries after a failure that leaves it unknown whether Slack acted: a person is waiting,
// so a couple of tries seconds apart, not the Web API client's default of half an hour.
// Whether a retry is safe is the caller's business (see each service's send).
import type { Logger } from '../logger.js';
import type { Clock } from './ports.js';

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [500, 1500];

export interface RetryOptions {
  clock: Clock;
  delaysMs: readonly number[];
  log: Logger;
}

/** Calls `call`, and again after each ambiguous answer while delays remain. */
export async function retryAmbiguous<T>(call: () => Promise<T>, ambiguous: (answer: T) => boolean, { clock, delaysMs, log }: RetryOptions): Promise<{ answer: T; retries: number }> {
  let answer = await call();
  let retries = 0;
  while (ambiguous(answer) && retries < delaysMs.length) {
    const delay = delaysMs[retries]!;
    retries++;
    log.warn({ retry: retries, delayMs: delay }, 'no clear answer from Slack; trying again');
    await clock.sleep(delay);
    answer = await call();
  }
  return { answer, retries };
}
