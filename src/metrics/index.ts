// The metrics as the composition root sees them: the domain's port to pass to the services, and
// the listener to start once the app runs. With METRICS_PORT unset, nothing is collected and
// the services get NO_METRICS.
import type { MetricsConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { NO_METRICS, type InviteMetrics } from '../invites/metrics.js';
import { observeSlackCalls } from '../slack/web-api-transport.js';
import { createPrometheusMetrics } from './prometheus.js';
import { startMetricsServer } from './server.js';

export interface AppMetrics {
  invites: InviteMetrics;
  /** Starts observing Slack calls and listening for scrapes; the port listened on, or undefined when metrics are off. */
  listen(): Promise<number | undefined>;
  stop(): Promise<void>;
}

export function createAppMetrics(config: MetricsConfig | undefined, deps: { countUnfinished(): Promise<number>; logger: Logger }): AppMetrics {
  if (!config) return { invites: NO_METRICS, listen: async () => undefined, stop: async () => {} };
  const metrics = createPrometheusMetrics({ countUnfinished: deps.countUnfinished });
  let stopObserving: (() => void) | undefined;
  let server: Awaited<ReturnType<typeof startMetricsServer>> | undefined;
  return {
    invites: metrics.invites,
    async listen() {
      stopObserving = observeSlackCalls(metrics.slackCall);
      server = await startMetricsServer({ host: config.host, port: config.port, token: config.token, scrape: metrics.scrape, logger: deps.logger });
      deps.logger.info({ host: config.host, port: server.port, tokenRequired: config.token !== undefined }, 'metrics listening');
      return server.port;
    },
    async stop() {
      stopObserving?.();
      await server?.close();
    },
  };
}
