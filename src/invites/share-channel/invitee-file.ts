// A file of invitees uploaded in the /share-channel form: what reading it can come to, and each
// failure in words for the person, with what to do. The reading itself is the file gateway's
// (src/slack/gateways/files.ts); the parsing is invitee-list.ts's. Pure: nothing here talks to Slack.
import { explainError } from '../error-catalogue.js';

/** The largest file read (1 MB, 1,048,576 bytes): about 20,000 rows of address and name, far past MAX_INVITEES. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export type FileFailureReason = 'too_large' | 'not_text' | 'not_found' | 'unreadable' | 'slack_error';

export interface FileFailure {
  ok: false;
  reason: FileFailureReason;
  /** Slack's error code (files.info's), or the app's own for a download that went wrong. */
  errorCode?: string;
  /** too_large: the file's size in bytes, when known, and the largest taken. */
  size?: number;
  maxBytes?: number;
}

export type FileDownload = { ok: true; name: string; text: string } | FileFailure;

export interface FilePort {
  download(fileId: string): Promise<FileDownload>;
}

/** Bytes as people read them: "3.2 MB", "850 KB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'too large';
  if (bytes < 1024) return `${Math.round(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? (Math.ceil(mb * 10) / 10).toFixed(1) : Math.ceil(mb)} MB`;
}

const PASTE = 'or paste the addresses in the form instead';

/**
 * A sentence or two for the form's inline error: what went wrong with the file and what to do.
 * A Slack error code is explained by the error catalogue (files.info's reading of it).
 */
export function describeFileFailure(failure: FileFailure, options: { appName?: string } = {}): string {
  const max = failure.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  switch (failure.reason) {
    case 'too_large':
      return failure.size !== undefined
        ? `That file is ${formatBytes(failure.size)}; upload a CSV under ${formatBytes(max)}, ${PASTE}.`
        : `That file is larger than ${formatBytes(max)}; upload a smaller CSV, ${PASTE}.`;
    case 'not_text':
      return `That file is not a CSV file. Save the sheet as CSV (in Excel: Save As, CSV UTF-8; in Google Sheets: File, Download, CSV) and upload that, ${PASTE}.`;
    case 'not_found':
      return `Slack no longer has that file (it may have been deleted). Upload it again, ${PASTE}.`;
    case 'unreadable':
      return `That file could not be read just now. Try again in a moment, ${PASTE}.`;
    case 'slack_error': {
      const e = explainError(failure.errorCode ?? 'unknown_error', {
        method: 'files.info',
        ...(options.appName ? { appName: options.appName } : {}),
        ...(failure.errorCode === 'missing_scope' ? { neededScope: 'files:read' } : {}),
        retry: { command: '/share-channel' },
      });
      return `${e.whatHappened} ${e.whatToDo}`;
    }
    default:
      return `That file could not be read. Try again, ${PASTE}.`;
  }
}
