/**
 * A fake Slack Web API that is a real HTTP server.
 *
 * Point a `WebClient` at it with `new WebClient(token, { slackApiUrl: fake.url })`. It checks
 * transport, auth and arguments the way Slack documents them (see
 * /work/shared/reference/slack-api/), keeps a small world (users, channels, views, messages,
 * Slack Connect invites), records every call and supports per-method fault injection.
 *
 * It enforces what Slack enforces, so the app cannot pass only because the fake agrees with it:
 * - scopes (fake-slack/scopes.ts): the bot token holds the bot scopes manifest.json asks for
 *   (read from the file), and a method without its scope answers `missing_scope` with `needed`
 *   and `provided`, as Slack does; every answer carries `x-oauth-scopes` (the token's scopes) and
 *   `x-accepted-oauth-scopes` (the method's), which @slack/web-api exposes as
 *   `response_metadata.scopes` / `acceptedScopes`;
 * - rate limits (fake-slack/rate-limits.ts): each method's tier per workspace, HTTP 429 with
 *   `Retry-After` past it (by default at Slack's own numbers, DEFAULT_RATE_LIMITS);
 *   `conversations.inviteShared` with `emails` also has a per-user limit (`ratelimit`);
 * - both readings of the pending-invitation rule (`pendingInviteRule`);
 * - installations (fake-slack/installations.ts): the default workspace (WORLD.teamId) has the app
 *   installed with `botToken`; more workspaces (`addWorkspace`, some in an Enterprise Grid org)
 *   get it through OAuth (`authorize`, then `oauth.v2.access`, with rotation if `oauthApp` says
 *   so) or `addInstallation`, org-wide too. A token sees its workspace's channels and people (an
 *   org-wide one its organization's), channels shared with it (`sharedTeamIds`), and people of
 *   teams the fake does not model (the other side of Slack Connect); anything else answers
 *   channel_not_found / user_not_found, as for a resource the token cannot see.
 *
 * - files (fake-slack/files.ts): `uploadFile` as a person's upload through a file_input,
 *   files.info, and url_private_download served by this server only to a bearer token of the
 *   file's workspace with files:read (anyone else gets Slack's sign-in page, as from Slack);
 *
 * - the admin side of Slack Connect (fake-slack/connect-admin.ts): an invitation's acceptance and
 *   approval (`acceptConnectInvite`, approveSharedInvite / declineSharedInvite), invitations other
 *   organizations send (`receiveConnectInvite`, acceptSharedInvite) and held invite requests
 *   (`requestSharedInvite`, conversations.requestSharedInvite.*).
 *
 * Hot path rules (a benchmark drives it): no logging, no sync I/O, no per-request allocation
 * beyond what parsing needs.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { validateMessageBlocks, validateView } from './fake-slack-blocks.js';
import { FakeUsergroups } from './fake-slack-usergroups.js';
import { FakeFiles, type UploadFileOptions } from './fake-slack/files.js';
import { allowedCalls, DEFAULT_RATE_LIMITS, RATE_LIMITS, SlidingWindows, type RateLimitSetting } from './fake-slack/rate-limits.js';
import { Installation, Installations, type AuthorizeOptions, type FakeInstallation, type FakeOAuthApp, type FakeWorkspace, type TokenIdentity } from './fake-slack/installations.js';
import { ApiError, bool, DAY, decodeCursor, encodeCursor, fail, int, invalidArguments, isObj, randomId, required, str, strList, type Args, type Body } from './fake-slack/api.js';
import { ConnectAdmin, channelNameError, type AcceptConnectInviteOptions, type ConnectInviteState, type ConnectTeam, type ExternalAccess, type ExternalAccessRefusal, type FakeIncomingInvite, type FakeInviteRequest, type ReceiveConnectInviteOptions, type RequestSharedInviteOptions } from './fake-slack/connect-admin.js';
import { allUserScopes, conversationScopes, manifestBotScopes, methodScopes, satisfies, type ConversationType, type TokenKind } from './fake-slack/scopes.js';

export { DEFAULT_RATE_LIMITS, RATE_LIMITS, type RateLimitSetting } from './fake-slack/rate-limits.js';
export { SCOPES, allBotScopes, manifestBotScopes } from './fake-slack/scopes.js';
export type { AuthorizeOptions, FakeInstallation, FakeOAuthApp, FakeWorkspace } from './fake-slack/installations.js';
export type { DownloadRecord, UploadFileOptions } from './fake-slack/files.js';
export { CONNECT_ADMIN_ERRORS, CONNECT_LIFETIME_SECONDS, MAX_REQUEST_MESSAGE, channelNameError } from './fake-slack/connect-admin.js';
export type {
  AcceptConnectInviteOptions, ApprovalStatus, ConnectInviteState, ConnectInviteStatus, ConnectTeam, ExternalAccess, ExternalAccessRefusal, FakeAcceptance, FakeIncomingInvite, FakeInviteRequest, FakeReview,
  InviteRequestState, ReceiveConnectInviteOptions, RequestSharedInviteOptions,
} from './fake-slack/connect-admin.js';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
  email?: string;
  teamId?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
  isBot?: boolean;
  isRestricted?: boolean;
  isUltraRestricted?: boolean;
  deleted?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  isGeneral?: boolean;
  isIm?: boolean;
  isMpim?: boolean;
  isExtShared?: boolean;
  members: string[];
  /** The workspace it belongs to (default: the default workspace). */
  teamId?: string;
  /** Other workspaces it is shared with (Slack Connect, or org-shared): their tokens see it too. */
  sharedTeamIds?: string[];
  /** Who created it (default: WORLD.users.owner); conversations.create sets the caller. */
  creator?: string;
  /** When, in unix seconds (default 1,600,000,000); conversations.create sets now. */
  created?: number;
}

export interface RecordedCall {
  method: string;
  /** parsed arguments (arrays → arrays, booleans → booleans, view/blocks → objects); never the token */
  args: Record<string, unknown>;
  token: string | undefined;
  /** The installation the token acts for: a workspace install's team (the enterprise too on Grid), an org-wide one's enterprise only. */
  teamId?: string;
  enterpriseId?: string;
  contentType: string | undefined;
  /** 0 while a held call is waiting and for dropped calls */
  httpStatus: number;
  response: unknown;
  /** Date.now() when the request arrived */
  at: number;
}

export interface FakeSlackOptions {
  botToken?: string;
  /** App-level token (Socket Mode), default 'xapp-1-A0CONNECT-1-test-app-token'; only apps.connections.open accepts it. */
  appToken?: string;
  userToken?: string;
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  groupsInviteRetired?: boolean;
  /**
   * Keep at most this many recorded calls (the oldest are dropped, in batches). Default: keep all.
   * For long benchmarks, so `calls` does not grow without bound.
   */
  maxRecordedCalls?: number;
  /** The bot token's scopes. Default: the bot scopes manifest.json asks for, read from the file. */
  scopes?: readonly string[];
  /** Slack's rate limits times a multiplier, or 'off'. Default: DEFAULT_RATE_LIMITS. */
  rateLimits?: RateLimitSetting;
  /** See FakeSlack.pendingInviteRule. Default 'per-invitee'. */
  pendingInviteRule?: PendingInviteRule;
  /**
   * Slack's per-user limit on `conversations.inviteShared` with `emails` (answered `ratelimit`,
   * HTTP 200): at most `count` email invitations per calling user within `windowSeconds`
   * (default 3600). Slack publishes neither number; default: no such limit.
   */
  emailInviteLimit?: { count: number; windowSeconds?: number };
  /** The clock the rate limits, OAuth codes and rotating tokens read (ms since the epoch). Default Date.now; tests pass their own. */
  clock?: () => number;
  /** The app's OAuth settings (see FakeSlack.oauthApp); default client '111.222', a random secret, no rotation. */
  oauth?: Partial<FakeOAuthApp>;
  /** The app's ID (views' app_id, oauth.v2.access app_id). Default 'A0APP'. */
  appId?: string;
}

export interface AddWorkspaceOptions {
  teamId: string;
  name?: string;
  domain?: string;
  /** The Enterprise Grid organization it is part of (made on first mention). */
  enterpriseId?: string;
  enterpriseName?: string;
  /** The app's bot user and bot once installed there. Default U…/W… and B… IDs made from teamId. */
  botUserId?: string;
  botId?: string;
}

/**
 * What `connection_limit_exceeded_pending` ("This channel already has a pending invite.") means.
 * Slack's documentation gives only that sentence, and no one here has checked a paid workspace:
 * - 'per-invitee': a second pending invitation for the same channel *and* invitee is refused, and
 *   one to someone else in the same channel is sent (what the app's retry logic assumes);
 * - 'per-channel': any new invitation to a channel that has one pending is refused (what the
 *   sentence says literally).
 * The app must be right under both, so the fake can be told either.
 */
export type PendingInviteRule = 'per-invitee' | 'per-channel';

export interface FakeMessage {
  /** the `channel` argument as sent (a user ID for a DM) */
  channel: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  ts: string;
  /** set when the message is a DM (channel was a user ID or an IM): the recipient */
  dmUser?: string;
  /** set for chat.postEphemeral: the only user who sees it */
  ephemeralUser?: string;
  threadTs?: string;
  /** the user the token acts as */
  postedBy: string;
}

/**
 * An invitation one of the fake's workspaces sent (conversations.inviteShared, or an approved
 * invite request). Its acceptances and approvals are kept apart (fake.connectInviteState), so a
 * test may push a plain one into `connectInvites`.
 */
export interface FakeConnectInvite {
  id: string;
  channel: string;
  email?: string;
  userId?: string;
  externalLimited: boolean;
  /** unix seconds */
  dateCreated: number;
  /** unix seconds, dateCreated + 14 days */
  dateInvalid: number;
  invitingUserId: string;
  url?: string;
}

export interface StoredView {
  id: string;
  hash: string;
  view: any;
}

