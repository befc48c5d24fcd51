// The load generator: autocannon's programmatic API, every request built by setupRequest with
// its own body, its own fresh signature and timestamp (as Slack sends them), and latencies kept
// exactly (autocannon's own histogram rounds to whole milliseconds).
import autocannon from 'autocannon';
import { signedHeaders } from '../test/helpers/signing.js';

export interface Built {
  body: string;
  contentType: string;
  /** What this request was (a trigger_id, a view id): handed back to onResponse. */
  tag: string;
}

export interface LoadOptions {
  /** One or more app processes on this machine; the connections are spread over them, as a load balancer would. */
  ports: number[];
  signingSecret: string;
  connections: number;
  durationSeconds: number;
  /** Hard cap on requests (every load loop is bounded in count and in time). */
  maxRequests: number;
  build(): Built;
  /** Checks each answer; false counts as a bad answer. */
  check?(status: number, body: string, tag: string): boolean;
}

export interface LoadResult {
  /** Requests answered (any status). */
  answered: number;
  /** Answered 2xx and passing `check`. */
  good: number;
  bad: number;
  badSamples: string[];
  errors: number;
  timeouts: number;
  /** Requests built (and so sent); a few may still be in flight when the run stops. */
  built: number;
  seconds: number;
  /** good / seconds */
  rps: number;
  latency: Percentiles;
  /** Latency per second of the run (by when the answer came): shows warm-up, stalls and drift. */
  perSecond: Array<{ second: number; answered: number; p50: number; p99: number; max: number }>;
  /** The tags of the good answers. */
  goodTags: string[];
  startedAt: number;
  finishedAt: number;
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => (sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number));
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1), mean: sorted.length ? sum / sorted.length : Number.NaN };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const answeredAt: number[] = [];
  const goodTags: string[] = [];
  const badSamples: string[] = [];
  let built = 0;
  let answered = 0;
  let good = 0;
  let bad = 0;

  const startedAt = Date.now();
  const instance = autocannon({
    url: options.ports.map((port) => `http://127.0.0.1:${port}/slack/events`),
    connections: options.connections,
    duration: options.durationSeconds,
    maxOverallRequests: options.maxRequests,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/slack/events',
        setupRequest(request, context) {
          const { body, contentType, tag } = options.build();
          built += 1;
          context.tag = tag;
          request.body = body;
          request.headers = { 'content-type': contentType, ...signedHeaders(options.signingSecret, body) };
          return request;
        },
        onResponse(status, body, context) {
          answered += 1;
          const tag = String(context.tag);
          if (status >= 200 && status < 300 && (options.check?.(status, body, tag) ?? true)) {
            good += 1;
            goodTags.push(tag);
          } else {
            bad += 1;
            if (badSamples.length < 5) badSamples.push(`HTTP ${status}: ${body.slice(0, 300)}`);
          }
        },
      },
    ],
  });
  // The response event carries the exact time (hrtime, ms with decimals) from write to answer.
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    answeredAt.push(Date.now());
  });
  const result = await instance;
  const finishedAt = Date.now();
  const seconds = result.duration;
  const buckets = new Map<number, number[]>();
  latencies.forEach((ms, i) => {
    const second = Math.floor(((answeredAt[i] as number) - startedAt) / 1000);
    const list = buckets.get(second) ?? [];
    list.push(ms);
    buckets.set(second, list);
  });
  const perSecond = [...buckets.entries()].map(([second, list]) => {
    const p = percentiles(list);
    return { second, answered: p.n, p50: Math.round(p.p50 * 10) / 10, p99: Math.round(p.p99 * 10) / 10, max: Math.round(p.max * 10) / 10 };
  });
  return {
    answered,
    good,
    bad,
    badSamples,
    errors: result.errors,
    timeouts: result.timeouts,
    built,
    seconds,
    rps: good / seconds,
    latency: percentiles(latencies),
    perSecond,
    goodTags,
    startedAt,
    finishedAt,
  };
}
