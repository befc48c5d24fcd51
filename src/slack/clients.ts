// Web API clients for the kinds of call the app makes besides views and messages (which go
// through Bolt's own client): look-ups inside Slack's 3-second window, the channel and people
// look-ups behind the forms, and invitations.
import { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import { toBoltLogger, type Logger } from '../logger.js';
import { slackTransport } from './web-api-transport.js';

export interface SlackClients {
  /** Fail fast: these answer a person before Slack's 3-second deadline (the user-group menu, its look-ups). */
  lookups: WebClient;
  /**
   * The channel and people look-ups (src/slack/gateways/directory.ts): a call may take a few
   * seconds, since a form's checks go on after Slack's acknowledgement when they must; the
   * callers' own deadlines decide how long a person waits.
   */
  directory: WebClient;
  /** Never retried by the client: re-sending an invitation is the service's decision. */
  invites: WebClient;
}

export function createSlackClients(slack: Config['slack'], logger: Logger): SlackClients {
  const common = { slackApiUrl: slack.apiUrl, logger: toBoltLogger(logger, 'web-api'), rejectRateLimitedCalls: true, retryConfig: { retries: 0 } };
  return {
    lookups: new WebClient(slack.botToken, { ...common, ...slackTransport({ timeoutMs: 1500 }) }),
    directory: new WebClient(slack.botToken, { ...common, ...slackTransport({ timeoutMs: 5000 }) }),
    invites: new WebClient(slack.botToken, { ...common, ...slackTransport({ timeoutMs: slack.inviteTimeoutMs }) }),
  };
}
