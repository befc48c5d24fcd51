// How a failed call to Slack is recorded: the code the error catalogue explains, and the details
// the explanation needs (the missing scope, when to try again). Shared by both kinds of invite.
import type { SlackCallFailure } from './ports.js';

export interface FailureFields {
  errorCode: string;
  errorDetail?: string | undefined;
  retryAfterSeconds?: number | undefined;
}

export function failureFields(failure: SlackCallFailure): FailureFields {
  switch (failure.kind) {
    case 'slack_error':
      return { errorCode: failure.code, errorDetail: failure.neededScope };
    case 'rate_limited':
      return { errorCode: 'ratelimited', retryAfterSeconds: failure.retryAfterSeconds };
    case 'timeout':
      return { errorCode: 'slack_timeout' };
    case 'unreachable':
      return { errorCode: 'slack_unreachable' };
    case 'http_error':
      return { errorCode: 'slack_http_error', errorDetail: `HTTP ${failure.status}` };
    case 'unconfirmed':
      return { errorCode: UNCONFIRMED, errorDetail: failure.code };
  }
}

/**
 * A failure that leaves it unknown whether Slack acted (no answer, a dropped connection, Slack's
 * own 5xx). Retried a few times, seconds apart; never a `slack_error`, which is Slack's answer.
 */
export function isAmbiguous(failure: SlackCallFailure): boolean {
  return failure.kind === 'timeout' || failure.kind === 'unreachable' || (failure.kind === 'http_error' && (failure.status >= 500 || failure.status === 0));
}

/**
 * The outcome of an invitation the app could not confirm: an earlier try got no answer and Slack
 * cannot be asked whether it arrived. Final; the person may send it again.
 */
export const UNCONFIRMED = 'slack_unconfirmed';

/** Sends of one invite, counting recovery's, before "no answer from Slack" becomes final. */
export const MAX_SEND_ATTEMPTS = 3;

/**
 * Sends of one invite that Slack's rate limit may defer (each waits Slack's Retry-After) before
 * "rate limited" becomes its final answer: bounded, whatever Slack keeps saying.
 */
export const MAX_DEFERRED_SENDS = 20;

/** Slack rate-limited the send: wait for a later one, unless the invite has been deferred too often. */
export function deferrable(attempts: number): boolean {
  return attempts < MAX_DEFERRED_SENDS;
}

/**
 * Slack did not answer in time, so whether it acted is unknown: the invite stays unfinished
 * (SENDING, under a lease) for recovery to check with Slack, until its attempts run out.
 */
export function leftUnresolved(errorCode: string | undefined, attempts: number): boolean {
  return errorCode === 'slack_timeout' && attempts < MAX_SEND_ATTEMPTS;
}
