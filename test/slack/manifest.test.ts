// manifest.json creates the app in Slack; the listeners answer what it declares. This keeps the
// two in step: every command and event declared has a listener, and every listener is declared;
// and every Web API method the app's code calls is covered by a scope the manifest asks for.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { SlackDeps } from '../../src/slack/deps.js';
import { registerListeners } from '../../src/slack/listeners/index.js';
import { BOT_SCOPES } from '../../src/slack/scopes.js';
import type { ListenerRegistry } from '../../src/slack/listeners/registry.js';
import { SCOPES, satisfies, type ConversationType, type ScopeRule } from '../helpers/fake-slack/scopes.js';

const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../manifest.json'), 'utf8'));

function recordRegistrations() {
  const seen: Record<'command' | 'event' | 'view' | 'action' | 'options' | 'shortcut', unknown[]> = {
    command: [], event: [], view: [], action: [], options: [], shortcut: [],
  };
  const recorder = Object.fromEntries(
    Object.keys(seen).map((kind) => [kind, (matcher: unknown) => void seen[kind as keyof typeof seen].push(matcher)]),
  ) as unknown as ListenerRegistry;
  registerListeners(recorder, { logger: pino({ level: 'silent' }) } as unknown as SlackDeps);
  return seen;
}

describe('manifest.json and the listeners', () => {
  const seen = recordRegistrations();

  it('has a listener for every slash command, and declares every command listened for', () => {
    const declared = manifest.features.slash_commands.map((c: { command: string }) => c.command).sort();
    assert.ok(declared.length >= 2);
    assert.deepEqual([...seen.command].sort(), declared);
  });

  it('has a listener for every bot event, and subscribes to every event listened for', () => {
    const declared: string[] = manifest.settings.event_subscriptions.bot_events;
    assert.ok(declared.includes('app_home_opened'));
    const matches = (matcher: unknown, name: string) => (matcher instanceof RegExp ? matcher.test(name) : matcher === name);
    for (const name of declared) assert.ok(seen.event.some((m) => matches(m, name)), `no listener for ${name}`);
    for (const matcher of seen.event) assert.ok(declared.some((name) => matches(matcher, name)), `${String(matcher)} matches no subscribed event`);
  });

  it('routes every action ID the views use to a handler', async () => {
    const { HOME } = await import('../../src/slack/ids.js');
    for (const id of Object.values(HOME.actions)) {
      assert.ok(seen.action.some((m) => (m instanceof RegExp ? m.test(id) : m === id)), `no listener for ${id}`);
    }
  });

  it('enables interactivity exactly when there are view or action listeners, at the same URL as events', () => {
    assert.ok(seen.view.length > 0);
    assert.equal(manifest.settings.interactivity.is_enabled, true);
    const urls = new Set([
      manifest.settings.interactivity.request_url,
      manifest.settings.interactivity.message_menu_options_url,
      manifest.settings.event_subscriptions.request_url,
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
    ]);
    assert.equal(urls.size, 1, 'commands, interactivity and events share one request URL');
    assert.match([...urls][0] as string, /\/slack\/events$/);
  });

  it('ships manifest.approvals.json: the same manifest with conversations.connect:manage, which turns the optional capabilities on', () => {
    const approvals = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../manifest.approvals.json'), 'utf8'));
    assert.deepEqual(approvals.oauth_config.scopes.bot, [...manifest.oauth_config.scopes.bot, 'conversations.connect:manage']);
    assert.deepEqual({ ...approvals, oauth_config: undefined, display_information: undefined }, { ...manifest, oauth_config: undefined, display_information: undefined }, 'nothing else differs but the description');
    assert.deepEqual(uncovered(new Set(Object.keys(OPTIONAL_CAPABILITIES)), approvals.oauth_config.scopes.bot, {}), []);
  });

  it('asks an OAuth install for exactly the manifest’s bot scopes, and declares the redirect URL and org-wide installs', () => {
    assert.deepEqual([...BOT_SCOPES].sort(), [...manifest.oauth_config.scopes.bot].sort());
    assert.deepEqual(manifest.oauth_config.redirect_urls.map((u: string) => new URL(u).pathname), ['/slack/oauth_redirect']);
    assert.equal(manifest.settings.org_deploy_enabled, true);
  });

  it('asks for no scope twice, and enables the Home tab', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    assert.equal(new Set(scopes).size, scopes.length, 'no scope twice');
    assert.equal(manifest.features.app_home.home_tab_enabled, true);
  });

  it('sends menus’ option requests to the app exactly when it answers some (the App Home user-group menu)', async () => {
    const { HOME } = await import('../../src/slack/ids.js');
    assert.ok(seen.options.some((m) => (m as { action_id?: unknown }).action_id === HOME.actions.inviteGroup), 'no options listener for the user-group menu');
    assert.equal(typeof manifest.settings.interactivity.message_menu_options_url, 'string');
  });

  it('declares no shortcuts the app does not answer', () => {
    assert.equal((manifest.features.shortcuts ?? []).length, seen.shortcut.length);
  });
});

