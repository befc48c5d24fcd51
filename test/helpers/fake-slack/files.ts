// The fake Slack's files: uploads a test makes (as a person does through a form's file_input),
// files.info (docs.slack.dev/reference/methods/files.info: scope files:read, Tier 4; errors
// file_not_found for an ID the token cannot see, file_deleted), and the download of
// url_private_download (docs.slack.dev "Working with files": a GET with the header
// `Authorization: Bearer <token>`, the token holding files:read). Kept apart from fake-slack.ts,
// which routes files.info and the /files-pri/ path here.
//
// Without a token the token's workspace can read the file with, Slack does not answer 401: it
// answers its sign-in page (HTML, status 200), or a redirect to it. The fake does both
// (`anonymousDownloads`), so a download without the right token never yields the file.

import { fail, required, type Args, type Body } from './api.js';

export interface UploadFileOptions {
  /** The workspace the file is in (default: the default workspace). */
  teamId?: string;
  /** Who uploaded it. */
  userId: string;
  name: string;
  /** Slack's file type: csv, text, xlsx, pdf, png, … */
  filetype: string;
  /** Default: from the file type (text/csv for csv, …). */
  mimetype?: string;
  content: string | Buffer;
  /** A size for files.info to report instead of the content's (a file that grew after its upload, a lying payload). */
  reportedSize?: number;
}

export interface StoredFile {
  id: string;
  teamId: string;
  userId: string;
  name: string;
  filetype: string;
  mimetype: string;
  content: Buffer;
  reportedSize?: number;
  created: number;
  deleted: boolean;
}

export interface DownloadRecord {
  fileId: string;
  /** Whether the request carried a token that may read the file (and so got it). */
  authorized: boolean;
  /** Whether it carried an Authorization header at all. */
  withAuthorization: boolean;
}

/** What the fake's server answers a download with. */
export interface DownloadAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Who may read a file: the fake checks the bearer token against its installations. */
export type MayRead = (token: string | undefined, teamId: string) => boolean;

const MIMETYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv',
  text: 'text/plain',
  tsv: 'text/tab-separated-values',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  html: 'text/html',
  binary: 'application/octet-stream',
};

const PRETTY_TYPES: Readonly<Record<string, string>> = { csv: 'CSV', text: 'Plain Text', tsv: 'TSV', xlsx: 'Excel Spreadsheet', xls: 'Excel Spreadsheet', pdf: 'PDF', png: 'PNG', jpg: 'JPEG', html: 'HTML', binary: 'Binary' };

