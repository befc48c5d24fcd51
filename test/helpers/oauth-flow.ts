// The app in OAuth mode, and the install flow as a browser and Slack go through it: the app's
// install page (a state, bound to the browser by a cookie), Slack's authorize page (the fake's
// `authorize`), the app's redirect with the cookie.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { TestApp } from './app-harness.js';
import type { FakeSlack, RecordedCall } from './fake-slack.js';
import type { AuthorizeOptions } from './fake-slack/installations.js';

/** OAuth mode's settings for an app against `fake`, whose Redirect URL is `redirectUri`. */
export function oauthModeEnv(fake: FakeSlack, redirectUri: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: '',
    SLACK_CLIENT_ID: fake.oauthApp.clientId,
    SLACK_CLIENT_SECRET: fake.oauthApp.clientSecret,
    SLACK_STATE_SECRET: randomBytes(32).toString('base64'),
    SLACK_TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SLACK_REDIRECT_URI: redirectUri,
  };
}

export interface Browser {
  cookies: Map<string, string>;
  get(url: string): Promise<{ status: number; html: string }>;
}

/** A browser with a cookie jar; the app's public address (that of `redirectUri`) is mapped to its local port. */
export function browser(app: TestApp, redirectUri: string): Browser {
  const cookies = new Map<string, string>();
  const publicOrigin = new URL(redirectUri).origin;
  return {
    cookies,
    async get(url) {
      const u = new URL(url);
      const local = u.origin === publicOrigin ? `${app.baseUrl}${u.pathname}${u.search}` : url;
      const res = await fetch(local, { headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') }, redirect: 'manual' });
      for (const line of res.headers.getSetCookie()) {
        const [pair, ...attrs] = line.split(';');
        const [name, value = ''] = pair!.split('=') as [string, string?];
        if (value === '' || attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()))) cookies.delete(name.trim());
        else cookies.set(name.trim(), value);
      }
      return { status: res.status, html: await res.text() };
    },
  };
}

/** The "Add to Slack" link on the install page. */
export function addToSlackLink(html: string): URL {
  const href = /<a href="([^"]+oauth\/v2\/authorize[^"]*)"/.exec(html)?.[1];
  assert.ok(href, 'the install page links to Slack’s authorize page');
  return new URL(href.replace(/&amp;/g, '&'));
}

/** The whole install through `app`; returns the final page, the redirect URL, the browser and the token Slack issued. */
export async function installThroughApp(app: TestApp, fake: FakeSlack, redirectUri: string, who: Omit<AuthorizeOptions, 'state' | 'redirectUri' | 'deny'>) {
  const b = browser(app, redirectUri);
  const page = await b.get(`${app.baseUrl}/slack/install`);
  assert.equal(page.status, 200);
  const link = addToSlackLink(page.html);
  assert.equal(link.searchParams.get('client_id'), fake.oauthApp.clientId);
  assert.equal(link.searchParams.get('redirect_uri'), redirectUri);
  const state = link.searchParams.get('state');
  assert.ok(state && b.cookies.size === 1, 'a state, bound to this browser by a cookie');
  const { redirectUrl } = fake.authorize({ scopes: link.searchParams.get('scope')!.split(','), ...who, state, redirectUri });
  const done = await b.get(redirectUrl);
  const exchange = fake.callsTo('oauth.v2.access').at(-1) as RecordedCall | undefined;
  const token = (exchange?.response as { access_token?: string } | undefined)?.access_token;
  return { done, redirectUrl, browser: b, token };
}
