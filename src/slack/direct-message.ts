// A direct message that waits out Slack's rate limit instead of being lost. Every Web API client
// rejects a 429 at once (so one person's limit never holds up another's form), and Slack takes
// about one message a second per channel: two messages to one person in a second would otherwise
// drop the second. Short Retry-Afters are waited out here, for this message alone.
import { ErrorCode, type ChatPostMessageArguments, type WebClient } from '@slack/web-api';
import type { Logger } from '../logger.js';

const MAX_TRIES = 4;
/** A longer wait is not worth holding a background task for; the message is reported lost. */
const MAX_WAIT_SECONDS = 30;

export async function postDirectMessage(client: WebClient, message: { channel: string; text: string; blocks?: unknown[] | undefined }, log: Logger): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      await client.chat.postMessage(message as ChatPostMessageArguments);
      return;
    } catch (err) {
      const e = err as { code?: string; retryAfter?: number };
      const wait = e.code === ErrorCode.RateLimitedError ? (e.retryAfter ?? 1) : undefined;
      if (wait === undefined || wait > MAX_WAIT_SECONDS || tries >= MAX_TRIES) throw err;
      log.info({ retryAfterSeconds: wait }, 'direct message rate limited by Slack; sending it after the wait');
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  }
}
