/**
 * Which OAuth scopes each Web API method the fake implements needs, as Slack documents them.
 *
 * Sources, per row (`source`):
 * - DSD: the method's page on docs.slack.dev (https://docs.slack.dev/reference/methods/<method>),
 *   "Scopes" facts, read through public copies of those pages (the Markdown pages and the
 *   hex.pm `slack_kit` 1.0.0-alpha.0 `priv/docs/methods/<method>.json` mirror of them);
 * - REF: /work/shared/reference/slack-api/ (README.md "Scopes (bot token)" and
 *   connect-admin-and-oauth.md, both compiled from docs.slack.dev).
 *
 * "Any of" is how Slack states it: a method page lists several scopes and a token needs one of
 * them (Slack's `missing_scope` answer then names them all in `needed`, comma-separated). Where
 * the scope depends on the kind of conversation (conversations.info: `channels:read` for a public
 * channel, `groups:read` for a private one, ...), `byConversationType` gives each kind's own
 * list: a token holding none of the method's scopes is refused before the channel is looked at,
 * and one holding some is refused for a conversation whose kind it holds no scope for.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type ConversationType = 'public' | 'private' | 'mpim' | 'im';
export type TokenKind = 'bot' | 'user' | 'app';

export interface ScopeRule {
  /** Bot token: any one of these; [] = no scope needed; undefined = bot tokens cannot call it. */
  bot?: readonly string[];
  /** User token, the same way. */
  user?: readonly string[];
  /** App-level token (xapp-), the same way. */
  app?: readonly string[];
  /** Per kind of conversation, for methods that act on one; each list is "any of". */
  byConversationType?: Partial<Record<'bot' | 'user', Readonly<Record<ConversationType, readonly string[]>>>>;
  source: string;
}

const CONVERSATION_READ = { public: ['channels:read'], private: ['groups:read'], mpim: ['mpim:read'], im: ['im:read'] } as const;

