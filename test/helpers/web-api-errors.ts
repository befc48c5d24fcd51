// A real WebClient pointed at the fake Slack, and the Slack error a call rejects with.
import assert from 'node:assert/strict';
import { ErrorCode, LogLevel, WebClient, type Logger, type WebAPICallResult } from '@slack/web-api';
import type { FakeSlack } from './fake-slack.js';

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

/** `null` = no token at all. */
export function fakeClient(fake: FakeSlack, token: string | null = fake.botToken, extra: Record<string, unknown> = {}): WebClient {
  return new WebClient(token ?? undefined, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: silentLogger, ...extra });
}

export type ErrorData = WebAPICallResult & { error?: string; errors?: Array<{ user: string; ok: boolean; error: string }> } & Record<string, any>;

/** The `data` of the platform error a call rejects with. */
export async function slackError(p: Promise<unknown>): Promise<ErrorData> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; data?: ErrorData };
    assert.equal(e.code, ErrorCode.PlatformError, `expected a platform error, got ${String(err)}`);
    return e.data as ErrorData;
  }
  assert.fail('expected the call to fail');
}

export async function errorCode(p: Promise<unknown>): Promise<string | undefined> {
  return (await slackError(p)).error;
}