// ------------------------------------------------------------------ scopes

const SRC_SLACK = path.resolve(import.meta.dirname, '../../src/slack');

/** Web API methods named in the app's Slack code: `client.ns.method(`, `client.apiCall('ns.method'`, `paginate('ns.method'`. */
function methodsCalledIn(dir: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    const names = [
      ...[...text.matchAll(/\bclient\s*\.\s*([a-z]+)\s*\.\s*([A-Za-z]+)(?:\s*\.\s*([A-Za-z]+))?\s*\(/g)].map((m) => m.slice(1).filter(Boolean).join('.')),
      ...[...text.matchAll(/\b(?:apiCall|paginate)\(\s*['"]([\w.]+)['"]/g)].map((m) => m[1] as string),
    ];
    for (const name of names) found.set(name, [...(found.get(name) ?? []), path.relative(SRC_SLACK, file)]);
  }
  return found;
}

/** Calls the libraries make for the app: Bolt and the start-up check (auth.test), Socket Mode with the app-level token. */
const LIBRARY_CALLS = ['auth.test', 'apps.connections.open'];
/** Made with the app-level token (SLACK_APP_TOKEN, scope connections:write, README), not the bot token. */
const APP_TOKEN_METHODS = new Set(['apps.connections.open']);

/**
 * Capabilities the app uses when an installation grants them, and works without (the manifest does
 * not ask for them). conversations.connect:manage: only a workspace owner or admin can install an
 * app that asks for it (README; Slack's Connect docs), so the default manifest does not; recovery
 * and the retry safeguard use conversations.listConnectInvites when the token holds it (the app
 * reads its scopes from auth.test's x-oauth-scopes) and must settle invitations without it.
 */
const OPTIONAL_CAPABILITIES: Readonly<Record<string, string>> = {
  'conversations.listConnectInvites': 'conversations.connect:manage',
  // Approvals (src/slack/gateways/connect-admin.ts): offered to installations that grant the scope.
  'conversations.approveSharedInvite': 'conversations.connect:manage',
  'conversations.declineSharedInvite': 'conversations.connect:manage',
  'conversations.requestSharedInvite.approve': 'conversations.connect:manage',
  'conversations.requestSharedInvite.deny': 'conversations.connect:manage',
  'conversations.requestSharedInvite.list': 'conversations.connect:manage',
  // After acceptance, a partner's access between limited and full (src/slack/gateways/external-access.ts): offered with the scope only.
  'conversations.externalInvitePermissions.set': 'conversations.connect:manage',
};

const CONNECT_ADMIN_METHODS = ['conversations.approveSharedInvite', 'conversations.declineSharedInvite', 'conversations.acceptSharedInvite', 'conversations.requestSharedInvite.approve', 'conversations.requestSharedInvite.deny', 'conversations.requestSharedInvite.list'];
const scopeRule = (method: string): ScopeRule | undefined => SCOPES[method];

/**
 * The kinds of conversation the app calls each per-kind method on. conversations.info and
 * conversations.members run together on whatever conversation a person names (a command run in a
 * DM or group DM, a tampered submission), which the app must recognise as a DM to refuse it;
 * conversations.invite after the check found a private channel (/invite-private), and on the
 * channel the app just created, public or private (src/invites/channel-creation/).
 */
const CONVERSATION_TYPES_USED: Readonly<Record<string, readonly ConversationType[]>> = {
  'conversations.info': ['public', 'private', 'mpim', 'im'],
  'conversations.members': ['public', 'private', 'mpim', 'im'],
  'conversations.invite': ['public', 'private'],
  // A new channel for invitations (src/slack/gateways/channels.ts): public or private, found by name among both.
  'conversations.create': ['public', 'private'],
  'conversations.list': ['public', 'private'],
  // The person's channels, to check membership of a big channel the cheaper way (directory.ts).
  'users.conversations': ['public', 'private'],
};

/** What the given bot scopes leave uncovered among `methods`: one line per problem. */
function uncovered(methods: Iterable<string>, botScopes: readonly string[], optional: Readonly<Record<string, string>>): string[] {
  const have = new Set(botScopes);
  const problems: string[] = [];
  for (const method of methods) {
    const rule = scopeRule(method);
    if (!rule) {
      problems.push(`${method}: not in test/helpers/fake-slack/scopes.ts (add its scopes from Slack's docs)`);
      continue;
    }
    if (APP_TOKEN_METHODS.has(method)) {
      if (!rule.app?.includes('connections:write')) problems.push(`${method}: expected the app-level token's connections:write`);
      continue;
    }
    if (optional[method] !== undefined) continue;
    if (rule.bot === undefined) {
      problems.push(`${method}: bot tokens cannot call it`);
      continue;
    }
    if (!satisfies(rule.bot, have)) problems.push(`${method}: needs one of ${rule.bot.join(', ')}`);
    const perType = rule.byConversationType?.bot;
    if (perType) {
      const used = CONVERSATION_TYPES_USED[method];
      if (!used) {
        problems.push(`${method}: its scope depends on the kind of conversation; say in CONVERSATION_TYPES_USED which kinds the app calls it on`);
        continue;
      }
      for (const type of used) if (!satisfies(perType[type], have)) problems.push(`${method} on ${type}: needs one of ${perType[type].join(', ')}`);
    }
  }
  return problems;
}

describe('manifest.json scopes and the Web API methods the app calls', () => {
  const inCode = methodsCalledIn(SRC_SLACK);
  const called = new Set([...inCode.keys(), ...LIBRARY_CALLS]);
  const scopes: string[] = manifest.oauth_config.scopes.bot;

  it('finds the calls in src/slack', () => {
    for (const method of ['conversations.inviteShared', 'conversations.invite', 'conversations.info', 'conversations.members', 'users.info', 'views.open', 'chat.postMessage']) {
      assert.ok(inCode.has(method), `the scan no longer finds ${method}: fix methodsCalledIn`);
    }
  });

  it('covers every method the app calls with a scope the manifest asks for', () => {
    assert.deepEqual(uncovered(called, scopes, OPTIONAL_CAPABILITIES), [], `called from: ${JSON.stringify(Object.fromEntries(inCode))}`);
  });

  it('does not ask for the optional capabilities, which the app still uses when granted', () => {
    for (const [method, scope] of Object.entries(OPTIONAL_CAPABILITIES)) {
      assert.ok(!scopes.includes(scope), `${scope} is in the manifest: then only owners and admins can install the app; say so in the README and drop it from OPTIONAL_CAPABILITIES`);
      assert.ok(called.has(method), `${method} is no longer called: remove it from OPTIONAL_CAPABILITIES`);
      assert.ok(scopeRule(method)?.bot?.includes(scope), `${method} does not need ${scope} by the table`);
    }
  });

  it('covers the approvals: conversations.connect:manage as an optional capability, acceptSharedInvite by the manifest’s conversations.connect:write', () => {
    for (const method of CONNECT_ADMIN_METHODS) assert.ok(inCode.has(method), `the scan no longer finds ${method}`);
    assert.equal(OPTIONAL_CAPABILITIES['conversations.acceptSharedInvite'], undefined);
    assert.ok(scopes.includes('conversations.connect:write'));
    assert.deepEqual(uncovered(['conversations.acceptSharedInvite'], scopes, {}), []);
    assert.deepEqual(uncovered(['conversations.acceptSharedInvite'], scopes.filter((s) => s !== 'conversations.connect:write'), {}), ['conversations.acceptSharedInvite: needs one of conversations.connect:write']);
  });

  it('would have caught D1 and D8: the scopes of the manifest at 8b674a3, with no optional capability', () => {
    const before = ['commands', 'chat:write', 'users:read', 'users:read.email', 'channels:read', 'groups:read', 'groups:write', 'conversations.connect:write', 'conversations.connect:read'];
    const problems = uncovered(called, before, {});
    for (const defect of [
      'conversations.listConnectInvites: needs one of conversations.connect:manage', // D1
      'conversations.info on im: needs one of im:read', // D8
      'conversations.info on mpim: needs one of mpim:read',
      'conversations.members on im: needs one of im:read',
      'conversations.members on mpim: needs one of mpim:read',
    ]) {
      assert.ok(problems.includes(defect), `not reported: ${defect} (reported: ${problems.join('; ')})`);
    }
  });
});