/** IDs of the default world (seedDefaultWorld), so tests use names, not literals. */
export const WORLD = {
  teamId: 'T0TEAM',
  partnerTeamId: 'T0PARTNER',
  tokens: { bot: 'xoxb-test-bot-token', user: 'xoxp-test-user-token' },
  users: {
    alice: 'U0ALICE',
    bob: 'U0BOB',
    carol: 'U0CAROL',
    admin: 'U0ADMIN',
    owner: 'U0OWNER',
    guest: 'U0GUEST',
    otherBot: 'U0OTHERBOT',
    ext: 'U0EXT',
    bot: 'U0BOT',
  },
  emails: {
    alice: 'alice@example.com',
    bob: 'bob@example.com',
    carol: 'carol@example.com',
    admin: 'admin@example.com',
    owner: 'owner@example.com',
    guest: 'guest@example.com',
    ext: 'partner@partner.example',
  },
  channels: {
    general: 'C0GENERAL',
    public: 'C0PUBLIC',
    noBot: 'C0NOBOT',
    archived: 'C0ARCHIVED',
    private: 'G0PRIVATE',
    privateNoBot: 'G0NOBOT',
    privateNoAlice: 'G0ALICELESS',
    im: 'D0ALICE',
    mpim: 'G0MPIM',
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------------

const MAX_BODY = 1024 * 1024;
const NONE: readonly string[] = [];
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

type ArgType = 'string' | 'array' | 'boolean' | 'int' | 'object' | 'jsonArray';

/** Argument types per method; arguments not listed are kept as sent. */
const ARG_TYPES: Readonly<Record<string, Readonly<Record<string, ArgType>>>> = {
  'auth.test': {},
  'apps.connections.open': {},
  'views.open': { trigger_id: 'string', interactivity_pointer: 'string', view: 'object' },
  'views.push': { trigger_id: 'string', interactivity_pointer: 'string', view: 'object' },
  'views.update': { view_id: 'string', external_id: 'string', view: 'object', hash: 'string' },
  'views.publish': { user_id: 'string', view: 'object', hash: 'string' },
  'chat.postMessage': {
    channel: 'string', text: 'string', blocks: 'jsonArray', attachments: 'jsonArray', thread_ts: 'string',
    mrkdwn: 'boolean', unfurl_links: 'boolean', unfurl_media: 'boolean', reply_broadcast: 'boolean', metadata: 'object',
  },
  'chat.postEphemeral': { channel: 'string', user: 'string', text: 'string', blocks: 'jsonArray', attachments: 'jsonArray', thread_ts: 'string' },
  'chat.update': { channel: 'string', ts: 'string', text: 'string', blocks: 'jsonArray', attachments: 'jsonArray' },
  'users.list': { cursor: 'string', limit: 'int', include_locale: 'boolean', team_id: 'string' },
  'users.info': { user: 'string', include_locale: 'boolean' },
  'users.lookupByEmail': { email: 'string' },
  'conversations.info': { channel: 'string', include_locale: 'boolean', include_num_members: 'boolean' },
  'conversations.members': { channel: 'string', cursor: 'string', limit: 'int' },
  'users.conversations': { user: 'string', types: 'string', cursor: 'string', limit: 'int', exclude_archived: 'boolean', team_id: 'string' },
  'conversations.inviteShared': { channel: 'string', emails: 'array', user_ids: 'array', external_limited: 'boolean' },
  'conversations.create': { name: 'string', is_private: 'boolean', team_id: 'string' },
  'conversations.list': { types: 'string', exclude_archived: 'boolean', cursor: 'string', limit: 'int', team_id: 'string' },
  'conversations.listConnectInvites': { count: 'int', cursor: 'string', team_id: 'string' },
  // Slack Connect administration: fake-slack/connect-admin.ts
  'conversations.approveSharedInvite': { invite_id: 'string', target_team: 'string' },
  'conversations.externalInvitePermissions.set': { channel: 'string', target_team: 'string', action: 'string' },
  'conversations.declineSharedInvite': { invite_id: 'string', target_team: 'string' },
  'conversations.acceptSharedInvite': { channel_name: 'string', invite_id: 'string', channel_id: 'string', is_private: 'boolean', free_trial_accepted: 'boolean', team_id: 'string' },
  'conversations.requestSharedInvite.approve': { invite_id: 'string', channel_id: 'string', is_external_limited: 'boolean', message: 'object' },
  'conversations.requestSharedInvite.deny': { invite_id: 'string', message: 'string' },
  'conversations.requestSharedInvite.list': {
    user_id: 'string', include_approved: 'boolean', include_denied: 'boolean', include_expired: 'boolean', invite_ids: 'array', limit: 'int', cursor: 'string',
  },
  'conversations.invite': { channel: 'string', users: 'array', force: 'boolean' },
  'groups.invite': { channel: 'string', user: 'string' },
  // User groups: fake-slack-usergroups.ts
  'usergroups.list': { include_count: 'boolean', include_disabled: 'boolean', include_users: 'boolean', team_id: 'string' },
  'usergroups.users.list': { usergroup: 'string', include_disabled: 'boolean', team_id: 'string' },
  // Files: fake-slack/files.ts
  'files.info': { file: 'string', count: 'int', cursor: 'string', limit: 'int', page: 'int' },
};

/** Error code used when a JSON-typed argument cannot be parsed (default invalid_arguments). */
const PARSE_ERROR_CODE: Readonly<Record<string, string>> = { blocks: 'invalid_blocks_format', attachments: 'invalid_attachments' };

/**
 * Methods Slack documents as GET (REF connect-admin-and-oauth.md 1.2, 6): they answer GET with
 * their arguments in the query string, and POST as well, which is what Slack's own clients send.
 * Every other method answers only POST.
 */
const GET_METHODS: ReadonlySet<string> = new Set(['conversations.declineSharedInvite', 'conversations.externalInvitePermissions.set']);

/** How long Slack honours a trigger_id after the interaction that issued it. */
const TRIGGER_LIFETIME_MS = 3000;

interface Caller {
  token: string;
  userId: string;
  isBot: boolean;
  kind: TokenKind;
  scopes: ReadonlySet<string>;
  /** The installation it acts for (the app-level token: the default one). */
  inst: Installation;
}


interface Hold {
  arrive(call: RecordedCall): void;
  reject(err: Error): void;
  release(): void;
  released: Promise<void>;
}

type Fault =
  | { kind: 'fail'; times: number; error: string; extra: Body | undefined }
  | { kind: 'ratelimit'; times: number; retryAfter: number }
  | { kind: 'server'; times: number; status: number }
  | { kind: 'delay'; times: number; ms: number }
  | { kind: 'drop'; times: number }
  | { kind: 'hold'; times: number; hold: Hold }
  | { kind: 'holdAnswer'; times: number; hold: Hold }
  | { kind: 'loseAnswer'; times: number };

interface Waiter {
  method: string;
  predicate: (c: RecordedCall) => boolean;
  resolve(c: RecordedCall): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * `count` member IDs for a big channel (`U0M0000001`, …): Slack's conversations.members answers
 * IDs only, so members of a 10,000-person channel need not be users of the fake's world.
 */
export function manyMemberIds(count: number, prefix = 'U0M'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(7, '0')}`);
}

// Deliberately simple, like Slack's own check: something@something.tld, no spaces.
const EMAIL_RE = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]{2,}$/;

/** Parses application/x-www-form-urlencoded strictly: every non-empty pair needs `=`, escapes must be valid. */
function parseForm(body: string, into: Args): boolean {
  if (body.length === 0) return true;
  for (const pair of body.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) return false;
    try {
      const key = decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' '));
      into[key] = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      return false;
    }
  }
  return true;
}

/** Coerces raw arguments to their documented types; keeps the raw value when it cannot. */
function coerceArgs(method: string, raw: Args): { args: Args; error?: ApiError } {
  const types = ARG_TYPES[method];
  const args: Args = {};
  let error: ApiError | undefined;
  const bad = (e: ApiError) => {
    error ??= e;
  };
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (key.includes('[')) {
      args[key] = value;
      bad(new ApiError('invalid_array_arg'));
      continue;
    }
    const type = types?.[key];
    if (type === undefined) {
      args[key] = value;
      continue;
    }
    const res = coerce(type, value);
    if (res.ok) args[key] = res.value;
    else {
      args[key] = value;
      bad(new ApiError(PARSE_ERROR_CODE[key] ?? 'invalid_arguments', { response_metadata: { messages: [`[ERROR] ${res.message} [json-pointer:/${key}]`] } }));
    }
  }
  return error ? { args, error } : { args };
}

type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

function coerce(type: ArgType, value: unknown): Coerced {
  switch (type) {
    case 'string':
      if (typeof value === 'string') return { ok: true, value };
      if (typeof value === 'number') return { ok: true, value: String(value) };
      return { ok: false, message: 'must be a string' };
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === '1' || value === 1) return { ok: true, value: true };
      if (value === 'false' || value === '0' || value === 0) return { ok: true, value: false };
      return { ok: false, message: 'must be a boolean (true, false, 1 or 0)' };
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value)) return { ok: true, value };
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return { ok: true, value: Number(value) };
      return { ok: false, message: 'must be an integer' };
    case 'array': {
      let arr: unknown = value;
      if (typeof value === 'string') {
        const s = value.trim();
        if (s.startsWith('[')) {
          try {
            arr = JSON.parse(s);
          } catch {
            return { ok: false, message: 'must be a JSON array or a comma-separated list' };
          }
        } else {
          arr = s === '' ? [] : s.split(',').map((x) => x.trim()).filter((x) => x !== '');
        }
      }
      if (!Array.isArray(arr)) return { ok: false, message: 'must be an array' };
      const out: string[] = [];
      for (const x of arr) {
        if (typeof x === 'string') {
          if (x.trim() !== '') out.push(x.trim());
        } else if (typeof x === 'number') out.push(String(x));
        else return { ok: false, message: 'must be an array of strings' };
      }
      return { ok: true, value: out };
    }
    case 'object':
    case 'jsonArray': {
      let v: unknown = value;
      if (typeof value === 'string') {
        try {
          v = JSON.parse(value);
        } catch {
          return { ok: false, message: 'must be valid JSON' };
        }
      }
      if (type === 'object' ? !isObj(v) : !Array.isArray(v)) {
        return { ok: false, message: type === 'object' ? 'must be a JSON object' : 'must be a JSON array' };
      }
      return { ok: true, value: v };
    }
  }
}

function summarize(c: RecordedCall): string {
  if (c.httpStatus === 0) return `${c.method} → (no answer)`;
  if (c.httpStatus !== 200) return `${c.method} → HTTP ${c.httpStatus}`;
  const r = c.response as { ok?: unknown; error?: unknown } | undefined;
  return r?.ok ? `${c.method} → ok` : `${c.method} → ${String(r?.error)}`;
}

/**
 * A view as Slack stores and answers it (views.* docs examples): text objects get their defaults
 * (plain_text `emoji: true`, mrkdwn `verbatim: false`), input blocks `optional: false` and
 * `dispatch_action: false`, and a block without a block_id gets one Slack makes up, so an app
 * cannot rely on block IDs it did not set.
 */
function asSlackEchoes(view: Record<string, unknown>): Record<string, unknown> {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (!isObj(x)) return x;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = walk(v);
    if (out.type === 'plain_text' && typeof out.text === 'string' && out.emoji === undefined) out.emoji = true;
    if (out.type === 'mrkdwn' && typeof out.text === 'string' && out.verbatim === undefined) out.verbatim = false;
    return out;
  };
  const echoed = walk(view) as Record<string, unknown>;
  if (Array.isArray(echoed.blocks)) {
    echoed.blocks = echoed.blocks.map((b) => {
      if (!isObj(b)) return b;
      const block: Record<string, unknown> = { ...b };
      if (typeof block.block_id !== 'string' || block.block_id === '') block.block_id = randomId('', 5);
      if (block.type === 'input') {
        block.optional ??= false;
        block.dispatch_action ??= false;
      }
      return block;
    });
  }
  return echoed;
}

// ---------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------

type Handler = (args: Args, caller: Caller) => Body;

export class FakeSlack {
  readonly url: string;
  readonly botToken: string;
  readonly userToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  /** the user the user token acts as */
  readonly userTokenUserId = WORLD.users.admin;

  readonly appId: string;

  readonly calls: RecordedCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly connectInvites: FakeConnectInvite[] = [];
  /** Slack Connect's admin side: lifecycles, incoming invitations, invite requests. */
  private readonly connect: ConnectAdmin;
  /** The workspaces' user groups (world, like users: kept by reset()); a group without teamId is the default workspace's. */
  readonly usergroups = new FakeUsergroups(() => this.teamId);
  /** Files people uploaded (uploadFile), files.info and the downloads of url_private_download. */
  readonly files: FakeFiles;

  /**
   * Which reading of `connection_limit_exceeded_pending` the fake applies (see PendingInviteRule);
   * change it at any time.
   */
  pendingInviteRule: PendingInviteRule;
  /** Email invitations `conversations.inviteShared` accepts per calling user per window; see FakeSlackOptions. */
  emailInviteLimit: { count: number; windowSeconds?: number } | undefined;
  /**
   * Which Slack Connect invitation types the workspace's "Manage permissions for inviting people to
   * channels" lets the app send: a type it may not answers `restricted_action` (inviteShared docs).
   */
  readonly connectInvitePermissions = { limited: true, full: true };

  private groupsInviteRetired: boolean;
  /** The default workspace's installation: the default bot token's (and the user token's). */
  private readonly defaultInst: Installation;
  private readonly installs: Installations;
  /** Bot users of the installations other than the default one (userObject's bot fields). */
  private readonly botUsers = new Map<string, Installation>();
  private readonly userScopeSet = new Set(allUserScopes());
  private readonly appScopeSet = new Set(['connections:write']);
  private rateLimitSetting: RateLimitSetting;
  private readonly windows = new SlidingWindows();
  private readonly scopeHeaderCache = new Map<string, Readonly<Record<string, string>>>();
  private readonly emailInvitesSent = new Map<string, number[]>();
  private readonly clock: () => number;
  private readonly users = new Map<string, FakeUser>();
  private readonly channels = new Map<string, FakeChannel>();
  private readonly views = new Map<string, StoredView>();
  private readonly homeViews = new Map<string, string>();
  private readonly externalIds = new Map<string, string>();
  private readonly tokens = new Map<string, TokenIdentity>();
  private readonly revoked = new Set<string>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly delays = new Map<string, number>();
  private readonly holds = new Set<Hold>();
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private readonly waiters = new Set<Waiter>();
  private readonly sockets = new Set<Socket>();
  private readonly handlers: Readonly<Record<string, Handler>>;
  private hashCounter = 0;
  private lastTs = 0;
  private stopped = false;
  private readonly maxRecordedCalls: number;

  private constructor(
    private readonly server: Server,
    port: number,
    options: FakeSlackOptions,
  ) {
    this.url = `http://127.0.0.1:${port}/api/`;
    this.files = new FakeFiles(`http://127.0.0.1:${port}`, () => this.teamId, (t) => this.installs.workspaces.get(t)?.domain ?? this.teamDomain);
    this.botToken = options.botToken ?? WORLD.tokens.bot;
    this.userToken = options.userToken ?? WORLD.tokens.user;
    this.teamId = options.teamId ?? WORLD.teamId;
    this.teamName = options.teamName ?? 'Test Team';
    this.teamDomain = options.teamDomain ?? 'testteam';
    this.botUserId = options.botUserId ?? WORLD.users.bot;
    this.botId = options.botId ?? 'B0BOT';
    this.groupsInviteRetired = options.groupsInviteRetired ?? true;
    this.maxRecordedCalls = options.maxRecordedCalls ?? Number.POSITIVE_INFINITY;
    this.appId = options.appId ?? 'A0APP';
    this.rateLimitSetting = options.rateLimits ?? DEFAULT_RATE_LIMITS;
    this.pendingInviteRule = options.pendingInviteRule ?? 'per-invitee';
    this.emailInviteLimit = options.emailInviteLimit;
    this.clock = options.clock ?? Date.now;
    this.defaultInst = new Installation(this.teamId, undefined, false, this.botUserId, this.botId, this.appId, options.scopes ?? manifestBotScopes());
    const oauth: FakeOAuthApp = { clientId: '111.222', clientSecret: randomBytes(16).toString('hex'), redirectUris: ['https://connect-invites.example.com/slack/oauth_redirect'], rotation: false, ...options.oauth };
    this.installs = new Installations(this.tokens, this.clock, oauth, this.appId, () => [...this.defaultInst.scopes], (inst, ws) => this.installed(inst, ws));
    this.installs.addWorkspace({ teamId: this.teamId, name: this.teamName, domain: this.teamDomain, botUserId: this.botUserId, botId: this.botId });
    this.installs.add(this.defaultInst);
    this.tokens.set(this.botToken, { userId: this.botUserId, isBot: true, kind: 'bot', inst: this.defaultInst });
    this.tokens.set(this.userToken, { userId: this.userTokenUserId, isBot: false, kind: 'user', inst: this.defaultInst });
    this.appToken = options.appToken ?? 'xapp-1-A0CONNECT-1-test-app-token';
    this.tokens.set(this.appToken, { userId: '', isBot: false, kind: 'app' });
    this.connect = new ConnectAdmin({
      outgoing: this.connectInvites,
      defaultTeamId: this.teamId,
      channel: (id) => this.channels.get(id),
      addChannel: (ch) => this.addChannel(ch),
      channelTeam: (ch) => ch.teamId ?? this.teamId,
      channelInTeam: (ch, t) => this.channelInTeam(ch, t),
      someChannel: (p) => [...this.channels.values()].some(p),
      user: (id) => this.users.get(id),
      userByEmail: (email) => [...this.users.values()].find((u) => u.email?.toLowerCase() === email.toLowerCase()),
      teamObject: (id, given) => this.teamObject(id, given),
      connectUser: (id, teamId) => this.connectUser(id, teamId),
      teamRef: (id) => {
        const ws = this.installs.workspaces.get(id);
        return ws ? { id, name: ws.name, domain: ws.domain } : { id };
      },
      sees: (inst, t) => this.installs.sees(inst, t),
      sameOrg: (a, b) => {
        const org = (t: string) => this.installs.workspaces.get(t)?.enterpriseId ?? t;
        return a === b || org(a) === org(b);
      },
      botUserOf: (t) => this.installs.workspaces.get(t)?.botUserId ?? this.botUserId,
    });
    this.handlers = {
      'auth.test': (_a, c) => this.authTest(c),
      'apps.connections.open': (_a, c) => this.appsConnectionsOpen(c),
      'views.open': (a, c) => this.viewsOpen(a, false, c),
      'views.push': (a, c) => this.viewsOpen(a, true, c),
      'views.update': (a, c) => this.viewsUpdate(a, c),
      'views.publish': (a, c) => this.viewsPublish(a, c),
      'chat.postMessage': (a, c) => this.chatPostMessage(a, c),
      'chat.postEphemeral': (a, c) => this.chatPostEphemeral(a, c),
      'chat.update': (a, c) => this.chatUpdate(a, c),
      'users.list': (a, c) => this.usersList(a, c),
      'users.info': (a, c) => this.usersInfo(a, c),
      'users.lookupByEmail': (a, c) => this.usersLookupByEmail(a, c),
      'conversations.info': (a, c) => this.conversationsInfo(a, c),
      'conversations.members': (a, c) => this.conversationsMembers(a, c),
      'users.conversations': (a, c) => this.usersConversations(a, c),
      'conversations.inviteShared': (a, c) => this.inviteShared(a, c),
      'conversations.create': (a, c) => this.conversationsCreate(a, c),
      'conversations.list': (a, c) => this.conversationsList(a, c),
      'conversations.listConnectInvites': (a, c) => this.connect.list(a, this.teamOf(a, c)),
      'conversations.approveSharedInvite': (a, c) => this.connect.approveOrDecline(a, c, 'approval'),
      'conversations.declineSharedInvite': (a, c) => this.connect.approveOrDecline(a, c, 'decline'),
      'conversations.acceptSharedInvite': (a, c) => this.connect.acceptShared(a, c, this.teamOf(a, c)),
      'conversations.requestSharedInvite.approve': (a, c) => this.connect.approveRequest(a, c),
      'conversations.requestSharedInvite.deny': (a, c) => this.connect.denyRequest(a, c),
      'conversations.requestSharedInvite.list': (a, c) => this.connect.listRequests(a, c),
      'conversations.externalInvitePermissions.set': (a, c) => this.connect.setExternalAccess(a, c),
      'conversations.invite': (a, c) => this.conversationsInvite(a, c),
      'groups.invite': (a, c) => this.groupsInvite(a, c),
      'usergroups.list': (a, c) => this.usergroups.list(a, this.teamOf(a, c)),
      'usergroups.users.list': (a, c) => this.usergroups.usersList(a, this.teamOf(a, c)),
      'files.info': (a, c) => this.files.info(a, (teamId) => this.installs.sees(c.inst, teamId)),
      // answered in process(): it takes no token
      'oauth.v2.access': () => ({}),
    };
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const server = createServer({ keepAliveTimeout: 10_000 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const fake = new FakeSlack(server, (server.address() as AddressInfo).port, options);
    server.on('connection', (socket: Socket) => {
      fake.sockets.add(socket);
      socket.once('close', () => fake.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => fake.onRequest(req, res));
    return fake;
  }

  // ------------------------------------------------------------------------------ world

  /**
   * A file as a person uploads it through a form's file_input: Slack's file object (id F…,
   * url_private_download on the fake's own server). Kept until reset().
   */
  uploadFile(o: UploadFileOptions): Record<string, unknown> {
    return this.files.upload(o);
  }

  /** `teamId` (default: the default workspace) may be any workspace, or a team the fake does not model (the other side of Slack Connect). */
  addUser(user: FakeUser): FakeUser {
    const stored: FakeUser = { ...user, teamId: user.teamId ?? this.teamId };
    this.users.set(stored.id, stored);
    return stored;
  }

  /** Stores a copy; mutate the returned object (e.g. `members`) to change the world. No `teamId`: the default workspace's. */
  addChannel(channel: FakeChannel): FakeChannel {
    const stored: FakeChannel = { ...channel, members: [...channel.members] };
    this.channels.set(stored.id, stored);
    return stored;
  }

  user(id: string): FakeUser | undefined {
    return this.users.get(id);
  }

  channel(id: string): FakeChannel | undefined {
    return this.channels.get(id);
  }

  /** The channels of that name (of any workspace): a test counts how many a retried submission created. */
  channelsNamed(name: string): FakeChannel[] {
    return [...this.channels.values()].filter((c) => c.name === name);
  }

  /**
   * The default world (WORLD's people and channels), in the default workspace or in `teamId`'s
   * (with that workspace's bot user). Its IDs are fixed: one default world per fake.
   */
  seedDefaultWorld(teamId: string | { teamId?: string } = this.teamId): void {
    const team = typeof teamId === 'string' ? teamId : (teamId.teamId ?? this.teamId);
    const ws = this.installs.workspaces.get(team);
    if (!ws) throw new Error(`seedDefaultWorld: no workspace ${team} (fake.addWorkspace first)`);
    // Only another workspace's objects carry teamId: the default world stays as it always was.
    const t = team === this.teamId ? {} : { teamId: team };
    const u = WORLD.users;
    const e = WORLD.emails;
    const bot = ws.botUserId;
    this.addUser({ id: u.alice, name: 'alice', realName: 'Alice Anderson', email: e.alice, ...t });
    this.addUser({ id: u.bob, name: 'bob', realName: 'Bob Brown', email: e.bob, ...t });
    this.addUser({ id: u.carol, name: 'carol', realName: 'Carol Clark', email: e.carol, ...t });
    this.addUser({ id: u.admin, name: 'admin', realName: 'Ada Admin', email: e.admin, isAdmin: true, ...t });
    this.addUser({ id: u.owner, name: 'owner', realName: 'Olive Owner', email: e.owner, isOwner: true, isPrimaryOwner: true, isAdmin: true, ...t });
    this.addUser({ id: u.guest, name: 'guest', realName: 'Gus Guest', email: e.guest, isRestricted: true, isUltraRestricted: true, ...t });
    this.addUser({ id: u.otherBot, name: 'otherbot', realName: 'Other Bot', isBot: true, ...t });
    this.addUser({ id: u.ext, name: 'partner', realName: 'Pat Partner', email: e.ext, teamId: WORLD.partnerTeamId });
    this.addUser({ id: bot, name: 'connect-invites', realName: 'Connect Invites', isBot: true, ...t });
    const c = WORLD.channels;
    const everyone = [u.alice, u.bob, u.carol, u.admin, u.owner, u.otherBot, bot];
    this.addChannel({ id: c.general, name: 'general', isGeneral: true, members: everyone, ...t });
    this.addChannel({ id: c.public, name: 'project-x', members: [u.alice, u.bob, bot], ...t });
    this.addChannel({ id: c.noBot, name: 'no-bot', members: [u.alice], ...t });
    this.addChannel({ id: c.archived, name: 'old-stuff', isArchived: true, members: [u.alice, bot], ...t });
    this.addChannel({ id: c.private, name: 'secret-plans', isPrivate: true, members: [u.alice, bot], ...t });
    this.addChannel({ id: c.privateNoBot, name: 'private-nobot', isPrivate: true, members: [u.alice], ...t });
    this.addChannel({ id: c.privateNoAlice, name: 'private-no-alice', isPrivate: true, members: [u.bob, bot], ...t });
    this.addChannel({ id: c.im, name: 'alice', isIm: true, isPrivate: true, members: [u.alice, bot], ...t });
    this.addChannel({ id: c.mpim, name: 'mpdm-alice--bob--connect-invites-1', isMpim: true, isPrivate: true, members: [u.alice, u.bob, bot], ...t });
  }

  // ------------------------------------------------------------------------------ workspaces, installations, OAuth

  /**
   * A workspace beside the default one (WORLD.teamId), optionally in an Enterprise Grid
   * organization. The app is not installed there until a test installs it (authorize, then
   * oauth.v2.access; or addInstallation).
   */
  addWorkspace(o: AddWorkspaceOptions): FakeWorkspace {
    if (this.installs.workspaces.has(o.teamId)) throw new Error(`addWorkspace: ${o.teamId} exists`);
    const name = o.name ?? `Workspace ${o.teamId}`;
    const ws: FakeWorkspace = {
      teamId: o.teamId,
      name,
      domain: o.domain ?? name.toLowerCase().replace(/[^a-z0-9]+/g, ''),
      // Users of an organization have W… IDs.
      botUserId: o.botUserId ?? `${o.enterpriseId !== undefined ? 'W' : 'U'}BOT${o.teamId.slice(1)}`,
      botId: o.botId ?? `B${o.teamId.slice(1)}`,
    };
    if (o.enterpriseId !== undefined) ws.enterpriseId = o.enterpriseId;
    if (o.enterpriseName !== undefined) ws.enterpriseName = o.enterpriseName;
    return { ...this.installs.addWorkspace(ws) };
  }

  /**
   * Installs the app without the OAuth dance: a non-rotating bot token for a workspace
   * (`teamId`) or org-wide (`isEnterpriseInstall` with `enterpriseId`). Returns the token.
   */
  addInstallation(o: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean; scopes?: readonly string[]; token?: string }): string {
    const target = this.installs.target(o);
    const key = (target.isEnterpriseInstall ? target.enterpriseId : target.teamId) as string;
    if (this.installation(key)) throw new Error(`addInstallation: the app is installed in ${key} already`);
    const inst = this.installs.create(target, o.scopes ?? manifestBotScopes());
    const token = o.token ?? `xoxb-test-${key.toLowerCase()}-${randomBytes(6).toString('hex')}`;
    this.tokens.set(token, { userId: inst.botUserId, isBot: true, kind: 'bot', inst });
    inst.tokens.push(token);
    return token;
  }

  /** The installation for a workspace's team ID (workspace install) or an enterprise ID (org-wide), as it stands. */
  installation(teamOrEnterpriseId: string): FakeInstallation | undefined {
    const inst = this.installs.get(teamOrEnterpriseId);
    return inst && !inst.uninstalled ? inst.snapshot() : undefined;
  }

  /** The app's OAuth settings (client ID and secret, Redirect URLs, rotation); change them at any time. */
  get oauthApp(): FakeOAuthApp {
    return this.installs.app;
  }

  set oauthApp(app: FakeOAuthApp) {
    this.installs.app = app;
  }

  /**
   * The person clicks "Allow" on slack.com/oauth/v2/authorize: the app's redirect URL with `code`
   * (single use, valid 10 minutes on the fake's clock) and `state`; with `deny`, with
   * error=access_denied instead. A redirect URI that is not one of oauthApp.redirectUris throws
   * (Slack shows its own error page and redirects nowhere).
   */
  authorize(o: AuthorizeOptions & { deny: true }): { code: undefined; redirectUrl: string };
  authorize(o: AuthorizeOptions): { code: string; redirectUrl: string };
  authorize(o: AuthorizeOptions): { code: string | undefined; redirectUrl: string } {
    return this.installs.authorize(o);
  }

  /** Successful `oauth.v2.access` refreshes (grant_type refresh_token) of an installation. */
  refreshCount(teamOrEnterpriseId: string): number {
    return this.installs.refreshCount(teamOrEnterpriseId);
  }

  /**
   * The app is removed from a workspace (or org): every token of that installation answers
   * `token_revoked` from now on. Slack's app_uninstalled and tokens_revoked events are the test's
   * to send (slack-payloads-oauth.ts).
   */
  uninstall(teamOrEnterpriseId: string): void {
    this.installs.uninstall(teamOrEnterpriseId);
  }

  /** An installation was made: its bot user joins its workspace (or organization). */
  private installed(inst: Installation, ws: FakeWorkspace | undefined): void {
    if (inst !== this.defaultInst) this.botUsers.set(inst.botUserId, inst);
    if (!this.users.has(inst.botUserId)) this.addUser({ id: inst.botUserId, name: 'connect-invites', realName: 'Connect Invites', isBot: true, teamId: ws?.teamId ?? inst.key });
  }

  // ------------------------------------------------------------------------------ Slack Connect administration

  /**
   * Someone accepts an invitation in Slack's UI (the other side, for one the fake's workspace
   * sent; or a person of the receiving workspace). With approvalRequired (default true) it waits
   * for `approvers`' approval (default: the workspace holding the invitation, i.e. the app's
   * side); without, it is approved at once. No checks beyond the invitation existing.
   */
  acceptConnectInvite(inviteId: string, o: AcceptConnectInviteOptions): ConnectInviteState {
    return this.connect.accept(inviteId, o);
  }

  /** The other party approves or declines in Slack's UI (no API checks): the latest acceptance, or `acceptingTeamId`'s. */
  reviewConnectInvite(inviteId: string, o: { teamId: string; decision: 'approve' | 'decline'; acceptingTeamId?: string }): ConnectInviteState {
    return this.connect.review(inviteId, o);
  }

  /** Where an invitation (either direction) stands, with copies of its acceptances; undefined for an unknown ID. */
  connectInviteState(inviteId: string): ConnectInviteState | undefined {
    return this.connect.state(inviteId);
  }

  /**
   * Another organization invites the app's bot user (by user ID) into its channel: an incoming
   * invitation of workspace `teamId` (default the default one), listed and acceptable from then
   * on (shared_channel_invite_received is the test's to send: slack-payloads-approvals.ts).
   */
  receiveConnectInvite(o: ReceiveConnectInviteOptions): FakeIncomingInvite {
    return this.connect.receive(o);
  }

  /** Invitations other organizations sent to the fake's workspaces (mutate one, e.g. dateInvalid, to change the world). */
  get incomingConnectInvites(): FakeIncomingInvite[] {
    return this.connect.incoming;
  }

  /**
   * A member asks to invite someone from outside, and the org holds it for approval (as Slack does
   * with "Apply automation rules before channel invitations are sent"; the
   * shared_channel_invite_requested event is the test's to send). Returns the stored request.
   */
  requestSharedInvite(o: RequestSharedInviteOptions): FakeInviteRequest {
    return this.connect.request(o);
  }

  /** The stored request (mutate it, e.g. expiresAt, to change the world): its state, reviewer and messages. */
  inviteRequest(inviteId: string): FakeInviteRequest | undefined {
    return this.connect.inviteRequest(inviteId);
  }

  /** An external team's access to a shared channel ('limited' | 'full'), as Slack would apply it; undefined: the team is not in the channel. */
  externalAccess(channelId: string, teamId: string): ExternalAccess | undefined {
    return this.connect.externalAccess(channelId, teamId);
  }

  /** Workspace `teamId` (the channel's) answers every access change with `code` (Slack: Enterprise Grid only, or a preference); undefined: it no longer does. */
  refuseExternalAccessChanges(teamId: string, code: ExternalAccessRefusal | undefined): void {
    this.connect.refuseExternalAccessChanges(teamId, code);
  }

  /** Slack Connect payloads' team object (inviting_team, accepting_team, teams_in_channel), for payload builders. */
  connectTeamObject(teamId: string, given?: ConnectTeam): Record<string, unknown> {
    return this.teamObject(teamId, given);
  }

  /** Slack Connect payloads' user object (inviting_user, accepting_user, an event's actor), for payload builders. */
  connectUserObject(userId: string, teamId: string): Record<string, unknown> {
    return this.connectUser(userId, teamId);
  }

  /** Slack's conversations.listConnectInvites item for an invitation, as the fake holds it now (for payload builders). */
  connectInviteItem(inviteId: string): Record<string, unknown> | undefined {
    return this.connect.item(inviteId);
  }

  view(viewId: string): StoredView | undefined {
    return this.views.get(viewId);
  }

  homeView(userId: string): any | undefined {
    const id = this.homeViews.get(userId);
    return id === undefined ? undefined : this.views.get(id)?.view;
  }

  setGroupsInviteRetired(v: boolean): void {
    this.groupsInviteRetired = v;
  }

  /** The methods the fake answers (anything else is `unknown_method`). */
  get methods(): string[] {
    return Object.keys(this.handlers);
  }

  /** The default bot token's scopes (a copy). */
  get botScopes(): string[] {
    return [...this.defaultInst.scopes];
  }

  /** Replaces the default bot token's scopes, as reinstalling the app with another manifest would. */
  setBotScopes(scopes: readonly string[]): void {
    this.defaultInst.setScopes(scopes);
  }

  get rateLimits(): RateLimitSetting {
    return this.rateLimitSetting;
  }

  /** Changes the rate limits from the next call on; the windows so far are kept. */
  setRateLimits(setting: RateLimitSetting): void {
    this.rateLimitSetting = setting;
  }

  revokeToken(token: string): void {
    this.revoked.add(token);
  }

  // ------------------------------------------------------------------------------ calls

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * The calls made for one installation (a workspace install's team ID, an org-wide one's
   * enterprise ID): with its tokens, and its oauth.v2.access exchanges and refreshes.
   */
  callsFor(teamOrEnterpriseId: string, method?: string): RecordedCall[] {
    return this.calls.filter((c) => (c.teamId ?? c.enterpriseId) === teamOrEnterpriseId && (method === undefined || c.method === method));
  }

  waitForCall(method: string, predicate: (c: RecordedCall) => boolean = () => true, timeoutMs = 5000): Promise<RecordedCall> {
    const safe = (c: RecordedCall) => {
      try {
        return predicate(c);
      } catch {
        return false;
      }
    };
    const existing = this.calls.find((c) => c.method === method && safe(c));
    if (existing) return Promise.resolve(existing);
    return new Promise<RecordedCall>((resolve, reject) => {
      const waiter: Waiter = {
        method,
        predicate: safe,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(this.describeTimeout(method, timeoutMs)));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  private describeTimeout(method: string, timeoutMs: number): string {
    const same = this.calls.filter((c) => c.method === method).length;
    const shown = this.calls.slice(-40).map(summarize);
    const omitted = this.calls.length - shown.length;
    return (
      `FakeSlack.waitForCall('${method}') timed out after ${timeoutMs} ms: ` +
      (same > 0 ? `${same} call(s) to ${method} did not match the predicate. ` : `no call to ${method}. `) +
      `Calls seen (${this.calls.length}): ` +
      (this.calls.length === 0 ? '(none)' : (omitted > 0 ? `… ${omitted} earlier, ` : '') + shown.join(', '))
    );
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    if (this.calls.length > this.maxRecordedCalls + Math.max(100, this.maxRecordedCalls >> 2)) {
      this.calls.splice(0, this.calls.length - this.maxRecordedCalls);
    }
    if (this.waiters.size === 0) return;
    for (const w of this.waiters) {
      if (w.method === call.method && w.predicate(call)) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(call);
      }
    }
  }

  // ------------------------------------------------------------------------------ faults

  private pushFault(method: string, fault: Fault): void {
    let q = this.faults.get(method);
    if (!q) this.faults.set(method, (q = []));
    q.push(fault);
  }

  private takeFault(method: string): Fault | undefined {
    const q = this.faults.get(method);
    const head = q?.[0];
    if (!q || !head) return undefined;
    head.times -= 1;
    if (head.times <= 0) q.shift();
    return head;
  }

  failNext(method: string, error: string, opts: { times?: number; extra?: Record<string, unknown> } = {}): void {
    this.pushFault(method, { kind: 'fail', times: opts.times ?? 1, error, extra: opts.extra });
  }

  rateLimitNext(method: string, retryAfterSeconds: number, opts: { times?: number } = {}): void {
    this.pushFault(method, { kind: 'ratelimit', times: opts.times ?? 1, retryAfter: retryAfterSeconds });
  }

  serverErrorNext(method: string, status = 500, opts: { times?: number } = {}): void {
    this.pushFault(method, { kind: 'server', times: opts.times ?? 1, status });
  }

  delayNext(method: string, ms: number, opts: { times?: number } = {}): void {
    this.pushFault(method, { kind: 'delay', times: opts.times ?? 1, ms });
  }

  setDelay(method: string, ms: number): void {
    if (ms > 0) this.delays.set(method, ms);
    else this.delays.delete(method);
  }

  dropNext(method: string, opts: { times?: number } = {}): void {
    this.pushFault(method, { kind: 'drop', times: opts.times ?? 1 });
  }

  /**
   * The next call to `method` waits until `release()`. `arrived` resolves with its RecordedCall
   * as soon as it comes in (httpStatus 0 then; the same object is completed and added to
   * `calls` once answered). release() before arrival lets it through without waiting.
   */
  holdNext(method: string): { arrived: Promise<RecordedCall>; release(): void } {
    return this.addHold(method, 'hold');
  }

  /**
   * The next call to `method` is carried out at once (Slack acts), but its answer waits until
   * `release()`: a caller still waiting while Slack has already done the work. `arrived`
   * resolves once Slack has acted.
   */
  holdAnswerNext(method: string): { arrived: Promise<RecordedCall>; release(): void } {
    return this.addHold(method, 'holdAnswer');
  }

  /**
   * The next call to `method` is carried out (Slack acts) and never answered: the connection stays
   * open until the caller gives up (its timeout) or the fake stops. The answer lost between
   * Slack and the app: it is recorded (httpStatus 0, with the response Slack would have sent).
   */
  loseAnswerNext(method: string, opts: { times?: number } = {}): void {
    this.pushFault(method, { kind: 'loseAnswer', times: opts.times ?? 1 });
  }

  private addHold(method: string, kind: 'hold' | 'holdAnswer'): { arrived: Promise<RecordedCall>; release(): void } {
    let arrive!: (c: RecordedCall) => void;
    let reject!: (e: Error) => void;
    const arrived = new Promise<RecordedCall>((res, rej) => {
      arrive = res;
      reject = rej;
    });
    arrived.catch(() => undefined); // a hold nobody awaits must not become an unhandled rejection
    let release!: () => void;
    const released = new Promise<void>((res) => {
      release = res;
    });
    const hold: Hold = { arrive, reject, release, released };
    this.holds.add(hold);
    void released.then(() => this.holds.delete(hold));
    this.pushFault(method, { kind, times: 1, hold });
    return { arrived, release };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        resolve,
        timer: setTimeout(() => {
          this.sleepers.delete(entry);
          resolve();
        }, ms),
      };
      this.sleepers.add(entry);
    });
  }

  /**
   * Clears calls, faults, delays, holds (released), revoked tokens (revokeToken), views, messages,
   * invites (with their acceptances, incoming ones and invite requests), rate-limit windows, OAuth
   * codes and refresh counts, uploaded files and their downloads; keeps users, channels (those acceptSharedInvite made, and channels
   * approvals shared, too), scopes,
   * settings, workspaces and installations (an uninstalled one stays uninstalled).
   */
  reset(): void {
    this.windows.clear();
    this.emailInvitesSent.clear();
    this.calls.length = 0;
    this.messages.length = 0;
    this.connectInvites.length = 0;
    this.connect.reset();
    this.faults.clear();
    this.delays.clear();
    this.revoked.clear();
    for (const h of [...this.holds]) {
      h.reject(new Error('FakeSlack.reset() before the held call arrived'));
      h.release();
    }
    this.holds.clear();
    this.views.clear();
    this.homeViews.clear();
    this.externalIds.clear();
    this.installs.reset();
    this.files.reset();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const h of [...this.holds]) {
      h.reject(new Error('FakeSlack stopped before the held call arrived'));
      h.release();
    }
    for (const s of this.sleepers) {
      clearTimeout(s.timer);
      s.resolve();
    }
    this.sleepers.clear();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error(`FakeSlack stopped while waiting for ${w.method}`));
    }
    this.waiters.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  // ------------------------------------------------------------------------------ transport

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const at = Date.now();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      this.process(req, res, path, q < 0 ? '' : rawUrl.slice(q + 1), body, size, at).catch((err: unknown) => {
        this.write(res, 500, { ok: false, error: 'fatal_error', detail: String(err) });
      });
    });
  }

  private write(res: ServerResponse, status: number, body: unknown, headers?: Readonly<Record<string, string>>): void {
    if (res.headersSent || res.destroyed) return;
    const payload = JSON.stringify(body);
    res.writeHead(status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(payload), ...headers });
    res.end(payload);
  }

  private answer(res: ServerResponse, call: RecordedCall, status: number, body: Body, headers?: Readonly<Record<string, string>>): void {
    call.httpStatus = status;
    call.response = body;
    this.record(call);
    this.write(res, status, body, headers);
  }

  private async process(req: IncomingMessage, res: ServerResponse, path: string, query: string, body: Buffer, size: number, at: number): Promise<void> {
    const contentType = req.headers['content-type'];
    const isApi = path.startsWith('/api/') && path.length > 5;
    const method = isApi ? path.slice(5) : path;
    const call: RecordedCall = { method, args: {}, token: undefined, contentType, httpStatus: 0, response: undefined, at };

    if (FakeFiles.isDownloadPath(path)) return this.serveFile(req, res, path);
    if (!isApi) return this.answer(res, call, 404, { ok: false, error: 'unknown_method' });
    if (req.method !== 'POST' && !(req.method === 'GET' && GET_METHODS.has(method))) return this.answer(res, call, 405, { ok: false, error: 'invalid_post_type', detail: 'only POST is supported' });
    if (size > MAX_BODY) return this.answer(res, call, 413, { ok: false, error: 'request_too_large' });

    // --- parse the body
    const raw: Args = {};
    if (query && !parseForm(query, raw)) return this.answer(res, call, 200, { ok: false, error: 'invalid_form_data' });
    let paramToken = typeof raw.token === 'string' ? raw.token : undefined;
    if (body.length > 0) {
      if (contentType === undefined || contentType.trim() === '') return this.answer(res, call, 200, { ok: false, error: 'missing_post_type' });
      const parts = contentType.split(';');
      const mime = (parts[0] ?? '').trim().toLowerCase();
      for (let i = 1; i < parts.length; i++) {
        const [k, v] = (parts[i] as string).split('=').map((x) => x.trim().toLowerCase());
        if (k === 'charset' && v !== 'utf-8' && v !== 'utf8' && v !== 'iso-8859-1') {
          return this.answer(res, call, 200, { ok: false, error: 'invalid_charset' });
        }
      }
      const text = body.toString('utf8');
      if (mime === 'application/x-www-form-urlencoded') {
        if (!parseForm(text, raw)) return this.answer(res, call, 200, { ok: false, error: 'invalid_form_data' });
        if (typeof raw.token === 'string') paramToken = raw.token;
      } else if (mime === 'application/json') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          return this.answer(res, call, 200, { ok: false, error: 'invalid_form_data' });
        }
        if (!isObj(parsed)) return this.answer(res, call, 200, { ok: false, error: 'invalid_form_data' });
        // Slack ignores a token inside a JSON body: it must come in the Authorization header.
        Object.assign(raw, parsed);
      } else {
        return this.answer(res, call, 200, { ok: false, error: 'invalid_post_type' });
      }
    }
    delete raw.token;
    const auth = req.headers.authorization;
    const bearer = auth !== undefined && /^bearer\s+\S/i.test(auth) ? auth.replace(/^bearer\s+/i, '').trim() : undefined;
    const token = bearer ?? (paramToken !== '' ? paramToken : undefined);
    call.token = token;
    const { args, error: argError } = coerceArgs(method, raw);
    call.args = args;
    const identity = token === undefined ? undefined : this.tokens.get(token);
    if (identity?.inst) this.recordInstallation(call, identity.inst);
    // Slack names a live token's scopes on every answer to it, whatever the answer.
    const live = identity !== undefined && identity.dead === undefined && !this.revoked.has(token as string) && (identity.expiresAt === undefined || this.clock() < identity.expiresAt);
    const headers = live ? this.scopeHeaders(method, identity) : undefined;

    // --- injected faults
    const fault = this.takeFault(method);
    if (fault) {
      switch (fault.kind) {
        case 'fail':
          return this.answer(res, call, 200, { ok: false, error: fault.error, ...fault.extra }, headers);
        case 'ratelimit':
          return this.answer(res, call, 429, { ok: false, error: 'ratelimited' }, { ...headers, 'retry-after': String(fault.retryAfter) });
        case 'server':
          return this.answer(res, call, fault.status, { ok: false, error: fault.status === 503 ? 'service_unavailable' : 'internal_error' }, headers);
        case 'drop':
          this.record(call);
          req.socket.destroy();
          return;
        case 'delay':
          await this.sleep(fault.ms);
          break;
        case 'hold':
          fault.hold.arrive(call);
          await fault.hold.released;
          break;
        case 'holdAnswer':
        case 'loseAnswer':
          break;
      }
    }
    const delay = this.delays.get(method);
    if (delay !== undefined) await this.sleep(delay);

    // --- method, auth, arguments
    const handler = this.handlers[method];
    if (!handler) return this.answer(res, call, 200, { ok: false, error: 'unknown_method' });
    if (method === 'groups.invite' && this.groupsInviteRetired) return this.answer(res, call, 200, { ok: false, error: 'method_deprecated' });
    if (method === 'oauth.v2.access') return this.oauthV2Access(res, call, args, argError, req.headers.authorization);
    if (token === undefined) return this.answer(res, call, 200, { ok: false, error: 'not_authed' });
    if (this.revoked.has(token)) return this.answer(res, call, 200, { ok: false, error: 'token_revoked' });
    if (!identity) return this.answer(res, call, 200, { ok: false, error: 'invalid_auth' });
    if (identity.dead !== undefined) return this.answer(res, call, 200, { ok: false, error: identity.dead });
    if (identity.expiresAt !== undefined && this.clock() >= identity.expiresAt) return this.answer(res, call, 200, { ok: false, error: 'token_expired' });
    if ((token === this.appToken) !== (method === 'apps.connections.open')) return this.answer(res, call, 200, { ok: false, error: 'not_allowed_token_type' }, headers);

    // --- rate limits: per workspace and method (chat.postMessage: per channel), counted whatever the answer
    const limited = this.rateLimited(method, args, identity.inst);
    if (limited !== undefined) return this.answer(res, call, 429, { ok: false, error: 'ratelimited' }, { ...headers, 'retry-after': String(limited) });

    // --- scopes
    const inst = identity.inst ?? this.defaultInst;
    const caller: Caller = { token, userId: identity.userId, isBot: identity.isBot, kind: identity.kind, inst, scopes: this.scopesOf(identity.kind, inst) };
    const needed = methodScopes(method, identity.kind);
    if (needed === undefined) return this.answer(res, call, 200, { ok: false, error: 'not_allowed_token_type' }, headers);
    if (!satisfies(needed, caller.scopes)) return this.answer(res, call, 200, this.missingScope(needed, caller), headers);
    if (argError) return this.answer(res, call, 200, { ok: false, error: argError.code, ...argError.extra }, headers);

    let result: Body;
    try {
      result = { ok: true, ...handler(args, caller) };
    } catch (err) {
      // a bug in the fake itself still gets a recorded, Slack-shaped answer
      result = err instanceof ApiError ? { ok: false, error: err.code, ...err.extra } : { ok: false, error: 'fatal_error', detail: String(err) };
    }
    if (fault?.kind === 'holdAnswer') {
      fault.hold.arrive(call);
      await fault.hold.released;
    }
    if (fault?.kind === 'loseAnswer') {
      call.response = result;
      this.record(call);
      // Never answered: the caller's timeout (or stop()) closes the connection.
      if (!res.destroyed) await new Promise<void>((resolve) => res.once('close', () => resolve()));
      return;
    }
    return this.answer(res, call, 200, result, headers);
  }

  /** A GET of a file's url_private(_download): the file for a live token of its workspace with files:read, else Slack's sign-in page. */
  private serveFile(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET', 'content-length': '0' });
      res.end();
      return;
    }
    const answer = this.files.download(path, req.headers.authorization, (token, teamId) => {
      const identity = token === undefined ? undefined : this.tokens.get(token);
      if (!identity?.inst || identity.kind === 'app' || identity.dead !== undefined || this.revoked.has(token as string)) return false;
      if (identity.expiresAt !== undefined && this.clock() >= identity.expiresAt) return false;
      return this.installs.sees(identity.inst, teamId) && this.scopesOf(identity.kind, identity.inst).has('files:read');
    });
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  private recordInstallation(call: RecordedCall, inst: Installation): void {
    if (inst.teamId !== undefined) call.teamId = inst.teamId;
    if (inst.enterpriseId !== undefined) call.enterpriseId = inst.enterpriseId;
  }

  /**
   * oauth.v2.access (REF 4.2): no token; the client's ID and secret by HTTP Basic auth or in the
   * body; rate limited per app (Special, 600 a minute), not per workspace.
   */
  private oauthV2Access(res: ServerResponse, call: RecordedCall, args: Args, argError: ApiError | undefined, authorization: string | undefined): void {
    const limited = this.rateLimited('oauth.v2.access', args, undefined);
    if (limited !== undefined) return this.answer(res, call, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limited) });
    if (argError) return this.answer(res, call, 200, { ok: false, error: argError.code, ...argError.extra });
    let basic: { id: string; secret: string } | undefined;
    if (authorization !== undefined && /^basic\s+\S/i.test(authorization)) {
      const decoded = Buffer.from(authorization.replace(/^basic\s+/i, '').trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      basic = colon < 0 ? { id: decoded, secret: '' } : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
    }
    const body = this.installs.access(args, basic);
    const inst = this.installs.subjectOf(args, body);
    if (inst) this.recordInstallation(call, inst);
    return this.answer(res, call, 200, body);
  }

  // ------------------------------------------------------------------------------ scopes and rate limits

  private scopesOf(kind: TokenKind, inst: Installation): ReadonlySet<string> {
    return kind === 'bot' ? inst.scopes : kind === 'user' ? this.userScopeSet : this.appScopeSet;
  }

  /** The scope headers of an answer to a token for `method` (made once: the fake's hot path allocates little). */
  private scopeHeaders(method: string, identity: TokenIdentity): Readonly<Record<string, string>> {
    const { kind } = identity;
    const inst = identity.inst ?? this.defaultInst;
    const cache = kind === 'bot' ? inst.headerCache : this.scopeHeaderCache;
    const key = `${kind} ${method}`;
    let headers = cache.get(key);
    if (!headers) {
      headers = {
        'x-oauth-scopes': [...this.scopesOf(kind, inst)].join(','),
        'x-accepted-oauth-scopes': (methodScopes(method, kind) ?? []).join(','),
      };
      cache.set(key, headers);
    }
    return headers;
  }

  /** Slack's answer to a token without the scope: `needed` names the scope (any of, comma-separated), `provided` the token's. */
  private missingScope(needed: readonly string[], c: Caller): Body {
    return { ok: false, error: 'missing_scope', needed: needed.join(','), provided: [...c.scopes].join(',') };
  }

  /** For methods acting on a conversation: the scope for that kind of conversation (conversations.info on a DM needs im:read). */
  private requireConversationScope(method: string, ch: FakeChannel, c: Caller): void {
    this.requireConversationTypeScope(method, ch.isIm ? 'im' : ch.isMpim ? 'mpim' : ch.isPrivate ? 'private' : 'public', c);
  }

  private requireConversationTypeScope(method: string, type: ConversationType, c: Caller): void {
    const needed = conversationScopes(method, c.kind, type);
    if (needed !== undefined && !satisfies(needed, c.scopes)) {
      const { ok: _ok, error, ...extra } = this.missingScope(needed, c);
      fail(String(error), extra);
    }
  }

  /**
   * Seconds to wait if this call is past its method's limit, else undefined (and the call is
   * counted). Per workspace: the token's, or for an org-wide token the `team_id` it names (else
   * its organization); `inst` undefined: per app (oauth.v2.access).
   */
  private rateLimited(method: string, args: Args, inst: Installation | undefined): number | undefined {
    const setting = this.rateLimitSetting;
    if (setting === 'off') return undefined;
    const limit = RATE_LIMITS[method];
    if (!limit) return undefined;
    const team = inst === undefined ? (method === 'oauth.v2.access' ? '' : this.teamId) : inst.isEnterpriseInstall ? (str(args, 'team_id') ?? inst.key) : inst.key;
    const key = limit.per === 'channel' ? `${team}\0${method}\0${String(args.channel ?? '')}` : `${team}\0${method}`;
    const windowMs = (limit.windowSeconds * 1000 * (setting.minuteMs ?? 60_000)) / 60_000;
    const verdict = this.windows.take(key, allowedCalls(limit, setting, method), windowMs, this.clock());
    return verdict.ok ? undefined : verdict.retryAfterSeconds;
  }

  // ------------------------------------------------------------------------------ shapes

  /** A user object with the fields of Slack's (users.info docs example and recorded answers). */
  private userObject(u: FakeUser, withEmail = true, includeLocale = false): Body {
    const realName = u.realName ?? u.name;
    const [first = realName, ...rest] = realName.split(' ');
    const image = (size: number | string) => `https://avatars.slack-edge.com/fake/${u.id}_${size}.png`;
    const profile: Body = {
      title: '',
      phone: '',
      skype: '',
      real_name: realName,
      real_name_normalized: realName,
      display_name: u.name,
      display_name_normalized: u.name,
      status_text: '',
      status_emoji: '',
      status_expiration: 0,
      avatar_hash: `g${u.id.toLowerCase().slice(-10)}`,
      first_name: first,
      last_name: rest.join(' '),
      image_24: image(24),
      image_32: image(32),
      image_48: image(48),
      image_72: image(72),
      image_192: image(192),
      image_512: image(512),
      image_1024: image(1024),
      image_original: image('original'),
      is_custom_image: false,
      status_text_canonical: '',
      team: u.teamId,
    };
    if (u.email !== undefined && withEmail) profile.email = u.email;
    const app = u.isBot ? (u.id === this.botUserId ? this.defaultInst : this.botUsers.get(u.id)) : undefined;
    if (u.isBot) Object.assign(profile, { always_active: app !== undefined, ...(app ? { bot_id: app.botId, api_app_id: app.appId } : {}) });
    const user: Body = {
      id: u.id,
      team_id: u.teamId,
      name: u.name,
      deleted: !!u.deleted,
      color: '9f69e7',
      real_name: realName,
      tz: 'Europe/London',
      tz_label: 'Greenwich Mean Time',
      tz_offset: 0,
      profile,
      is_admin: !!u.isAdmin,
      is_owner: !!u.isOwner,
      is_primary_owner: !!u.isPrimaryOwner,
      is_restricted: !!u.isRestricted,
      is_ultra_restricted: !!u.isUltraRestricted,
      is_bot: !!u.isBot,
      is_app_user: false,
      updated: 1_700_000_000,
      has_2fa: false,
      is_email_confirmed: u.email !== undefined,
      who_can_share_contact_card: 'EVERYONE',
    };
    // A person of an Enterprise Grid workspace carries their organization (users.info docs: enterprise_user).
    const home = u.teamId === undefined ? undefined : this.installs.workspaces.get(u.teamId);
    if (home?.enterpriseId !== undefined) {
      user.enterprise_user = {
        id: u.id,
        enterprise_id: home.enterpriseId,
        enterprise_name: home.enterpriseName ?? home.enterpriseId,
        is_admin: !!u.isAdmin,
        is_owner: !!u.isOwner,
        is_primary_owner: !!u.isPrimaryOwner,
        teams: [u.teamId],
      };
    }
    if (u.isBot) Object.assign(user, { is_workflow_bot: false, is_connector_bot: false });
    if (includeLocale) user.locale = 'en-US';
    return user;
  }

  /** A conversation object with the fields of Slack's (conversations.info docs examples and recorded answers). */
  private channelObject(ch: FakeChannel, callerId: string, options: { numMembers?: boolean; locale?: boolean } = {}): Body {
    const isPrivate = !!(ch.isPrivate || ch.isIm || ch.isMpim);
    const team = ch.teamId ?? this.teamId;
    const shared = ch.sharedTeamIds ?? NONE;
    // Shared within its organization (org-shared) or beyond it (Slack Connect).
    const org = this.installs.workspaces.get(team)?.enterpriseId;
    const orgShared = org !== undefined && shared.some((t) => this.installs.workspaces.get(t)?.enterpriseId === org);
    const extShared = !!ch.isExtShared || shared.some((t) => org === undefined || this.installs.workspaces.get(t)?.enterpriseId !== org);
    const base: Body = {
      id: ch.id,
      created: ch.created ?? 1_600_000_000,
      is_archived: !!ch.isArchived,
      is_im: !!ch.isIm,
      is_mpim: !!ch.isMpim,
      is_private: isPrivate,
      is_org_shared: orgShared,
      context_team_id: team,
      last_read: '0000000000.000000',
    };
    if (ch.isIm) {
      const other = ch.members.find((m) => m !== callerId) ?? ch.members[0];
      const last = [...this.messages].reverse().find((m) => m.channel === ch.id || (other !== undefined && m.dmUser === other && m.ephemeralUser === undefined));
      Object.assign(base, {
        user: other,
        is_user_deleted: false,
        latest: last ? { type: 'message', user: last.postedBy, text: last.text ?? '', ts: last.ts } : null,
        unread_count: 0,
        unread_count_display: 0,
        is_open: true,
        priority: 0,
      });
    } else {
      Object.assign(base, {
        name: ch.name,
        name_normalized: ch.name,
        is_channel: !isPrivate,
        is_group: !!ch.isPrivate && !ch.isMpim,
        is_general: !!ch.isGeneral,
        unlinked: 0,
        is_shared: extShared || orgShared,
        is_ext_shared: extShared,
        is_frozen: false,
        is_read_only: false,
        is_pending_ext_shared: this.pendingInvites().some((i) => i.channel === ch.id),
        pending_shared: [],
        shared_team_ids: [team, ...shared],
        pending_connected_team_ids: [],
        updated: 1_600_000_000_000,
        parent_conversation: null,
        is_member: ch.members.includes(callerId),
        creator: ch.creator ?? WORLD.users.owner,
        topic: { value: '', creator: '', last_set: 0 },
        purpose: { value: '', creator: '', last_set: 0 },
        properties: {
          tabs: [
            { id: 'workflows', label: '', type: 'workflows' },
            { id: 'files', label: '', type: 'files' },
            { id: 'bookmarks', label: '', type: 'bookmarks' },
          ],
        },
        previous_names: [],
      });
      // A group DM is listed as open, like a DM (conversations.list docs example).
      if (ch.isMpim) Object.assign(base, { is_open: true, priority: 0 });
    }
    if (options.locale) base.locale = 'en-US';
    if (options.numMembers) base.num_members = ch.members.length;
    return base;
  }

  /**
   * The channel as the caller can see it: its installation's workspace's (an org-wide one: its
   * organization's), or shared with one of those; private channels, IMs and MPIMs only to members.
   * Anything else is a channel the token cannot see: Slack's channel_not_found.
   */
  private visibleChannel(id: string | undefined, c: Caller): FakeChannel | undefined {
    if (id === undefined) return undefined;
    const ch = this.channels.get(id);
    if (!ch || !this.channelVisibleTo(ch, c.inst)) return undefined;
    if ((ch.isPrivate || ch.isIm || ch.isMpim) && !ch.members.includes(c.userId)) return undefined;
    return ch;
  }

  private channelVisibleTo(ch: FakeChannel, inst: Installation): boolean {
    if (this.installs.sees(inst, ch.teamId ?? this.teamId)) return true;
    return ch.sharedTeamIds !== undefined && ch.sharedTeamIds.some((t) => this.installs.sees(inst, t));
  }

  /** Whether the channel belongs to, or is shared with, workspace `teamId`. */
  private channelInTeam(ch: FakeChannel, teamId: string | undefined): boolean {
    return (ch.teamId ?? this.teamId) === teamId || (teamId !== undefined && ch.sharedTeamIds !== undefined && ch.sharedTeamIds.includes(teamId));
  }

  /**
   * The user as the caller can see them: of a workspace its installation sees, of a team the fake
   * does not model (the other side of a Slack Connect channel, as before workspaces), or a member
   * of a channel it sees. Anything else is someone the token cannot see: Slack's user_not_found.
   */
  private visibleUser(id: string | undefined, c: Caller): FakeUser | undefined {
    const u = id === undefined ? undefined : this.users.get(id);
    if (!u) return undefined;
    const team = u.teamId ?? this.teamId;
    if (this.installs.sees(c.inst, team) || !this.installs.known(team)) return u;
    for (const ch of this.channels.values()) if (ch.members.includes(u.id) && this.channelVisibleTo(ch, c.inst)) return u;
    return undefined;
  }

  /**
   * The workspace a call acts in: a workspace token's own; for an org-wide token, the `team_id`
   * argument. Used by the methods whose docs say `team_id` is "required if org token is used"
   * (REF 1.4 conversations.listConnectInvites, 2.4 usergroups.users.list; the docs.slack.dev pages
   * of users.conversations and usergroups.list say the same, and that a workspace token's team_id
   * is ignored). None documents the error for a missing one: Slack answers `missing_argument`
   * with `arg` for it (as reported for dnd.info and conversations.list with org tokens), and a
   * workspace outside the organization `team_access_not_granted` (REF 0.1).
   */
  private teamOf(args: Args, c: Caller): string {
    const inst = c.inst;
    if (!inst.isEnterpriseInstall) return inst.teamId as string;
    const teamId = str(args, 'team_id');
    if (teamId === undefined) fail('missing_argument', { arg: 'team_id' });
    if (!this.installs.workspaces.has(teamId) || !this.installs.sees(inst, teamId)) fail('team_access_not_granted');
    return teamId;
  }

  /** Outgoing invitations neither expired nor decided (approved or declined). */
  private pendingInvites(now = Math.floor(Date.now() / 1000)): FakeConnectInvite[] {
    return this.connectInvites.filter((i) => this.connect.isPending(i, now));
  }

  private nextHash(): string {
    this.hashCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${this.hashCounter.toString(16).padStart(8, '0')}`;
  }

  private nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastTs + 1);
    this.lastTs = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  // ------------------------------------------------------------------------------ methods

  /** Where apps.connections.open sends Socket Mode clients (see fake-socket-mode.ts). */
  socketModeUrl: string | undefined;

  private appsConnectionsOpen(c: Caller): Body {
    if (c.token !== this.appToken) return { ok: false, error: 'not_allowed_token_type' };
    if (!this.socketModeUrl) return { ok: false, error: 'internal_error' };
    return { ok: true, url: this.socketModeUrl };
  }

  /**
   * Per token, the installation it acts for. For an org-wide one, not documented: team_id and
   * enterprise_id are the organization's E… ID, team its name and url its enterprise.slack.com
   * address (api.slack.com's org-ready app pages; @slack/oauth keeps that url as enterpriseUrl).
   * enterprise_id only on Grid, expires_in only for rotating tokens (auth.test.json's union).
   */
  private authTest(c: Caller): Body {
    const inst = c.inst;
    const ws = inst.teamId === undefined ? undefined : this.installs.workspaces.get(inst.teamId);
    const org = inst.isEnterpriseInstall ? this.installs.orgs.get(inst.key) : undefined;
    const body: Body = {
      url: inst === this.defaultInst ? 'https://fake.slack.com/' : org ? `https://${org.domain}.enterprise.slack.com/` : `https://${ws?.domain ?? 'fake'}.slack.com/`,
      team: org?.name ?? ws?.name ?? this.teamName,
      user: this.users.get(c.userId)?.name ?? (c.isBot ? 'connect-invites' : 'admin'),
      team_id: inst.key,
      user_id: c.userId,
      is_enterprise_install: inst.isEnterpriseInstall,
    };
    if (c.isBot) body.bot_id = inst.botId;
    if (inst.enterpriseId !== undefined) body.enterprise_id = inst.enterpriseId;
    const expiresAt = this.tokens.get(c.token)?.expiresAt;
    if (expiresAt !== undefined) body.expires_in = Math.max(0, Math.floor((expiresAt - this.clock()) / 1000));
    return body;
  }

  // --- views

  private checkView(args: Args, expect: 'modal' | 'home' | undefined): Record<string, unknown> {
    const view = args.view;
    if (view === undefined) invalidArguments('[ERROR] missing required field: view');
    const errors = validateView(view, expect);
    if (errors.length > 0) invalidArguments(...errors);
    return view as Record<string, unknown>;
  }

  /**
   * `teamId`: the workspace it is shown in (views.open with an org-wide token: the organization,
   * since the fake's triggers do not say which workspace; Slack's org-app view_submission sample
   * has the workspace in team_id and the organization in app_installed_team_id).
   */
  private storeView(given: Record<string, unknown>, previous: StoredView | undefined, c: Caller, teamId: string, extra: Body = {}): StoredView {
    const input = asSlackEchoes(given);
    const id = previous?.id ?? randomId('V');
    const hash = this.nextHash();
    const view = {
      team_id: teamId,
      private_metadata: '',
      callback_id: '',
      external_id: '',
      state: { values: {} },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: null,
      previous_view_id: null,
      root_view_id: id,
      app_id: c.inst.appId,
      app_installed_team_id: c.inst.key,
      bot_id: c.inst.botId,
      ...(previous ? { previous_view_id: previous.view.previous_view_id, root_view_id: previous.view.root_view_id } : {}),
      ...extra,
      ...input,
      id,
      hash,
    };
    const oldExternal: unknown = previous?.view.external_id;
    if (typeof oldExternal === 'string' && oldExternal !== '' && oldExternal !== view.external_id) this.externalIds.delete(oldExternal);
    if (typeof view.external_id === 'string' && view.external_id !== '') this.externalIds.set(view.external_id, id);
    const stored: StoredView = { id, hash, view };
    this.views.set(id, stored);
    return stored;
  }

  private viewsOpen(args: Args, push: boolean, c: Caller): Body {
    const trigger = str(args, 'trigger_id') ?? str(args, 'interactivity_pointer');
    if (trigger === undefined) invalidArguments('[ERROR] missing required field: trigger_id');
    if (trigger.startsWith('expired')) fail('expired_trigger_id');
    // Slack's triggers expire 3 seconds after the interaction; the test payloads' (newTriggerId) start with their issue time.
    const issuedAt = Number(trigger.split('.')[0]);
    if (issuedAt > 1e12 && Date.now() - issuedAt > TRIGGER_LIFETIME_MS) fail('expired_trigger_id');
    const input = this.checkView(args, 'modal');
    const ext = input.external_id;
    if (typeof ext === 'string' && ext !== '' && this.externalIds.has(ext)) fail('duplicate_external_id');
    const stored = this.storeView(input, undefined, c, c.inst.teamId ?? c.inst.key, push ? { previous_view_id: randomId('V') } : {});
    return { view: stored.view };
  }

  private viewsUpdate(args: Args, c: Caller): Body {
    const viewId = str(args, 'view_id');
    const externalId = str(args, 'external_id');
    if (viewId === undefined && externalId === undefined) invalidArguments('[ERROR] must provide view_id or external_id');
    const id = viewId ?? this.externalIds.get(externalId as string);
    const current = id === undefined ? undefined : this.views.get(id);
    // Another installation's view is one this token cannot see.
    if (!current || current.view.app_installed_team_id !== c.inst.key) fail('not_found');
    const hash = str(args, 'hash');
    if (hash !== undefined && hash !== current.hash) fail('hash_conflict');
    const input = this.checkView(args, current.view.type as 'modal' | 'home');
    const ext = input.external_id;
    if (typeof ext === 'string' && ext !== '' && this.externalIds.has(ext) && this.externalIds.get(ext) !== current.id) fail('duplicate_external_id');
    return { view: this.storeView(input, current, c, current.view.team_id as string).view };
  }

  private viewsPublish(args: Args, c: Caller): Body {
    const userId = required(args, 'user_id');
    const user = this.visibleUser(userId, c);
    // Slack's documented answer for a user_id it cannot publish to (views.publish docs example).
    if (!user || user.deleted) invalidArguments('invalid `user_id`');
    const currentId = this.homeViews.get(userId);
    const current = currentId === undefined ? undefined : this.views.get(currentId);
    const hash = str(args, 'hash');
    if (hash !== undefined && current && hash !== current.hash) fail('hash_conflict');
    const input = this.checkView(args, 'home');
    const stored = this.storeView(input, current, c, user.teamId ?? this.teamId);
    this.homeViews.set(userId, stored.id);
    return { view: stored.view };
  }

  // --- chat

  /** Resolves a message target: a user ID (DM), an IM, or a channel the caller is in. */
  private messageTarget(channelArg: string, c: Caller): { id: string; dmUser?: string } {
    if (/^[UW]/.test(channelArg)) {
      const u = this.visibleUser(channelArg, c);
      if (!u || u.deleted) fail('channel_not_found');
      const im = [...this.channels.values()].find((ch) => ch.isIm && ch.members.includes(u.id) && ch.members.includes(c.userId));
      return { id: im?.id ?? `D${u.id.slice(1)}`, dmUser: u.id };
    }
    const ch = this.visibleChannel(channelArg, c);
    // The DM a message to a person went to, by the ID chat.postMessage answered (D + the person's ID).
    const dmWith = !ch && /^D/.test(channelArg) ? [...this.users.values()].find((u) => `D${u.id.slice(1)}` === channelArg) : undefined;
    if (dmWith) return this.messageTarget(dmWith.id, c);
    if (!ch) fail('channel_not_found');
    if (ch.isArchived) fail('is_archived');
    if (!ch.members.includes(c.userId)) fail('not_in_channel');
    if (ch.isIm) {
      const other = ch.members.find((m) => m !== c.userId);
      return other === undefined ? { id: ch.id } : { id: ch.id, dmUser: other };
    }
    return { id: ch.id };
  }

  private messageContent(args: Args): { text?: string; blocks?: unknown[]; attachments?: unknown[] } {
    const text = str(args, 'text');
    const blocks = args.blocks as unknown[] | undefined;
    const attachments = args.attachments as unknown[] | undefined;
    const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
    const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
    if (text === undefined && !hasBlocks && !hasAttachments) fail('no_text');
    if (text !== undefined && text.length > 40_000) fail('msg_too_long');
    // "too_many_attachments: Too many attachments were provided with this message. A maximum of 100 attachments are allowed on a message."
    if (hasAttachments && attachments.length > 100) fail('too_many_attachments');
    if (hasBlocks) {
      const errors = validateMessageBlocks(blocks);
      if (errors.length > 0) fail('invalid_blocks', { response_metadata: { messages: errors } });
    }
    const out: { text?: string; blocks?: unknown[]; attachments?: unknown[] } = {};
    if (text !== undefined) out.text = text;
    if (hasBlocks) out.blocks = blocks;
    // Slack numbers a message's attachments (chat.postMessage docs example: "id": 1).
    if (hasAttachments) out.attachments = attachments.map((a, i) => (isObj(a) ? { id: i + 1, ...a } : a));
    return out;
  }

  private chatPostMessage(args: Args, c: Caller): Body {
    const channelArg = str(args, 'channel');
    if (channelArg === undefined) fail('channel_not_found');
    const target = this.messageTarget(channelArg, c);
    const content = this.messageContent(args);
    const ts = this.nextTs();
    const msg: FakeMessage = { channel: channelArg, ...content, ts, postedBy: c.userId };
    if (target.dmUser !== undefined) msg.dmUser = target.dmUser;
    const threadTs = str(args, 'thread_ts');
    if (threadTs !== undefined) msg.threadTs = threadTs;
    this.messages.push(msg);
    return {
      channel: target.id,
      ts,
      message: { type: 'message', user: c.userId, bot_id: c.isBot ? c.inst.botId : undefined, ts, ...content },
    };
  }

  private chatPostEphemeral(args: Args, c: Caller): Body {
    const channelArg = str(args, 'channel');
    if (channelArg === undefined) fail('channel_not_found');
    const userId = str(args, 'user');
    if (userId === undefined) fail('user_not_found');
    const target = this.messageTarget(channelArg, c);
    const user = this.visibleUser(userId, c);
    if (!user || user.deleted) fail('user_not_found');
    const ch = this.channels.get(target.id);
    if (ch && !ch.members.includes(userId)) fail('user_not_in_channel');
    const content = this.messageContent(args);
    const ts = this.nextTs();
    const msg: FakeMessage = { channel: channelArg, ...content, ts, ephemeralUser: userId, postedBy: c.userId };
    if (target.dmUser !== undefined) msg.dmUser = target.dmUser;
    this.messages.push(msg);
    return { message_ts: ts };
  }

  /** chat.update: only a message this token's user posted, found by its channel and ts (DSD chat.update errors). */
  private chatUpdate(args: Args, c: Caller): Body {
    const channelArg = required(args, 'channel');
    const ts = required(args, 'ts');
    const target = this.messageTarget(channelArg, c);
    const msg = this.messages.find((m) => m.ts === ts && !m.ephemeralUser && (m.channel === target.id || (target.dmUser !== undefined && m.dmUser === target.dmUser)));
    if (!msg) fail('message_not_found');
    if (msg.postedBy !== c.userId) fail('cant_update_message');
    const content = this.messageContent(args);
    Object.assign(msg, { text: content.text, blocks: content.blocks, attachments: content.attachments });
    return { channel: target.id, ts, text: content.text ?? '', message: { type: 'message', user: c.userId, ts, ...content } };
  }

  // --- users

  /** users.list: the token's workspace's people, by ID, paged (limit ≤ 1000 as the docs allow; cursor = the next index). */
  private usersList(args: Args, c: Caller): Body {
    const limit = Math.min(Math.max(int(args, 'limit') ?? 0, 0) || 1000, 1000);
    const start = decodeCursor(str(args, 'cursor'));
    const visible = [...this.users.values()].filter((u) => this.installs.sees(c.inst, u.teamId ?? this.teamId)).sort((a, b) => a.id.localeCompare(b.id));
    const page = visible.slice(start, start + limit);
    const next = start + limit < visible.length ? encodeCursor(start + limit) : '';
    return { members: page.map((u) => this.userObject(u, c.scopes.has('users:read.email'))), cache_ts: Math.floor(Date.now() / 1000), response_metadata: { next_cursor: next } };
  }

  private usersInfo(args: Args, c: Caller): Body {
    const u = this.visibleUser(str(args, 'user'), c);
    if (!u) fail('user_not_found');
    // "profile.email": only for tokens with users:read.email (users.info docs).
    return { user: this.userObject(u, c.scopes.has('users:read.email'), bool(args, 'include_locale') === true) };
  }

  private usersLookupByEmail(args: Args, c: Caller): Body {
    const email = required(args, 'email').toLowerCase();
    for (const u of this.users.values()) {
      if (u.email !== undefined && u.email.toLowerCase() === email && this.installs.sees(c.inst, u.teamId ?? this.teamId)) return { user: this.userObject(u, c.scopes.has('users:read.email')) };
    }
    fail('users_not_found');
  }

  // --- conversations

  private conversationsInfo(args: Args, c: Caller): Body {
    const ch = this.visibleChannel(required(args, 'channel'), c);
    if (!ch) fail('channel_not_found');
    this.requireConversationScope('conversations.info', ch, c);
    return { channel: this.channelObject(ch, c.userId, { numMembers: bool(args, 'include_num_members') === true, locale: bool(args, 'include_locale') === true }) };
  }

  private conversationsMembers(args: Args, c: Caller): Body {
    const ch = this.visibleChannel(required(args, 'channel'), c);
    if (!ch) fail('channel_not_found');
    this.requireConversationScope('conversations.members', ch, c);
    let limit = int(args, 'limit') ?? 100;
    if (limit < 1) limit = 100;
    if (limit > 1000) limit = 1000;
    const offset = decodeCursor(str(args, 'cursor'));
    const page = ch.members.slice(offset, offset + limit);
    const next = offset + limit < ch.members.length ? encodeCursor(offset + limit) : '';
    return { members: page, response_metadata: { next_cursor: next } };
  }

  /**
   * The conversations `user` is a member of (default: the caller), of the `types` asked for
   * (default public_channel). Non-public ones only where the caller is a member too, as Slack
   * documents; paged like Slack's other cursor methods (limit at most 1000).
   */
  private usersConversations(args: Args, c: Caller): Body {
    const userId = str(args, 'user') ?? c.userId;
    const u = this.visibleUser(userId, c);
    if (!u) fail('user_not_found');
    return this.conversationPage('users.conversations', args, c, (ch) => ch.members.includes(userId));
  }

  /**
   * conversations.create (REF 2.1): the name checked as Slack documents it (lower case, digits,
   * hyphens, underscores; at most 80 characters; not only punctuation; upper case is
   * invalid_name_specials, never lower-cased), taken by any channel of the workspace (archived
   * ones too) → name_taken; the scope of the kind asked for (channels:manage / groups:write);
   * team_id required of an org-wide token. The caller creates it, so it is its creator and only member.
   */
  private conversationsCreate(args: Args, c: Caller): Body {
    const team = this.teamOf(args, c);
    const isPrivate = bool(args, 'is_private') === true;
    this.requireConversationTypeScope('conversations.create', isPrivate ? 'private' : 'public', c);
    const name = typeof args.name === 'string' ? args.name : '';
    const nameError = channelNameError(name);
    // §2.1 lists no emoji code for conversations.create: an emoji is a disallowed special character.
    if (nameError) fail(nameError === 'invalid_emoji_not_allowed' ? 'invalid_name_specials' : nameError);
    if ([...this.channels.values()].some((ch) => !ch.isIm && !ch.isMpim && ch.name === name && (ch.teamId ?? this.teamId) === team)) fail('name_taken');
    const channel: FakeChannel = { id: randomId('C'), name, isPrivate, members: [c.userId], creator: c.userId, created: Math.floor(Date.now() / 1000) };
    if (team !== this.teamId) channel.teamId = team;
    const stored = this.addChannel(channel);
    return { channel: this.channelObject(stored, c.userId) };
  }

  /**
   * conversations.list: the workspace's conversations of the `types` asked (default
   * public_channel), each kind needing its read scope; archived ones unless exclude_archived;
   * private channels, MPIMs and IMs only where the caller is a member (DSD conversations.list);
   * paged by cursor, limit default 100, at most 1000.
   */
  private conversationsList(args: Args, c: Caller): Body {
    return this.conversationPage('conversations.list', args, c, () => true);
  }

  /**
   * One page of the workspace's conversations of the `types` asked for (default public_channel,
   * each kind needing its read scope for `method`), archived ones unless exclude_archived,
   * non-public ones only where the caller is a member (as Slack documents for both listing
   * methods), those `include` keeps; paged by cursor, limit default 100, at most 1000.
   */
  private conversationPage(method: string, args: Args, c: Caller, include: (ch: FakeChannel) => boolean): Body {
    const team = this.teamOf(args, c);
    const types = new Set((str(args, 'types') ?? 'public_channel').split(',').map((t) => t.trim()));
    const kinds: Record<string, ConversationType> = { public_channel: 'public', private_channel: 'private', mpim: 'mpim', im: 'im' };
    for (const t of types) if (kinds[t] === undefined) fail('invalid_types');
    for (const t of types) this.requireConversationTypeScope(method, kinds[t] as ConversationType, c);
    let limit = int(args, 'limit') ?? 100;
    if (limit < 1) limit = 100;
    if (limit > 1000) fail('invalid_limit');
    const typeOf = (ch: FakeChannel) => (ch.isIm ? 'im' : ch.isMpim ? 'mpim' : ch.isPrivate ? 'private_channel' : 'public_channel');
    const all = [...this.channels.values()].filter(
      (ch) =>
        types.has(typeOf(ch)) &&
        this.channelInTeam(ch, team) &&
        !(bool(args, 'exclude_archived') === true && ch.isArchived) &&
        include(ch) &&
        (typeOf(ch) === 'public_channel' || ch.members.includes(c.userId)),
    );
    const offset = decodeCursor(str(args, 'cursor'));
    const page = all.slice(offset, offset + limit);
    const next = offset + limit < all.length ? encodeCursor(offset + limit) : '';
    return { channels: page.map((ch) => this.channelObject(ch, c.userId)), response_metadata: { next_cursor: next } };
  }

  private inviteShared(args: Args, c: Caller): Body {
    const channelId = required(args, 'channel');
    const ch = this.visibleChannel(channelId, c);
    if (!ch) fail('channel_not_found');
    if (ch.isIm || ch.isMpim) fail('invalid_channel_type');
    if (ch.isArchived) fail('channel_archived');
    if (ch.isGeneral) fail('cannot_share_mandatory_channel');
    if (!ch.members.includes(c.userId)) fail('not_in_channel');
    const emails = strList(args, 'emails') ?? [];
    const userIds = strList(args, 'user_ids') ?? [];
    if ((emails.length === 0) === (userIds.length === 0)) fail('recipients_not_specified');
    if (emails.length > 1) fail('too_many_emails');
    if (userIds.length > 1) invalidArguments('[ERROR] only one user ID may be invited at a time [json-pointer:/user_ids]');
    const externalLimited = bool(args, 'external_limited') ?? true;

    let email: string | undefined;
    let userId: string | undefined;
    if (emails.length === 1) {
      email = emails[0] as string;
      if (!EMAIL_RE.test(email)) fail('invalid_email');
      const lower = email.toLowerCase();
      const known = [...this.users.values()].find((u) => u.email !== undefined && u.email.toLowerCase() === lower);
      if (known && ch.members.includes(known.id)) fail('already_in_channel');
    } else {
      userId = userIds[0] as string;
      // Anyone the fake knows: a Slack Connect invitation by ID reaches people of other organizations.
      const u = this.users.get(userId);
      if (!u || u.deleted) fail('user_not_found');
      if (ch.members.includes(u.id)) fail('already_in_channel');
    }
    // "If an invite is sent of a type your app does not have permission to send, the
    // restricted_action error is returned" (inviteShared docs, external_limited).
    if (!(externalLimited ? this.connectInvitePermissions.limited : this.connectInvitePermissions.full)) fail('restricted_action');
    if (email !== undefined && this.emailInviteLimitReached(c.userId)) fail('ratelimit');
    const now = Math.floor(Date.now() / 1000);
    const pendingHere = this.pendingInvites(now).filter((i) => i.channel === ch.id);
    const sameInvitee = (i: FakeConnectInvite) => (email !== undefined ? i.email?.toLowerCase() === email.toLowerCase() : i.userId === userId);
    if (this.pendingInviteRule === 'per-channel' ? pendingHere.length > 0 : pendingHere.some(sameInvitee)) fail('connection_limit_exceeded_pending');
    if (email !== undefined) this.countEmailInvite(c.userId);

    const invite: FakeConnectInvite = {
      id: randomId('I'),
      channel: ch.id,
      externalLimited,
      dateCreated: now,
      dateInvalid: now + 14 * DAY,
      invitingUserId: c.userId,
    };
    if (email !== undefined) invite.email = email;
    if (userId !== undefined) invite.userId = userId;
    const result: Body = { invite_id: invite.id, is_legacy_shared_channel: false };
    if (!externalLimited) {
      invite.url = `https://join.slack.com/share/${randomId('enQt', 24).toLowerCase()}`;
      result.url = invite.url;
      result.conf_code = randomId('', 8);
    }
    this.connectInvites.push(invite);
    return result;
  }

  /** The per-user limit of email invitations (`ratelimit`): whether `userId` has used it up. */
  private emailInviteLimitReached(userId: string): boolean {
    const limit = this.emailInviteLimit;
    if (!limit) return false;
    const since = this.clock() - (limit.windowSeconds ?? 3600) * 1000;
    const sent = (this.emailInvitesSent.get(userId) ?? []).filter((at) => at > since);
    this.emailInvitesSent.set(userId, sent);
    return sent.length >= limit.count;
  }

  private countEmailInvite(userId: string): void {
    const sent = this.emailInvitesSent.get(userId) ?? [];
    sent.push(this.clock());
    this.emailInvitesSent.set(userId, sent);
  }

  /**
   * The team object of Slack Connect answers (inviting_team; conversations.listConnectInvites
   * recordings); `given` names and places a team the fake does not model (another organization).
   */
  private teamObject(teamId: string, given?: ConnectTeam): Body {
    const ws = this.installs.workspaces.get(teamId);
    const org = ws ? undefined : this.installs.orgs.get(teamId);
    const icon = (size: number | string) => `https://avatars.slack-edge.com/fake/${teamId}_${size}.png`;
    return {
      id: teamId,
      name: ws?.name ?? org?.name ?? given?.name ?? teamId,
      icon: {
        image_34: icon(34),
        image_44: icon(44),
        image_68: icon(68),
        image_88: icon(88),
        image_102: icon(102),
        image_132: icon(132),
        image_230: icon(230),
        image_original: icon('original'),
        image_default: false,
      },
      is_verified: false,
      domain: ws?.domain ?? org?.domain ?? given?.domain ?? '',
      date_created: 1_500_000_000,
      avatar_base_url: 'https://avatars.slack-edge.com/',
      requires_sponsorship: false,
    };
  }

  /**
   * A person as Slack Connect payloads describe one (inviting_user, accepting_user, an event's
   * actor): someone the fake does not know (of another organization) gets a profile made from the ID.
   */
  private connectUser(userId: string, teamId: string): Body {
    const u = this.users.get(userId) ?? { id: userId, name: userId.toLowerCase(), teamId };
    return { id: u.id, team_id: u.teamId ?? teamId, name: u.name, updated: 1_700_000_000, profile: this.userObject(u).profile, who_can_share_contact_card: 'EVERYONE' };
  }

  private conversationsInvite(args: Args, c: Caller): Body {
    const users = [...new Set(strList(args, 'users') ?? [])];
    if (users.length === 0) fail('no_user');
    if (users.length > 100) invalidArguments('[ERROR] no more than 100 users allowed [json-pointer:/users]');
    const ch = this.visibleChannel(required(args, 'channel'), c);
    if (!ch) fail('channel_not_found');
    this.requireConversationScope('conversations.invite', ch, c);
    if (ch.isArchived) fail('is_archived');
    if (ch.isIm || ch.isMpim) fail('method_not_supported_for_channel_type');
    if (!ch.members.includes(c.userId)) fail('not_in_channel');

    const errors: Array<{ user: string; ok: false; error: string }> = [];
    const valid: string[] = [];
    const chOrg = this.installs.workspaces.get(ch.teamId ?? this.teamId)?.enterpriseId;
    for (const id of users) {
      const u = this.visibleUser(id, c);
      let error: string | undefined;
      if (!u || u.deleted) error = 'user_not_found';
      else if (u.id === c.userId) error = 'cant_invite_self';
      else if (ch.members.includes(u.id)) error = 'already_in_channel';
      else if (u.isUltraRestricted) error = 'ura_max_channels';
      else if (!this.channelInTeam(ch, u.teamId) && !ch.isExtShared) {
        // Someone of the same organization but not of the channel's workspace: org_user_not_in_team (REF README).
        error = chOrg !== undefined && this.installs.workspaces.get(u.teamId ?? '')?.enterpriseId === chOrg ? 'org_user_not_in_team' : 'cant_invite';
      }
      if (error) errors.push({ user: id, ok: false, error });
      else valid.push(id);
    }
    const first = errors[0];
    if (first && (valid.length === 0 || bool(args, 'force') !== true)) fail(first.error, { errors });
    ch.members.push(...valid);
    // As Slack's example answer (conversations.invite docs): with num_members and locale.
    const body: Body = { channel: this.channelObject(ch, c.userId, { numMembers: true, locale: true }) };
    if (errors.length > 0) body.errors = errors;
    return body;
  }

  private groupsInvite(args: Args, c: Caller): Body {
    if (c.isBot) fail('user_is_bot');
    const ch = this.channels.get(str(args, 'channel') ?? '');
    if (!ch || !this.channelVisibleTo(ch, c.inst) || !ch.isPrivate || ch.isIm || ch.isMpim || !ch.members.includes(c.userId)) fail('channel_not_found');
    const u = this.visibleUser(str(args, 'user'), c);
    if (!u || u.deleted) fail('user_not_found');
    if (u.id === c.userId) fail('cant_invite_self');
    if (ch.isArchived) fail('is_archived');
    if (u.isUltraRestricted) fail('ura_max_channels');
    const group = () => ({
      id: ch.id,
      name: ch.name,
      name_normalized: ch.name,
      is_group: true,
      is_mpim: false,
      is_open: true,
      is_archived: !!ch.isArchived,
      created: 1_600_000_000,
      creator: WORLD.users.owner,
      last_read: '0000000000.000000',
      unread_count: 0,
      unread_count_display: 0,
      priority: 0,
      members: [...ch.members],
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
    });
    if (ch.members.includes(u.id)) return { already_in_group: true, group: group() };
    ch.members.push(u.id);
    return { group: group() };
  }
}
