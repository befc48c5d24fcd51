// The operator's metrics in Prometheus' format, with prom-client: the domain's InviteMetrics port
// (src/invites/metrics.ts), the Slack Web API calls seen by the transport
// (src/slack/web-api-transport.ts), the unfinished invitations counted in the database, and
// Node's process metrics. One registry per running app, so two apps in one process (tests)
// never share counts. Labels hold only fixed words, Slack method names and catalogued error
// codes: never a workspace, person, channel or email.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CATALOGUE, WARNING_CODES } from '../invites/explanations/catalogue.js';
import type { InviteMetrics } from '../invites/metrics.js';
import type { SlackCallObserver } from '../slack/web-api-transport.js';

export const METRIC_PREFIX = 'connect_invites_';

/** Codes beyond the catalogue's (a new one Slack invents) are one label value, so a label cannot grow without bound. */
export function errorCodeLabel(code: string | undefined): string {
  if (code === undefined || code === '') return 'none';
  return CATALOGUE.has(code) || WARNING_CODES.includes(code) ? code : 'other';
}

export interface PrometheusMetricsOptions {
  /** Invitations still to finish (RECORDED or SENDING): one indexed COUNT. */
  countUnfinished(): Promise<number>;
  /** A count this recent is reused, so frequent scrapes (or several scrapers) do not each ask the database. */
  unfinishedCacheMs?: number;
  now?: () => number;
}

export interface PrometheusMetrics {
  registry: Registry;
  invites: InviteMetrics;
  slackCall: SlackCallObserver;
  /** The scrape's text and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

export function createPrometheusMetrics({ countUnfinished, unfinishedCacheMs = 5000, now = () => performance.now() }: PrometheusMetricsOptions): PrometheusMetrics {
  const registry = new Registry();
  // Node's own metrics under their usual names (process_*, nodejs_*), as stock dashboards expect them.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const invitations = new Counter({
    name: `${METRIC_PREFIX}invitations_total`,
    help: 'Invitation sends by kind (slack_connect, private_channel), outcome (sent, partial, failed, deferred, unresolved) and Slack error code (none when sent; other for a code outside the catalogue).',
    labelNames: ['kind', 'outcome', 'error_code'] as const,
    registers,
  });
  const slackCalls = new Histogram({
    name: `${METRIC_PREFIX}slack_api_call_duration_seconds`,
    help: 'Slack Web API calls by method and result (ok, error, rate_limited, http_error, timeout, network_error), by how long each took; _count is the number of calls.',
    labelNames: ['method', 'result'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const waits = new Counter({
    name: `${METRIC_PREFIX}rate_limit_waits_total`,
    help: 'Waits for a rate limit, by reason: retry_after (Slack answered 429 and the app waited), tier_budget (a look-up waited its turn in its method tier), batch_pace (a batch send waited for its slot).',
    labelNames: ['reason'] as const,
    registers,
  });
  const waitSeconds = new Counter({
    name: `${METRIC_PREFIX}rate_limit_wait_seconds_total`,
    help: 'Seconds spent waiting for rate limits, by reason (as rate_limit_waits_total).',
    labelNames: ['reason'] as const,
    registers,
  });
  const takeovers = new Counter({
    name: `${METRIC_PREFIX}recovery_takeovers_total`,
    help: 'Invitations and batches taken over by recovery because the process working on them stopped.',
    labelNames: ['kind'] as const,
    registers,
  });
  const reconciles = new Counter({
    name: `${METRIC_PREFIX}reconciles_total`,
    help: 'Unfinished Slack Connect invitations reconciled with Slack, by result: found_at_slack, sent (Slack did not hold it), not_confirmed (Slack cannot be asked: the person may send again), cannot_check_yet (tried again later).',
    labelNames: ['result'] as const,
    registers,
  });
  const resends = new Counter({
    name: `${METRIC_PREFIX}resends_total`,
    help: 'Invitations sent again at a person’s request, by kind: send_again (one not confirmed), resend (a new one after one that ended), as_limited (Send as limited instead).',
    labelNames: ['kind'] as const,
    registers,
  });
  const events = new Counter({
    name: `${METRIC_PREFIX}lifecycle_events_total`,
    help: 'Slack Connect invitation events (accepted, approved, declined) by outcome: applied, duplicate (a repeat delivery, dropped), unknown_invite, no_change.',
    labelNames: ['type', 'outcome'] as const,
    registers,
  });

  let cached: { value: number; at: number } | undefined;
  let counting: Promise<number> | undefined;
  new Gauge({
    name: `${METRIC_PREFIX}unfinished_invitations`,
    help: `Invitations recorded but not yet answered by Slack (RECORDED or SENDING), counted in the database at most every ${unfinishedCacheMs / 1000} s; NaN while the database cannot be asked.`,
    registers,
    async collect() {
      if (!cached || now() - cached.at >= unfinishedCacheMs) {
        // Scrapes at the same moment share one count.
        counting ??= countUnfinished().finally(() => {
          counting = undefined;
        });
        try {
          cached = { value: await counting, at: now() };
        } catch {
          // The rest of the scrape (the process metrics above all) still answers during an outage.
          cached = undefined;
          this.set(Number.NaN);
          return;
        }
      }
      this.set(cached.value);
    },
  });

  return {
    registry,
    invites: {
      invitation: (kind, outcome, errorCode) => invitations.inc({ kind, outcome, error_code: errorCodeLabel(errorCode) }),
      rateLimitWait(reason, seconds) {
        waits.inc({ reason });
        waitSeconds.inc({ reason }, seconds);
      },
      takeover: (kind) => takeovers.inc({ kind }),
      reconcile: (result) => reconciles.inc({ result }),
      resend: (kind) => resends.inc({ kind }),
      lifecycleEvent: (type, outcome) => events.inc({ type, outcome }),
    },
    slackCall: (method, result, seconds) => slackCalls.observe({ method, result }, seconds),
    scrape: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
