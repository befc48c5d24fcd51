// The `fetch` every Web API client of the app uses: node:http(s) with keep-alive agents, body
// buffered. The client only ever POSTs a form-encoded string and reads the whole answer, and
// Node's built-in fetch spends about twice the CPU per call on that (WHATWG streams, header
// guards); with four Slack calls per invitation, that was the largest cost the benchmark found.
// The answer is a buffered Response with what the client reads of one (status, headers, url,
// text, json, arrayBuffer): building a real one and reading it back through a stream cost 50 µs.
// Anything this does not handle (multipart uploads, redirects to follow) goes to the built-in fetch.
import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { WebClientOptions } from '@slack/web-api';

/**
 * How one Web API call ended, for the operator's metrics: `ok` and `error` are Slack's answer
 * (`"ok": true` or false), `rate_limited` an HTTP 429, `http_error` any other HTTP status, `timeout`
 * the transport's time limit, `network_error` no answer at all (refused, reset, aborted).
 */
export type SlackCallResult = 'ok' | 'error' | 'rate_limited' | 'http_error' | 'timeout' | 'network_error';
/** `method`: the Web API method (the URL's last path segment), or `other` for any other URL. */
export type SlackCallObserver = (method: string, result: SlackCallResult, seconds: number) => void;

const observers = new Set<SlackCallObserver>();

/**
 * Tells `observer` of every call through this transport, from now until the returned function is
 * called. Process-wide, as the transport is: every Web API client of the app shares it.
 */
export function observeSlackCalls(observer: SlackCallObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

const METHOD_NAME = /^[a-z][a-zA-Z]*(\.[a-zA-Z]+){1,3}$/;

/** The method named by a Web API URL (…/api/<method>); never anything else of a URL (a file's names a workspace). */
function methodOf(url: URL): string {
  const { pathname } = url;
  const slash = pathname.lastIndexOf('/');
  const segment = pathname.slice(slash + 1);
  return pathname.slice(0, slash).endsWith('/api') && segment.length <= 64 && METHOD_NAME.test(segment) ? segment : 'other';
}

function resultOf(response: Response, body: Buffer | undefined): SlackCallResult {
  if (response.status === 429) return 'rate_limited';
  if (response.status < 200 || response.status >= 300) return 'http_error';
  if (!body) return 'ok';
  // Slack's answers begin with "ok"; reading it there spares parsing the JSON a second time.
  const head = body.subarray(0, 24).toString('latin1').replace(/\s/g, '');
  return head.startsWith('{"ok":true') ? 'ok' : 'error';
}

function observed(url: URL, started: number, outcome: { response: Response; body?: Buffer | undefined } | { error: unknown }): void {
  const seconds = (performance.now() - started) / 1000;
  const result = 'error' in outcome ? ((outcome.error as Error | undefined)?.name === 'TimeoutError' ? 'timeout' : 'network_error') : resultOf(outcome.response, outcome.body);
  const method = methodOf(url);
  for (const observer of observers) observer(method, result, seconds);
}

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

type Protocol = keyof typeof agents;
type PlainBody = string | Buffer | URLSearchParams | undefined | null;

/**
 * The WebClient options that put a client on this transport, with its time limit per call kept
 * here by one timer: the client's own `timeout` makes an AbortSignal.timeout per call, which costs
 * more than the call's parsing, so it is turned off. A call over the limit fails as fetch's would,
 * with a TimeoutError.
 */
export function slackTransport({ timeoutMs }: { timeoutMs: number }): Required<Pick<WebClientOptions, 'fetch' | 'timeout'>> {
  return { fetch: (input, init) => slackFetch(input, init, timeoutMs), timeout: 0 };
}

export async function slackFetch(input: string | URL | Request, init: RequestInit = {}, timeoutMs = 0): Promise<Response> {
  if (observers.size === 0) return buffered(input, init, timeoutMs);
  const started = performance.now();
  const url = input instanceof Request ? new URL(input.url) : new URL(input);
  try {
    const response = await buffered(input, init, timeoutMs);
    observed(url, started, { response, body: (response as unknown) instanceof BufferedResponse ? (response as unknown as BufferedResponse).peek() : undefined });
    return response;
  } catch (error) {
    observed(url, started, { error });
    throw error;
  }
}

async function buffered(input: string | URL | Request, init: RequestInit, timeoutMs: number): Promise<Response> {
  const url = input instanceof Request ? null : new URL(input);
  if (!url || !(url.protocol in agents) || !isPlainBody(init.body) || (init.redirect ?? 'follow') === 'follow') return fetch(input, init);
  init.signal?.throwIfAborted();
  const body = init.body == null ? undefined : init.body instanceof URLSearchParams ? init.body.toString() : init.body;
  const headers = plainHeaders(init.headers);
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));

  return new Promise<Response>((resolve, reject) => {
    const { signal } = init;
    const request = (url.protocol === 'https:' ? https : http).request(url, { method: init.method ?? 'GET', headers, agent: agents[url.protocol as Protocol] });
    let stoppedBy: unknown;
    const stop = (reason: unknown) => {
      stoppedBy ??= reason;
      request.destroy(reason instanceof Error ? reason : undefined);
    };
    const onAbort = () => stop(signal?.reason);
    const timer = timeoutMs > 0 ? setTimeout(() => stop(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), timeoutMs) : undefined;
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    // As the built-in fetch does: a network failure is a TypeError with the cause; an abort or a
    // timeout is the signal's reason or a TimeoutError. Whichever comes first settles the call.
    const fail = (error: unknown) => {
      settle();
      reject(stoppedBy ?? new TypeError('fetch failed', { cause: error }));
    };
    request.on('error', fail);
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location && init.redirect === 'error') {
        fail(new Error(`unexpected redirect to ${response.headers.location}`));
        request.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('close', () => {
        if (!response.complete) fail(new Error('the connection closed before the whole answer arrived'));
      });
      response.on('end', () => {
        settle();
        try {
          resolve(toResponse(url, status, response, Buffer.concat(chunks)));
        } catch (error) {
          reject(new TypeError('fetch failed', { cause: error }));
        }
      });
    });
    request.end(body);
  });
}

function isPlainBody(body: RequestInit['body']): body is PlainBody {
  return body == null || typeof body === 'string' || Buffer.isBuffer(body) || body instanceof URLSearchParams;
}

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(new Headers(headers));
  return { ...(headers as Record<string, string>) };
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function toResponse(url: URL, status: number, message: http.IncomingMessage, raw: Buffer): Response {
  if (status < 200 || status > 599) throw new RangeError(`status ${status} is outside 200-599`);
  const headers = new Headers();
  for (let i = 0; i < message.rawHeaders.length; i += 2) headers.append(message.rawHeaders[i] as string, message.rawHeaders[i + 1] as string);
  // We never ask for compression, but a server may compress anyway; the built-in fetch would undo it.
  const encoding = message.headers['content-encoding'];
  const body = encoding === 'gzip' ? gunzipSync(raw) : encoding === 'deflate' ? inflateSync(raw) : encoding === 'br' ? brotliDecompressSync(raw) : raw;
  if (encoding) headers.delete('content-encoding');
  return new BufferedResponse(url.href, status, message.statusMessage ?? '', headers, NULL_BODY_STATUSES.has(status) ? Buffer.alloc(0) : body) as unknown as Response;
}

class BufferedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic';
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  async text(): Promise<string> {
    return this.consume().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.consume();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  /** The body, without reading it (for the metrics' result). */
  peek(): Buffer {
    return this.body;
  }

  /** As a Response's body, it can be read once. */
  private consume(): Buffer {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.bodyUsed = true;
    return this.body;
  }
}
