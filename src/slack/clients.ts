// Web API clients for the kinds of call the app makes besides views and messages (which go
// through Bolt's own client): look-ups inside Slack's 3-second window, the channel and people
// look-ups behind the forms, and invitations. One set per workspace, each call with the
// installation's current token.
import { WebClient, type WebAPICallResult, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.js';
import { toBoltLogger, type Logger } from '../logger.js';
import { slackTransport } from './web-api-transport.js';

/** The installation's bot token as it is now: fixed in single-workspace mode, refreshed before expiry with token rotation. */
export type TokenSource = () => Promise<string>;

/**
 * A client that asks for its token at each call, so a rotated token is used from the next call on
 * without rebuilding the client (or emptying the caches built over it). `teamId`: the workspace an
 * org-wide token acts in; Slack needs it as `team_id` on the methods an org token must name a
 * workspace for, and ignores it elsewhere.
 */
export class InstallationClient extends WebClient {
  constructor(
    private readonly tokenSource: TokenSource,
    options: WebClientOptions,
  ) {
    super(undefined, options);
  }

  override async apiCall(method: string, options: Record<string, unknown> = {}): Promise<WebAPICallResult> {
    return super.apiCall(method, { ...options, token: (options.token as string | undefined) ?? (await this.tokenSource()) });
  }
}

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

export function createSlackClients(slack: Config['slack'], logger: Logger, token: TokenSource, teamId?: string): SlackClients {
  const common: WebClientOptions = {
    slackApiUrl: slack.apiUrl,
    logger: toBoltLogger(logger, 'web-api'),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    ...(teamId ? { teamId } : {}),
  };
  return {
    lookups: new InstallationClient(token, { ...common, ...slackTransport({ timeoutMs: 1500 }) }),
    directory: new InstallationClient(token, { ...common, ...slackTransport({ timeoutMs: 5000 }) }),
    invites: new InstallationClient(token, { ...common, ...slackTransport({ timeoutMs: slack.inviteTimeoutMs }) }),
  };
}

/**
 * A client for a call outside any workspace's set (start-up's token check, OAuth's refresh and
 * token checks): the app's API URL, logger and transport, with the caller's token, timeout and retries.
 */
export function standaloneClient(slack: Pick<Config['slack'], 'apiUrl'>, logger: Logger, options: { token?: string | undefined; timeoutMs: number; retryConfig: WebClientOptions['retryConfig'] }): WebClient {
  return new WebClient(options.token, { slackApiUrl: slack.apiUrl, logger: toBoltLogger(logger, 'web-api'), retryConfig: options.retryConfig, ...slackTransport({ timeoutMs: options.timeoutMs }) });
}
