// The files a Block Kit `file_input` element holds in a view submission. Slack puts its value in
// view.state.values[block_id][action_id] as `{ type: 'file_input', files: [file, ...] }`, each a
// file object (id, name, mimetype, filetype, size, url_private, ...; @slack/bolt's ViewStateValue
// `files`). Only what identifies the file and what it claims to be is read: the gateway asks
// files.info for the facts it acts on (src/slack/gateways/files.ts), never a URL from here.
// Pure and total: anything unexpected reads as no files.
import { obj, str } from './loose.js';

export interface UploadedFile {
  id: string;
  name?: string;
  filetype?: string;
  mimetype?: string;
  size?: number;
}

/** Slack's file IDs: F and upper-case letters and digits. Anything else is not asked about. */
const FILE_ID = /^F[A-Z0-9]{2,40}$/;

export function uploadedFiles(view: unknown, blockId: string, actionId: string): UploadedFile[] {
  const block = obj(obj(obj(obj(view)?.state)?.values)?.[blockId]);
  const value = obj(block?.[actionId]);
  if (value?.type !== 'file_input' || !Array.isArray(value.files)) return [];
  const files: UploadedFile[] = [];
  const seen = new Set<string>();
  for (const item of value.files) {
    const file = obj(item);
    const id = str(file?.id);
    if (!file || !id || !FILE_ID.test(id) || seen.has(id)) continue;
    seen.add(id);
    const uploaded: UploadedFile = { id };
    const name = str(file.name);
    const filetype = str(file.filetype);
    const mimetype = str(file.mimetype);
    if (name) uploaded.name = name;
    if (filetype) uploaded.filetype = filetype;
    if (mimetype) uploaded.mimetype = mimetype;
    if (typeof file.size === 'number' && Number.isSafeInteger(file.size) && file.size >= 0) uploaded.size = file.size;
    files.push(uploaded);
  }
  return files;
}
