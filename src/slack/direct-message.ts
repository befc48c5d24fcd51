// A direct message (or any message to one channel) that waits out Slack's rate limit instead of being lost. Every Web API client
// rejects a 429 at once (so one person's limit never holds up another's form), and Slack takes
// about one message a second per channel: two messages to one person in a second would otherwise
// drop the second. Short Retry-Afters are waited out here, for this message alone.
import { ErrorCode, type ChatPostMessageArguments, type ChatPostMessageResponse, type WebClient } from '@slack/web-api';
import type { Logger } from '../logger.js';

/** A longer wait in all is not worth holding a background task for; the message is reported lost. */
const MAX_WAIT_SECONDS = 30;

export async function postDirectMessage(client: WebClient, message: { channel: string; text: string; blocks?: unknown[] | undefined }, log: Logger): Promise<ChatPostMessageResponse> {
  // Bounded by the time waited, not by tries: several messages to one person at once each get
  // their second in turn, however many Slack turns away first.
  for (let waited = 0; ; ) {
    try {
      return await client.chat.postMessage(message as ChatPostMessageArguments);
    } catch (err) {
      const e = err as { code?: string; retryAfter?: number };
      const wait = e.code === ErrorCode.RateLimitedError ? (e.retryAfter ?? 1) : undefined;
      if (wait === undefined || waited + wait > MAX_WAIT_SECONDS) throw err;
      log.info({ retryAfterSeconds: wait }, 'direct message rate limited by Slack; sending it after the wait');
      waited += wait;
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  }
}
