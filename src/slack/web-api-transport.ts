// The `fetch` every Web API client of the app uses: node:http(s) with keep-alive agents, body
// buffered. The client only ever POSTs a form-encoded string and reads the whole answer, and
// Node's built-in fetch spends about twice the CPU per call on that (WHATWG streams, header
// guards); with four Slack calls per invitation, that was the largest cost the benchmark found.
// Anything this does not handle (multipart uploads, redirects to follow) goes to the built-in fetch.
import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

type Protocol = keyof typeof agents;
type PlainBody = string | Buffer | URLSearchParams | undefined | null;

export async function slackFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = input instanceof Request ? null : new URL(input);
  if (!url || !(url.protocol in agents) || !isPlainBody(init.body) || (init.redirect ?? 'follow') === 'follow') return fetch(input, init);
  init.signal?.throwIfAborted();
  const body = init.body == null ? undefined : init.body instanceof URLSearchParams ? init.body.toString() : init.body;
  const headers = plainHeaders(init.headers);
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));

  return new Promise<Response>((resolve, reject) => {
    const { signal } = init;
    const request = (url.protocol === 'https:' ? https : http).request(url, { method: init.method ?? 'GET', headers, agent: agents[url.protocol as Protocol] });
    const onAbort = () => request.destroy(signal?.reason);
    const settle = () => signal?.removeEventListener('abort', onAbort);
    signal?.addEventListener('abort', onAbort, { once: true });

    // As the built-in fetch does: a network failure is a TypeError with the cause, an abort is the signal's reason.
    request.on('error', (error) => {
      settle();
      reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
    });
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location && init.redirect === 'error') {
        response.resume();
        request.destroy(new Error(`unexpected redirect to ${response.headers.location}`));
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => request.destroy(error));
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
  const headers = new Headers();
  for (let i = 0; i < message.rawHeaders.length; i += 2) headers.append(message.rawHeaders[i] as string, message.rawHeaders[i + 1] as string);
  // We never ask for compression, but a server may compress anyway; the built-in fetch would undo it.
  const encoding = message.headers['content-encoding'];
  const body = encoding === 'gzip' ? gunzipSync(raw) : encoding === 'deflate' ? inflateSync(raw) : encoding === 'br' ? brotliDecompressSync(raw) : raw;
  if (encoding) headers.delete('content-encoding');
  const response = new Response(NULL_BODY_STATUSES.has(status) ? null : body, { status, statusText: message.statusMessage ?? '', headers });
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}
