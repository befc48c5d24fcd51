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
  }
}
