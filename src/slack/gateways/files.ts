// Reading a file someone uploaded in a form (a CSV of invitees). Nothing from the payload is
// trusted: files.info (scope files:read, Tier 4) gives the file's size, type and download URL;
// a file too large or not text is refused before anything is downloaded; the download goes only
// to a trusted host (the bot token is sent with it), follows no redirect (Slack redirects a
// request it does not accept to its sign-in page), reads at most `maxBytes` and stops the stream
// past them, and has a time limit. Logs name the file and the host, never the token or the URL.
import type { WebClient } from '@slack/web-api';
import { DEFAULT_MAX_FILE_BYTES, type FileDownload, type FileFailure, type FilePort } from '../../invites/share-channel/invitee-file.js';
import type { Logger } from '../../logger.js';
import { classifyCallError } from './classify.js';

export interface FileGatewayOptions {
  /** The largest file read, in bytes (default DEFAULT_MAX_FILE_BYTES, 1 MB). */
  maxBytes?: number;
  fetch?: typeof fetch;
  /**
   * Where the bot token may be sent with a download: host names (HTTPS only) or origins
   * ("http://127.0.0.1:3000"). Default: files.slack.com, the configured Slack API URL's origin,
   * and files.<its host> (GovSlack: files.slack-gov.com).
   */
  trustedHosts?: readonly string[];
  /** How long the download may take (default 10 seconds). */
  timeoutMs?: number;
}

const FILE_ID = /^F[A-Z0-9]{2,40}$/;
const NOT_FOUND = new Set(['file_not_found', 'file_deleted']);
/** Slack's file types for plain text a spreadsheet or an editor writes. */
const TEXT_FILETYPES = new Set(['csv', 'tsv', 'text']);
const TEXT_MIMETYPES = new Set(['text/csv', 'text/plain', 'text/tab-separated-values', 'text/x-csv', 'application/csv', 'application/x-csv']);
/** Windows labels .csv files as Excel's: trusted only with the .csv name. */
const EXCEL_CSV_MIMETYPE = 'application/vnd.ms-excel';

export function defaultTrustedHosts(slackApiUrl: string): string[] {
  const hosts = ['files.slack.com'];
  try {
    const api = new URL(slackApiUrl);
    hosts.push(api.origin);
    if (/[a-z]/i.test(api.hostname) && !api.hostname.startsWith('files.')) hosts.push(`files.${api.hostname.replace(/^(www|api)\./, '')}`);
  } catch {
    // no usable API URL: Slack's own file host only
  }
  return [...new Set(hosts)];
}

function isTrusted(url: URL, trusted: readonly string[]): boolean {
  return trusted.some((t) => (t.includes('://') ? safeOrigin(t) === url.origin : url.protocol === 'https:' && url.port === '' && url.hostname === t.toLowerCase()));
}

function safeOrigin(text: string): string | undefined {
  try {
    return new URL(text).origin;
  } catch {
    return undefined;
  }
}

