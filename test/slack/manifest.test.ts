// manifest.json creates the app in Slack; the listeners answer what it declares. This keeps the
// two in step: every command and event declared has a listener, and every listener is declared.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { SlackDeps } from '../../src/slack/deps.js';
import { registerListeners } from '../../src/slack/listeners/index.js';
import type { ListenerRegistry } from '../../src/slack/listeners/registry.js';

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

  it('asks for the scopes the features use, and the Home tab', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    for (const scope of ['commands', 'chat:write', 'users:read', 'users:read.email', 'channels:read', 'groups:read', 'groups:write', 'conversations.connect:write', 'conversations.connect:read', 'usergroups:read']) {
      assert.ok(scopes.includes(scope), `missing scope ${scope}`);
    }
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
