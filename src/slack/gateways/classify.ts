// Turns whatever the Web API client throws into the domain's SlackCallFailure, so services can
// decide (retry, explain, record) without knowing the SDK's error classes.
import { ErrorCode, type WebAPICallResult } from '@slack/web-api';
import type { SlackCallFailure } from '../../invites/ports.js';

interface SdkError {
  code?: string;
  data?: WebAPICallResult & { error?: string; needed?: string };
  retryAfter?: number;
  statusCode?: number;
  original?: Error & { cause?: { code?: string } };
}

export function classifyCallError(error: unknown): SlackCallFailure {
  const e = (error ?? {}) as SdkError;
  switch (e.code) {
    case ErrorCode.PlatformError: {
      const failure: SlackCallFailure = { kind: 'slack_error', code: e.data?.error ?? 'unknown_error' };
      if (e.data?.needed) failure.neededScope = e.data.needed;
      return failure;
    }
    case ErrorCode.RateLimitedError:
      return { kind: 'rate_limited', retryAfterSeconds: e.retryAfter ?? 60 };
    case ErrorCode.HTTPError:
      return { kind: 'http_error', status: e.statusCode ?? 0 };
    case ErrorCode.RequestError:
      return e.original?.name === 'TimeoutError' || e.original?.name === 'AbortError' ? { kind: 'timeout' } : { kind: 'unreachable' };
    default:
      throw error;
  }
}

/** Slack's non-fatal notes on an answer (`warning` and `response_metadata.warnings`). */
export function warningsOf(result: (WebAPICallResult & { warning?: unknown }) | undefined): string[] {
  const list = new Set<string>();
  if (typeof result?.warning === 'string') for (const w of result.warning.split(',')) list.add(w);
  for (const w of result?.response_metadata?.warnings ?? []) list.add(w);
  return [...list];
}