function isText(file: { filetype?: string; mimetype?: string; name?: string }): boolean {
  const mime = (file.mimetype ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (TEXT_FILETYPES.has(file.filetype ?? '') || TEXT_MIMETYPES.has(mime)) return true;
  return mime === EXCEL_CSV_MIMETYPE && /\.csv$/i.test(file.name ?? '');
}

/**
 * Text from a file's bytes: UTF-8 (a BOM dropped), UTF-16 with its BOM (Excel's "Unicode Text"),
 * else Windows-1252 (Excel's "CSV (Comma delimited)" on a Western Windows), unless it holds NULs.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    if (bytes.includes(0)) return undefined;
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * `client`: a client over the workspace's token (InstallationClient, src/slack/clients.ts);
 * `token`: the same bot token, for the download's Authorization header (the client's is not
 * readable from outside it).
 */
export function createFileGateway(client: WebClient, token: () => Promise<string> | string, logger: Logger, options: FileGatewayOptions = {}): FilePort {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const fetchFn = options.fetch ?? fetch;
  const trusted = options.trustedHosts ?? defaultTrustedHosts(client.slackApiUrl);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const log = logger.child({ module: 'file-gateway' });

  const failed = (fileId: string, failure: Omit<FileFailure, 'ok'>): FileFailure => {
    log.info({ fileId, reason: failure.reason, errorCode: failure.errorCode, size: failure.size }, 'uploaded file not read');
    return { ok: false, ...failure };
  };

  async function info(fileId: string) {
    try {
      const { file } = await client.files.info({ file: fileId, limit: 1 });
      return { file };
    } catch (error) {
      let failure;
      try {
        failure = classifyCallError(error);
      } catch {
        return { failure: { reason: 'unreadable', errorCode: 'slack_unreachable' } as const };
      }
      switch (failure.kind) {
        case 'slack_error':
          return { failure: { reason: NOT_FOUND.has(failure.code) ? 'not_found' : 'slack_error', errorCode: failure.code } as const };
        case 'rate_limited':
          return { failure: { reason: 'slack_error', errorCode: 'ratelimited' } as const };
        case 'timeout':
          return { failure: { reason: 'unreadable', errorCode: 'slack_timeout' } as const };
        case 'http_error':
          return { failure: { reason: 'unreadable', errorCode: 'slack_http_error' } as const };
        default:
          return { failure: { reason: 'unreadable', errorCode: 'slack_unreachable' } as const };
      }
    }
  }

  return {
    async download(fileId: string): Promise<FileDownload> {
      if (typeof fileId !== 'string' || !FILE_ID.test(fileId)) return failed(String(fileId).slice(0, 40), { reason: 'not_found', errorCode: 'file_not_found' });
      const answer = await info(fileId);
      if ('failure' in answer) return failed(fileId, answer.failure as Omit<FileFailure, 'ok'>);
      const file = answer.file;
      const name = file?.name || file?.title || 'file';
      if (!file || typeof file.url_private_download !== 'string') return failed(fileId, { reason: 'unreadable', errorCode: 'no_download_url' });
      if (typeof file.size === 'number' && file.size > maxBytes) return failed(fileId, { reason: 'too_large', size: file.size, maxBytes });
      if (file.is_external === true || !isText(file)) return failed(fileId, { reason: 'not_text', ...(file.filetype ? { errorCode: `filetype_${file.filetype}`.slice(0, 40) } : {}) });

      let url: URL;
      try {
        url = new URL(file.url_private_download);
      } catch {
        return failed(fileId, { reason: 'unreadable', errorCode: 'no_download_url' });
      }
      if (!isTrusted(url, trusted)) {
        log.warn({ fileId, host: url.host }, 'file download URL is not on a trusted host; not downloaded');
        return failed(fileId, { reason: 'unreadable', errorCode: 'untrusted_download_host' });
      }

      let response: Response;
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        response = await fetchFn(url, { method: 'GET', headers: { authorization: `Bearer ${await token()}` }, redirect: 'manual', signal });
      } catch (error) {
        const timedOut = (error as Error)?.name === 'TimeoutError' || signal.aborted;
        return failed(fileId, { reason: 'unreadable', errorCode: timedOut ? 'download_timeout' : 'download_failed' });
      }
      // Slack answers a request it does not accept with its sign-in page (HTML) or a redirect to it.
      const type = (response.headers.get('content-type') ?? '').toLowerCase();
      if (response.status !== 200 || type.startsWith('text/html')) {
        await response.body?.cancel().catch(() => undefined);
        return failed(fileId, { reason: 'unreadable', errorCode: response.status === 200 ? 'download_sign_in_page' : `download_http_${response.status}` });
      }
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        return failed(fileId, { reason: 'too_large', size: declared, maxBytes });
      }

      const bytes = await readAtMost(response, maxBytes, signal);
      if (bytes === 'too_large') return failed(fileId, { reason: 'too_large', maxBytes });
      if (bytes === 'failed') return failed(fileId, { reason: 'unreadable', errorCode: signal.aborted ? 'download_timeout' : 'download_failed' });
      const text = decodeText(bytes);
      if (text === undefined) return failed(fileId, { reason: 'not_text', errorCode: 'binary_content' });
      log.info({ fileId, bytes: bytes.length }, 'uploaded file read');
      return { ok: true, name, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
    },
  };
}

/** The body's bytes, stopping (and cancelling the stream) as soon as they pass `maxBytes`. */
async function readAtMost(response: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array | 'too_large' | 'failed'> {
  const body = response.body;
  if (!body) return new Uint8Array(await response.arrayBuffer().catch(() => new ArrayBuffer(0)));
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return 'too_large';
      }
      chunks.push(value);
    }
  } catch {
    await reader.cancel().catch(() => undefined);
    return 'failed';
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
