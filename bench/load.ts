// The load generators. runLoad: autocannon's programmatic API, closed-loop (each connection sends
// its next request when the last is answered), for how much the app can answer. runSteadyLoad:
// open-loop at a fixed rate, as Slack's traffic arrives, for how fast it answers when not
// saturated. Every request has its own body and its own fresh signature and timestamp (as Slack
// sends them), and latencies are kept exactly (autocannon's own histogram rounds to whole ms).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
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

/** What both generators keep: each answer, good or bad, its latency and when it came. */
class Tally {
  readonly latencies: number[] = [];
  readonly answeredAt: number[] = [];
  readonly goodTags: string[] = [];
  readonly badSamples: string[] = [];
  built = 0;
  answered = 0;
  good = 0;
  bad = 0;
  readonly startedAt = Date.now();

  constructor(private readonly check: LoadOptions['check']) {}

  answer(status: number, body: string, tag: string): void {
    this.answered += 1;
    if (status >= 200 && status < 300 && (this.check?.(status, body, tag) ?? true)) {
      this.good += 1;
      this.goodTags.push(tag);
    } else {
      this.bad += 1;
      if (this.badSamples.length < 5) this.badSamples.push(`HTTP ${status}: ${body.slice(0, 300)}`);
    }
  }

  latency(ms: number): void {
    this.latencies.push(ms);
    this.answeredAt.push(Date.now());
  }

  result({ errors, timeouts, seconds }: { errors: number; timeouts: number; seconds?: number }): LoadResult {
    const finishedAt = Date.now();
    const elapsed = seconds ?? (finishedAt - this.startedAt) / 1000;
    const { answered, good, bad, badSamples, built, goodTags, startedAt } = this;
    return {
      answered,
      good,
      bad,
      badSamples,
      errors,
      timeouts,
      built,
      seconds: elapsed,
      rps: good / elapsed,
      latency: percentiles(this.latencies),
      perSecond: perSecondOf(this.latencies, this.answeredAt, startedAt),
      goodTags,
      startedAt,
      finishedAt,
    };
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const tally = new Tally(options.check);
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
          tally.built += 1;
          context.tag = tag;
          request.body = body;
          request.headers = { 'content-type': contentType, ...signedHeaders(options.signingSecret, body) };
          return request;
        },
        onResponse(status, body, context) {
          tally.answer(status, body, String(context.tag));
        },
      },
    ],
  });
  // The response event carries the exact time (hrtime, ms with decimals) from write to answer.
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => tally.latency(responseTime));
  const result = await instance;
  return tally.result({ errors: result.errors, timeouts: result.timeouts, seconds: result.duration });
}

/** Latency per second of the run, by when the answer came: shows warm-up, stalls and drift. */
function perSecondOf(latencies: number[], answeredAt: number[], startedAt: number): LoadResult['perSecond'] {
  const buckets = new Map<number, number[]>();
  latencies.forEach((ms, i) => {
    const second = Math.floor(((answeredAt[i] as number) - startedAt) / 1000);
    const list = buckets.get(second) ?? [];
    list.push(ms);
    buckets.set(second, list);
  });
  return [...buckets.entries()].map(([second, list]) => {
    const p = percentiles(list);
    return { second, answered: p.n, p50: Math.round(p.p50 * 10) / 10, p99: Math.round(p.p99 * 10) / 10, max: Math.round(p.max * 10) / 10 };
  });
}

export interface SteadyLoadOptions extends Omit<LoadOptions, 'maxRequests'> {
  /** Requests per second, sent at even intervals whether or not earlier ones were answered. */
  rate: number;
}

/**
 * Open-loop load: request i is due at start + i/rate and its latency counts from then, so time a
 * request spends waiting for a free connection (all `connections` busy) is counted too, and a
 * stall cannot hide behind fewer requests sent (no coordinated omission). autocannon's own rate
 * option sends each connection's quota in a burst at the top of every second instead.
 */
export async function runSteadyLoad(options: SteadyLoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.rate * options.durationSeconds);
  const interval = 1000 / options.rate;
  const tally = new Tally(options.check);
  let errors = 0;
  let timeouts = 0;
  const t0 = performance.now();

  const send = (due: number, port: number) =>
    new Promise<void>((resolve) => {
      const { body, contentType, tag } = options.build();
      tally.built += 1;
      const failed = () => {
        errors += 1;
        resolve();
      };
      const request = http.request(
        { host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent, timeout: 10_000, headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...signedHeaders(options.signingSecret, body) } },
        (response) => {
          let text = '';
          response.on('error', failed);
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            tally.latency(performance.now() - due);
            tally.answer(response.statusCode ?? 0, text, tag);
            resolve();
          });
        },
      );
      request.on('timeout', () => {
        timeouts += 1;
        request.destroy(new Error('timed out'));
      });
      request.on('error', failed);
      request.end(body);
    });

  const inFlight: Array<Promise<void>> = [];
  await new Promise<void>((done) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < total && t0 + next * interval <= now) {
        inFlight.push(send(t0 + next * interval, options.ports[next % options.ports.length] as number));
        next += 1;
      }
      if (next >= total) return done();
      setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(inFlight);
  agent.destroy();
  return tally.result({ errors, timeouts });
}
