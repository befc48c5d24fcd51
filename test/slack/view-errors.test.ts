// When Slack will not show a form or the Home tab, the person sees why and what to do, where
// they are: an ephemeral answer to their command (through its response_url), a notice on the
// Home tab for its buttons, an explanation in place of a Home tab Slack refused.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { useE2E, WORLD, type E2E } from '../helpers/e2e.js';
import { blockAction, eventCallback, slashCommand } from '../helpers/slack-payloads.js';

const { alice } = WORLD.users;

interface Posted {
  path: string;
  body: { response_type?: string; text?: string; blocks?: unknown[] };
}

/** Stands in for Slack's response_url endpoint: each POST is kept, and waited for by path. */
class ResponseUrls {
  private server!: Server;
  private readonly posted: Posted[] = [];
  private readonly waiting = new Map<string, (p: Posted) => void>();
  base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        const posted: Posted = { path: req.url ?? '', body: JSON.parse(raw || '{}') as Posted['body'] };
        this.posted.push(posted);
        this.waiting.get(posted.path)?.(posted);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next POST to `path` (or one already received). */
  next(path: string): Promise<Posted> {
    const seen = this.posted.find((p) => p.path === path);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiting.set(path, resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function runCommand(e2e: E2E, urls: ResponseUrls, command: string, path: string) {
  const before = e2e.fake.callsTo('views.open').length;
  const res = await e2e.app.send(slashCommand({ command, userId: alice, teamId: WORLD.teamId, channelId: WORLD.channels.public, responseUrl: `${urls.base}${path}` }));
  assert.equal(res.status, 200);
  const open = await e2e.fake.waitForCall('views.open', () => e2e.fake.callsTo('views.open').length > before);
  const answer = await urls.next(path);
  return { open, answer, text: `${answer.body.text} ${JSON.stringify(answer.body.blocks)}` };
}

function homeText(call: { args: Record<string, unknown> }): string {
  return JSON.stringify((call.args.view as { blocks: unknown[] }).blocks);
}

describe('view errors, explained where the person is', () => {
  const e2e = useE2E();
  const urls = new ResponseUrls();
  before(() => urls.start());
  after(() => urls.stop());

  it('a /share-channel form that took too long to open: an ephemeral message says so and to run the command again', async () => {
    e2e.fake.failNext('views.open', 'expired_trigger_id');
    const { open, answer, text } = await runCommand(e2e, urls, '/share-channel', '/commands/expired');
    assert.equal((open.response as { error?: string }).error, 'expired_trigger_id');
    assert.equal(answer.body.response_type, 'ephemeral', 'only the person sees it');
    assert.match(String(answer.body.text), /^The form took too long to open\. Nothing is wrong on your side: run `\/share-channel` again\./);
    assert.match(text, /Slack allows an app 3 seconds to open a form/);
    assert.match(text, /What to do next/);
    assert.match(text, /expired_trigger_id/);
    assert.doesNotMatch(text, /does not recognise|Please tell/, 'not the fallback for unknown errors');
    assert.ok(e2e.app.logs.some((l) => l.msg === 'could not open the form' && l.code === 'expired_trigger_id'));
  });

  it('a /invite-private trigger already used: the message points to the open form, or the command again', async () => {
    e2e.fake.failNext('views.open', 'exchanged_trigger_id');
    const { answer, text } = await runCommand(e2e, urls, '/invite-private', '/commands/exchanged');
    assert.equal(answer.body.response_type, 'ephemeral');
    assert.match(text, /This form was already opened/);
    assert.match(text, /If there is none, run `\/invite-private` again\./);
  });

  it('a Home tab button whose form would not open: the Home tab comes back with a notice, keeping the person’s filter', async () => {
    const state = JSON.stringify(['mine', 'failed']);
    e2e.fake.failNext('views.open', 'expired_trigger_id');
    const publishes = e2e.fake.callsTo('views.publish').length;
    const res = await e2e.app.send(
      blockAction({ actionId: 'home.open_share_channel', value: 'open', user: { id: alice, teamId: WORLD.teamId }, view: { id: 'VHOME', hash: 'h', view: { private_metadata: state }, type: 'home' } }),
    );
    assert.equal(res.status, 200);
    const publish = await e2e.fake.waitForCall('views.publish', (c) => c.args.user_id === alice && e2e.fake.callsTo('views.publish').indexOf(c) >= publishes);
    assert.equal((publish.response as { ok: boolean }).ok, true);
    const view = publish.args.view as { blocks: Array<{ type: string; text?: { text: string } }>; private_metadata: string };
    assert.equal(view.blocks[1]?.type, 'section', 'the notice comes right under the header');
    assert.match(view.blocks[1]!.text!.text, /The form took too long to open/);
    assert.match(view.blocks[1]!.text!.text, /click "Share a channel" again/);
    assert.match(homeText(publish), /home\.open_share_channel/, 'the dashboard and its buttons are still there');
    assert.equal(view.private_metadata, state, 'the filter the person had is kept');

    const reopened = e2e.fake.callsTo('views.publish').length;
    await e2e.app.send(eventCallback({ type: 'app_home_opened', user: alice, channel: 'D0HOME', tab: 'home' }, WORLD.teamId));
    const next = await e2e.fake.waitForCall('views.publish', (c) => c.args.user_id === alice && e2e.fake.callsTo('views.publish').indexOf(c) >= reopened);
    assert.doesNotMatch(homeText(next), /took too long/, 'the notice is gone at the next publish');
  });

  it('a Home tab Slack refuses as too large: a small one in its place says why', async () => {
    e2e.fake.failNext('views.publish', 'view_too_large');
    const publishes = e2e.fake.callsTo('views.publish').length;
    await e2e.app.send(eventCallback({ type: 'app_home_opened', user: alice, channel: 'D0HOME', tab: 'home' }, WORLD.teamId));
    const shown = await e2e.fake.waitForCall(
      'views.publish',
      (c) => c.args.user_id === alice && e2e.fake.callsTo('views.publish').indexOf(c) >= publishes && (c.response as { ok: boolean }).ok,
    );
    const calls = e2e.fake.callsTo('views.publish').slice(publishes, e2e.fake.callsTo('views.publish').indexOf(shown) + 1);
    assert.deepEqual(calls.map((c) => (c.response as { error?: string }).error ?? 'ok'), ['view_too_large', 'ok']);
    const text = homeText(shown);
    assert.match(text, /There was too much to show/);
    assert.match(text, /Your invitations are not affected/);
    assert.match(text, /Ask whoever runs Connect Invites to look into it/);
    assert.match(text, /home\.refresh/, 'with a way to try again');
  });
});