export const SCOPES: Readonly<Record<string, ScopeRule>> = {
  'auth.test': { bot: [], user: [], source: 'DSD auth.test: "No scopes required"' },
  'apps.connections.open': { app: ['connections:write'], source: 'DSD apps.connections.open: app-level token with connections:write (README: SLACK_APP_TOKEN)' },

  'chat.postMessage': { bot: ['chat:write'], user: ['chat:write'], source: 'DSD chat.postMessage: chat:write (bot and user)' },
  'chat.update': { bot: ['chat:write'], user: ['chat:write'], source: 'DSD chat.update: chat:write' },
  'chat.postEphemeral': { bot: ['chat:write'], user: ['chat:write'], source: 'DSD chat.postEphemeral: chat:write (bot and user)' },

  'conversations.info': {
    bot: ['channels:read', 'groups:read', 'mpim:read', 'im:read'],
    user: ['channels:read', 'groups:read', 'mpim:read', 'im:read'],
    byConversationType: { bot: CONVERSATION_READ, user: CONVERSATION_READ },
    source: 'DSD conversations.info: bot channels:read, groups:read, im:read, mpim:read; REF connect-admin-and-oauth.md 2.5 "(by type)"',
  },
  'conversations.members': {
    bot: ['channels:read', 'groups:read', 'mpim:read', 'im:read'],
    user: ['channels:read', 'groups:read', 'mpim:read', 'im:read'],
    byConversationType: { bot: CONVERSATION_READ, user: CONVERSATION_READ },
    source: 'DSD conversations.members: channels:read, groups:read, im:read, mpim:read, by conversation type (DSD scope page im:read lists conversations.members)',
  },
  'conversations.invite': {
    bot: ['channels:manage', 'channels:write.invites', 'groups:write', 'groups:write.invites', 'mpim:write.invites', 'im:write.invites'],
    user: ['channels:write', 'channels:write.invites', 'groups:write', 'groups:write.invites', 'mpim:write', 'mpim:write.invites', 'im:write', 'im:write.invites'],
    byConversationType: {
      bot: { public: ['channels:manage', 'channels:write.invites'], private: ['groups:write', 'groups:write.invites'], mpim: ['mpim:write.invites'], im: ['im:write.invites'] },
      user: {
        public: ['channels:write', 'channels:write.invites'],
        private: ['groups:write', 'groups:write.invites'],
        mpim: ['mpim:write', 'mpim:write.invites'],
        im: ['im:write', 'im:write.invites'],
      },
    },
    source:
      'DSD conversations.invite: bot channels:manage / groups:write (granular: channels:write.invites, groups:write.invites, ...), the one matching the channel; REF README "channels:manage / groups:write (or channels:write.invites / groups:write.invites)"',
  },
  'conversations.create': {
    bot: ['channels:manage', 'groups:write', 'channels:write', 'im:write', 'mpim:write'],
    user: ['channels:write', 'groups:write', 'im:write', 'mpim:write'],
    byConversationType: {
      bot: { public: ['channels:manage', 'channels:write'], private: ['groups:write'], mpim: ['mpim:write'], im: ['im:write'] },
      user: { public: ['channels:write'], private: ['groups:write'], mpim: ['mpim:write'], im: ['im:write'] },
    },
    source: 'REF connect-admin-and-oauth.md 2.1: bot channels:manage (public) / groups:write (private), also listed channels:write, im:write, mpim:write; "you need the one matching the channel type"',
  },
  'conversations.list': {
    bot: ['channels:read', 'groups:read', 'mpim:read', 'im:read'],
    user: ['channels:read', 'groups:read', 'mpim:read', 'im:read'],
    byConversationType: { bot: CONVERSATION_READ, user: CONVERSATION_READ },
    source: 'DSD conversations.list: channels:read, groups:read, im:read, mpim:read, for the `types` asked',
  },
  'conversations.inviteShared': { bot: ['conversations.connect:write'], source: 'DSD conversations.inviteShared: bot conversations.connect:write (bot tokens only)' },
  'conversations.listConnectInvites': {
    bot: ['conversations.connect:manage'],
    source: 'DSD conversations.listConnectInvites: bot conversations.connect:manage; REF README: only a workspace owner or admin can install an app that asks for it',
  },
  // REF connect-admin-and-oauth.md section 1: every Connect method is bot-only in DSD (ASC's
  // extra channels:manage / *:write scopes are no longer listed).
  'conversations.approveSharedInvite': { bot: ['conversations.connect:manage'], source: 'REF connect-admin-and-oauth.md 1.1: bot conversations.connect:manage' },
  'conversations.declineSharedInvite': { bot: ['conversations.connect:manage'], source: 'REF connect-admin-and-oauth.md 1.2: bot conversations.connect:manage' },
  'conversations.acceptSharedInvite': { bot: ['conversations.connect:write'], source: 'REF connect-admin-and-oauth.md 1.3: bot conversations.connect:write ("accept invites sent to the app")' },
  'conversations.requestSharedInvite.approve': { bot: ['conversations.connect:manage'], source: 'REF connect-admin-and-oauth.md 1.5: bot conversations.connect:manage' },
  'conversations.requestSharedInvite.deny': { bot: ['conversations.connect:manage'], source: 'REF connect-admin-and-oauth.md 1.6: bot conversations.connect:manage' },
  'conversations.requestSharedInvite.list': { bot: ['conversations.connect:manage'], source: 'REF connect-admin-and-oauth.md 1.7: bot conversations.connect:manage' },
  'conversations.externalInvitePermissions.set': { bot: ['conversations.connect:manage'], source: 'REF connect-admin-and-oauth.md 1.9: bot conversations.connect:manage' },

  'users.conversations': {
    bot: ['channels:read', 'groups:read', 'mpim:read', 'im:read'],
    user: ['channels:read', 'groups:read', 'mpim:read', 'im:read'],
    byConversationType: { bot: CONVERSATION_READ, user: CONVERSATION_READ },
    source: 'DSD users.conversations: channels:read, groups:read, im:read, mpim:read, for the `types` asked (DSD scope page im:read lists users.conversations)',
  },
  'users.info': { bot: ['users:read'], user: ['users:read'], source: 'DSD users.info: users:read (profile.email only with users:read.email)' },
  'users.list': { bot: ['users:read'], user: ['users:read'], source: 'DSD users.list: users:read' },
  'users.lookupByEmail': { bot: ['users:read.email'], user: ['users:read.email'], source: 'DSD users.lookupByEmail: users:read.email' },
  'usergroups.list': { bot: ['usergroups:read'], user: ['usergroups:read'], source: 'DSD usergroups.list: usergroups:read' },
  'usergroups.users.list': { bot: ['usergroups:read'], user: ['usergroups:read'], source: 'DSD usergroups.users.list: usergroups:read; REF connect-admin-and-oauth.md 2.4' },

  'files.info': { bot: ['files:read'], user: ['files:read'], source: 'DSD files.info: files:read (bot and user); the file_input element needs files:read too (Block Kit reference)' },

  'views.open': { bot: [], user: [], source: 'DSD views.open: "No scopes required"' },
  'views.push': { bot: [], user: [], source: 'DSD views.push: no scopes required' },
  'views.update': { bot: [], user: [], source: 'DSD views.update: no scopes required' },
  'views.publish': { bot: [], user: [], source: 'DSD views.publish: no scopes required' },

  'groups.invite': { bot: ['groups:write'], user: ['groups:write'], source: 'retired (REF README); its last documented scope was groups:write' },

  // No token at all: the client's ID and secret (no kind of token is listed, so none is accepted).
  'oauth.v2.access': { source: 'REF connect-admin-and-oauth.md 4.2: "no token or scope"' },
};

