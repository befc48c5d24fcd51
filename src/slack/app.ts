// Builds the Bolt app from its dependencies: receiver choice, request-scoped logging, in-flight
// tracking for graceful shutdown, the health route. Listeners are registered by the caller.
import { App, HTTPReceiver, HTTPModuleFunctions, SocketModeReceiver, type Authorize, type CustomRoute } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.js';
import { lazyLogger, toBoltLogger, type Logger } from '../logger.js';
import { summarizeRequest } from './request-context.js';
import type { WorkTracker } from './work-tracker.js';
import { slackTransport } from './web-api-transport.js';
import { probeRoutes, watchSocketConnection } from './probes.js';

export const EVENTS_PATH = '/slack/events';
export { HEALTH_PATH, LIVE_PATH, READY_PATH, type HealthReport } from './probes.js';
import type { HealthReport } from './probes.js';

export interface SlackAppOptions {
  slack: Config['slack'];
  port: number;
  logger: Logger;
  /** The workspace of each request (workspaces/resolver.ts): its token, its bot, its services. */
  authorize: Authorize<boolean>;
  /** More pages beside /slack/events (OAuth mode's install and redirect). */
  routes?: CustomRoute[];
  tracker: WorkTracker;
  health: () => Promise<HealthReport>;
  /** /readyz: whether this replica should get requests now (src/probes.ts). */
  ready: () => Promise<HealthReport>;
  /** Socket Mode: told whenever Slack's connection opens (true) or is lost (false). */
  onSocketConnection?: (connected: boolean) => void;
  /** Requests over this size get HTTP 413; Slack's own payloads stay far below it. */
  bodyLimitBytes?: number;
}

/** Bounded retries: a person waits for the answer, so seconds, not the client's default half hour. */
export const WEB_API_OPTIONS: Pick<WebClientOptions, 'retryConfig' | 'timeout' | 'fetch'> = {
  retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000, maxRetryTime: 4000 },
  ...slackTransport({ timeoutMs: 5000 }),
};

export function createSlackApp(options: SlackAppOptions): App {
  const { slack, logger, tracker } = options;
  const boltLogger = toBoltLogger(logger);
  // In both modes on the app's port: in Socket Mode, Bolt serves these custom routes on its own HTTP server.
  const customRoutes: CustomRoute[] = [...probeRoutes(options), ...(options.routes ?? [])];
  // A 429 answers at once instead of pausing the client's whole queue for Retry-After: one
  // person's rate-limited call must never hold up another person's views.open past its trigger.
  const clientOptions: WebClientOptions = { slackApiUrl: slack.apiUrl, logger: toBoltLogger(logger, 'web-api'), rejectRateLimitedCalls: true, ...WEB_API_OPTIONS };

  const common = {
    // In both modes: single-workspace mode's one token, or OAuth mode's installations.
    authorize: options.authorize,
    logger: boltLogger,
    clientOptions,
    extendedErrorHandler: true,
    // Bolt's conversation store is unused here, and looking a request up in it builds an Error each time.
    convoStore: false as const,
  };

  const app = slack.appToken
    ? new App({ ...common, socketMode: true, receiver: socketReceiver(slack.appToken, { port: options.port, logger: boltLogger, clientOptions, customRoutes, onConnection: options.onSocketConnection }) })
    : new App({
        ...common,
        receiver: new HTTPReceiver({
          signingSecret: slack.signingSecret as string,
          endpoints: EVENTS_PATH,
          port: options.port,
          logger: boltLogger,
          customRoutes,
          bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
          processEventErrorHandler: async (args) => {
            // Bolt throws a TypeError while routing a payload missing what its type requires
            // (a view submission without a view): that is bad input, answered 400, not a 500.
            if (args.error instanceof TypeError && !args.response.headersSent) {
              logger.warn({ err: args.error }, 'malformed Slack payload rejected');
              args.response.writeHead(400);
              args.response.end();
              return true;
            }
            return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
          },
        }),
      });

  // Every request gets a child logger that names it, and its whole processing (including the
  // work listeners do after acknowledging) is tracked so shutdown can wait for it. The logger is
  // made on first use: most requests log nothing, and a child logger costs a redaction pass.
  app.use(async ({ body, context, next }) => {
    context.log = lazyLogger(() => logger.child(summarizeRequest(body, context.retryNum as number | undefined)));
    await tracker.track(next);
  });

  app.error(async ({ error, context }: { error: Error & { code?: string; original?: unknown }; context?: Record<string, unknown> }) => {
    const log: Logger = (context?.log as Logger | undefined) ?? logger;
    log.error({ err: error.original ?? error, code: error.code }, 'unhandled error in a listener');
  });
  return app;
}

/** As Bolt makes it for `socketMode: true`, made here so readiness can follow its connection. */
function socketReceiver(
  appToken: string,
  { port, logger, clientOptions, customRoutes, onConnection }: { port: number; logger: ReturnType<typeof toBoltLogger>; clientOptions: WebClientOptions; customRoutes: CustomRoute[]; onConnection?: ((connected: boolean) => void) | undefined },
): SocketModeReceiver {
  const receiver = new SocketModeReceiver({ appToken, logger, customRoutes, installerOptions: { port, clientOptions } });
  if (onConnection) watchSocketConnection(receiver.client, onConnection);
  return receiver;
}
