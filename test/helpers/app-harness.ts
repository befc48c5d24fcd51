// Starts the real app in-process (its real Bolt HTTP receiver on a free port) against a test
// database and the fake Slack Web API, and sends it correctly signed Slack requests over HTTP.
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startConnectInvites, type RunningApp } from '../../src/server.js';
import type { FakeSlack } from './fake-slack.js';
import { newSigningSecret, signedHeaders } from './signing.js';
import type { EncodedBody } from './slack-payloads.js';

export interface TestApp {
  app: RunningApp;
  baseUrl: string;
  signingSecret: string;
  /** Every log line of the run, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The raw log text, for searching for secrets. */
  rawLogs(): string;
  /** POSTs a signed request to /slack/events. */
  send(payload: EncodedBody, options?: { timestamp?: number; headers?: Record<string, string> }): Promise<SlackResponse>;
  stop(): Promise<void>;
}

export interface SlackResponse {
  status: number;
  text: string;
  /** The JSON body, when there is one. */
  json: any;
  ms: number;
}

export interface TestAppOptions {
  fake: FakeSlack;
  databaseUrl: string;
  env?: Record<string, string>;
  /** Slack's rate-tier window as the app counts it (src/server.ts); a minute unless a test shortens it. */
  rateWindowMs?: number;
  /** The clock expiry reminders are judged by, and how often they are looked for (src/server.ts). */
  clock?: () => Date;
  reminderIntervalMs?: number;
}

export async function startTestApp({ fake, databaseUrl, env = {}, rateWindowMs, clock, reminderIntervalMs }: TestAppOptions): Promise<TestApp> {
  const signingSecret = env.SLACK_SIGNING_SECRET ?? newSigningSecret();
  const config = loadConfig({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: fake.url,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    LOG_LEVEL: 'debug',
    ...env,
  });
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: config.logLevel, destination });
  const app = await startConnectInvites({ config, logger, poolSize: 5, rateWindowMs, clock, reminderIntervalMs });
  const baseUrl = `http://127.0.0.1:${app.port}`;
  return {
    app,
    baseUrl,
    signingSecret,
    get logs() {
      return chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    rawLogs: () => chunks.join(''),
    send: (payload, options = {}) => postSigned(baseUrl, signingSecret, payload, options),
    stop: () => app.stop(),
  };
}

export async function postSigned(
  baseUrl: string,
  secret: string,
  { body, contentType }: EncodedBody,
  options: { timestamp?: number; headers?: Record<string, string> } = {},
): Promise<SlackResponse> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...signedHeaders(secret, body, options.timestamp), ...options.headers },
    body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, ms: performance.now() - started };
}