/** The scopes in `have` that satisfy an "any of" list; [] means none (an empty list needs none). */
export function satisfies(anyOf: readonly string[], have: ReadonlySet<string>): boolean {
  return anyOf.length === 0 || anyOf.some((s) => have.has(s));
}

/** The scopes a method needs of a token kind, or undefined if that kind of token may not call it. */
export function methodScopes(method: string, kind: TokenKind): readonly string[] | undefined {
  return SCOPES[method]?.[kind];
}

/** For a method acting on a conversation: the scopes it needs for that kind of conversation. */
export function conversationScopes(method: string, kind: TokenKind, type: ConversationType): readonly string[] | undefined {
  if (kind === 'app') return undefined;
  return SCOPES[method]?.byConversationType?.[kind]?.[type];
}

/** The repository's manifest.json, read from the file each time it is asked for (not a copy). */
export const MANIFEST_PATH = path.resolve(import.meta.dirname, '../../../manifest.json');

export function readManifest(): { oauth_config?: { scopes?: { bot?: unknown; user?: unknown } } } & Record<string, unknown> {
  return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
}

/** The bot scopes manifest.json asks for: what an installation of the app grants its bot token. */
export function manifestBotScopes(): string[] {
  const bot = readManifest().oauth_config?.scopes?.bot;
  if (!Array.isArray(bot) || !bot.every((s) => typeof s === 'string')) throw new Error(`${MANIFEST_PATH}: oauth_config.scopes.bot is not a list of scopes`);
  return [...bot];
}

/** Every user scope the table names: the fake's user token (an admin's) holds them all. */
export function allUserScopes(): string[] {
  const all = new Set<string>();
  for (const rule of Object.values(SCOPES)) {
    for (const s of rule.user ?? []) all.add(s);
    for (const list of Object.values(rule.byConversationType?.user ?? {})) for (const s of list) all.add(s);
  }
  return [...all].sort();
}

/** Every bot scope the table names: for tests of the fake's methods themselves, not of the app's scopes. */
export function allBotScopes(): string[] {
  const all = new Set<string>();
  for (const rule of Object.values(SCOPES)) {
    for (const s of rule.bot ?? []) all.add(s);
    for (const list of Object.values(rule.byConversationType?.bot ?? {})) for (const s of list) all.add(s);
  }
  return [...all].sort();
}