const DOWNLOAD_PATH = /^\/files-pri\/([A-Z0-9]+)-(F[A-Z0-9]+)\/download\/[^/]+$/;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export class FakeFiles {
  private readonly files = new Map<string, StoredFile>();
  private readonly log: DownloadRecord[] = [];
  /** What a download without a token that may read the file gets: Slack's sign-in page (200, HTML) or a redirect to it. */
  anonymousDownloads: 'login_page' | 'redirect' = 'login_page';

  constructor(
    /** The fake's own origin (http://127.0.0.1:port): where url_private and url_private_download point. */
    private readonly origin: string,
    private readonly defaultTeamId: () => string,
    private readonly teamDomain: (teamId: string) => string,
  ) {}

  upload(o: UploadFileOptions): Body {
    const id = this.newId();
    const content = typeof o.content === 'string' ? Buffer.from(o.content, 'utf8') : Buffer.from(o.content);
    const stored: StoredFile = {
      id,
      teamId: o.teamId ?? this.defaultTeamId(),
      userId: o.userId,
      name: o.name,
      filetype: o.filetype,
      mimetype: o.mimetype ?? MIMETYPES[o.filetype] ?? 'application/octet-stream',
      content,
      created: Math.floor(Date.now() / 1000),
      deleted: false,
      ...(o.reportedSize !== undefined ? { reportedSize: o.reportedSize } : {}),
    };
    this.files.set(id, stored);
    return this.fileObject(stored);
  }

  /** As a person deleting the file in Slack: files.info answers file_deleted from then on. */
  delete(fileId: string): void {
    const f = this.files.get(fileId);
    if (f) f.deleted = true;
  }

  get(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  /** Download requests for a file so far (all, or only those that got the file). */
  downloads(fileId: string, which: 'served' | 'all' = 'served'): number {
    return this.log.filter((d) => d.fileId === fileId && (which === 'all' || d.authorized)).length;
  }

  downloadLog(): readonly DownloadRecord[] {
    return this.log;
  }

  reset(): void {
    this.files.clear();
    this.log.length = 0;
    this.anonymousDownloads = 'login_page';
  }

  /** files.info, for a token that sees workspace `teamId` (`sees` answers for other workspaces of its org). */
  info(args: Args, sees: (teamId: string) => boolean): Body {
    const fileId = required(args, 'file');
    const f = this.files.get(fileId);
    if (!f || !sees(f.teamId)) fail('file_not_found');
    if (f.deleted) fail('file_deleted');
    return { file: this.fileObject(f), comments: [], response_metadata: { next_cursor: '' } };
  }

  /** Whether a request path is a file download (the server routes it here). */
  static isDownloadPath(path: string): boolean {
    return path.startsWith('/files-pri/');
  }

  download(path: string, authorization: string | undefined, mayRead: MayRead): DownloadAnswer {
    const m = DOWNLOAD_PATH.exec(path);
    const f = m ? this.files.get(m[2] as string) : undefined;
    const token = authorization !== undefined && /^bearer\s+\S/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '').trim() : undefined;
    if (!m || !f || f.teamId !== m[1]) return this.signIn(f?.teamId ?? this.defaultTeamId());
    const authorized = !f.deleted && mayRead(token, f.teamId);
    this.log.push({ fileId: f.id, authorized, withAuthorization: authorization !== undefined });
    if (!authorized) return this.signIn(f.teamId);
    return {
      status: 200,
      headers: {
        'content-type': f.mimetype,
        'content-length': String(f.content.length),
        'content-disposition': `attachment; filename="${f.name.replace(/["\\\r\n]/g, '_')}"`,
        'cache-control': 'private, no-cache',
      },
      body: f.content,
    };
  }

  // ------------------------------------------------------------------ shapes

  /** A file object with the fields of Slack's file object reference for a hosted upload. */
  private fileObject(f: StoredFile): Body {
    const name = encodeURIComponent(f.name);
    const domain = this.teamDomain(f.teamId);
    return {
      id: f.id,
      created: f.created,
      timestamp: f.created,
      name: f.name,
      title: f.name,
      mimetype: f.mimetype,
      filetype: f.filetype,
      pretty_type: PRETTY_TYPES[f.filetype] ?? f.filetype.toUpperCase(),
      user: f.userId,
      user_team: f.teamId,
      editable: false,
      size: f.reportedSize ?? f.content.length,
      mode: 'hosted',
      is_external: false,
      external_type: '',
      is_public: false,
      public_url_shared: false,
      display_as_bot: false,
      username: '',
      url_private: `${this.origin}/files-pri/${f.teamId}-${f.id}/${name}`,
      url_private_download: `${this.origin}/files-pri/${f.teamId}-${f.id}/download/${name}`,
      permalink: `https://${domain}.slack.com/files/${f.userId}/${f.id}/${name}`,
      permalink_public: `https://slack-files.com/${f.teamId}-${f.id}-${f.id.slice(-10).toLowerCase()}`,
      is_starred: false,
      has_rich_preview: false,
      file_access: 'visible',
      channels: [],
      groups: [],
      ims: [],
      comments_count: 0,
    };
  }

  /** Slack's answer to a download without a token that may read the file: its sign-in page, or a redirect to it. */
  private signIn(teamId: string): DownloadAnswer {
    const page = `https://${this.teamDomain(teamId)}.slack.com/`;
    if (this.anonymousDownloads === 'redirect') return { status: 302, headers: { location: `${page}?redir=%2Ffiles-pri`, 'content-length': '0' }, body: Buffer.alloc(0) };
    const html = Buffer.from(
      `<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>Slack</title></head><body><div id="page"><h1>Sign in to ${this.teamDomain(teamId)}</h1><form id="signin_form" action="${page}" method="post"><input type="email" name="email"><input type="password" name="password"><button type="submit">Sign in</button></form></div></body></html>`,
      'utf8',
    );
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-length': String(html.length) }, body: html };
  }

  private newId(): string {
    let id: string;
    do {
      id = 'F';
      for (let i = 0; i < 10; i++) id += ALNUM[Math.floor(Math.random() * ALNUM.length)];
    } while (this.files.has(id));
    return id;
  }
}
