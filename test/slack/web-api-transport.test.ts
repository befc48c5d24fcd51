// The Web API clients' lean fetch must behave as the built-in fetch does for everything the Web
// API client relies on: the request as sent, the answer as read, and the shape of each failure
// (classifyCallError tells a timeout from an unreachable Slack by it).
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { classifyCallError } from '../../src/slack/gateways/classify.js';
import { toBoltLogger } from '../../src/logger.js';
import { observeSlackCalls, slackFetch, slackTransport, type SlackCallResult } from '../../src/slack/web-api-transport.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('slackFetch, the Web API clients transport', () => {
  const seen: Seen[] = [];
  let base = '';
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const route = req.url ?? '';
      if (route.endsWith('/slow')) return void setTimeout(() => res.end('{"ok":true}'), 2000);
      if (route.endsWith('/redirect')) return void res.writeHead(302, { location: 'https://elsewhere.example/' }).end();
      if (route.endsWith('/gzip')) return void res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync('{"ok":true,"zipped":1}'));
      if (route.endsWith('/conversations.refused')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"error":"channel_not_found"}');
      if (route.endsWith('/conversations.limited')) return void res.writeHead(429, { 'retry-after': '3' }).end();
      if (route.endsWith('/empty')) return void res.writeHead(204).end();
      if (route.endsWith('/hangup')) return void req.socket.destroy();
      if (route.endsWith('/half')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"ok":tr');
        return void setTimeout(() => req.socket.destroy(), 20);
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '7', 'x-oauth-scopes': 'chat:write, users:read' });
      res.end(JSON.stringify({ ok: true, echo: body, emoji: 'café ☕' }));
    });
  });

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends the method, headers and body, and gives back status, headers, url and text', async () => {
    const body = 'channel=C1&text=caf%C3%A9';
    const response = await slackFetch(`${base}chat.postMessage`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer xoxb-1' }, body, redirect: 'error' });
    const request = seen.at(-1) as Seen;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/api/chat.postMessage');
    assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(request.headers.authorization, 'Bearer xoxb-1');
    assert.equal(request.headers['content-length'], String(Buffer.byteLength(body)));
    assert.equal(request.body, body);
    assert.equal(response.status, 200);
    assert.equal(response.url, `${base}chat.postMessage`);
    assert.equal(response.headers.get('retry-after'), '7');
    assert.deepEqual(await response.json(), { ok: true, echo: body, emoji: 'café ☕' });
  });

  it('serves a WebClient: arguments arrive form-encoded, the result and header metadata come back', async () => {
    const client = new WebClient('xoxb-test', { slackApiUrl: base, fetch: slackFetch, retryConfig: { retries: 0 }, logger: toBoltLogger(pino({ level: 'silent' })) });
    const result = (await client.apiCall('views.open', { trigger_id: '1.2.3', view: { type: 'modal', blocks: [] } })) as unknown as { echo: string; response_metadata?: { scopes?: string[] } };
    const form = new URLSearchParams(result.echo);
    assert.equal(form.get('trigger_id'), '1.2.3');
    assert.deepEqual(JSON.parse(form.get('view') ?? ''), { type: 'modal', blocks: [] });
    assert.equal((seen.at(-1) as Seen).headers.authorization, 'Bearer xoxb-test');
    assert.deepEqual(result.response_metadata?.scopes, ['chat:write', 'users:read']);
  });

  it('rejects with the signal\'s TimeoutError when the answer takes too long, as fetch does', async () => {
    const client = new WebClient('xoxb-test', { slackApiUrl: base, fetch: slackFetch, retryConfig: { retries: 0 }, timeout: 100, logger: toBoltLogger(pino({ level: 'silent' })) });
    const error = await client.apiCall('slow').then(() => assert.fail('should time out'), (e: unknown) => e);
    assert.deepEqual(classifyCallError(error), { kind: 'timeout' });
  });

  it('keeps its own time limit, one timer per call, failing as a timeout does', async () => {
    const client = new WebClient('xoxb-test', { slackApiUrl: base, ...slackTransport({ timeoutMs: 100 }), retryConfig: { retries: 0 }, logger: toBoltLogger(pino({ level: 'silent' })) });
    const started = Date.now();
    const error = await client.apiCall('slow').then(() => assert.fail('should time out'), (e: unknown) => e);
    assert.deepEqual(classifyCallError(error), { kind: 'timeout' });
    assert.ok(Date.now() - started < 1500, 'it did not wait for the answer');
    const quick = await client.apiCall('chat.postMessage', { channel: 'C1' });
    assert.equal(quick.ok, true, 'a call within the limit is unaffected');
  });

  it('fails a call whose connection closes halfway through the answer, and reads a body once', async () => {
    const error = await slackFetch(`${base}half`, { method: 'POST', body: 'x=1', redirect: 'error' }).then(() => assert.fail('should fail'), (e: unknown) => e);
    assert.ok(error instanceof TypeError);
    const response = await slackFetch(`${base}chat.postMessage`, { method: 'POST', body: 'x=1', redirect: 'error' });
    assert.equal(response.ok, true);
    await response.text();
    await assert.rejects(response.text(), TypeError);
  });

  it('rejects with a TypeError carrying the cause when the connection fails', async () => {
    const error = await slackFetch(`${base}hangup`, { method: 'POST', body: 'x=1', redirect: 'error' }).then(() => assert.fail('should fail'), (e: unknown) => e as TypeError);
    assert.ok(error instanceof TypeError);
    assert.ok((error.cause as { code?: string }).code, 'the socket error is the cause');
    const client = new WebClient('xoxb-test', { slackApiUrl: 'http://127.0.0.1:1/api/', fetch: slackFetch, retryConfig: { retries: 0 }, logger: toBoltLogger(pino({ level: 'silent' })) });
    assert.deepEqual(classifyCallError(await client.apiCall('auth.test').catch((e: unknown) => e)), { kind: 'unreachable' });
  });

  it('refuses a redirect when asked to, and never follows it', async () => {
    const before = seen.length;
    await assert.rejects(slackFetch(`${base}redirect`, { method: 'POST', body: 'x=1', redirect: 'error' }), TypeError);
    assert.equal(seen.length, before + 1);
  });

  it('undoes a compression the server chose, and handles an answer without a body', async () => {
    assert.deepEqual(await (await slackFetch(`${base}gzip`, { method: 'POST', body: '', redirect: 'error' })).json(), { ok: true, zipped: 1 });
    const empty = await slackFetch(`${base}empty`, { method: 'POST', body: '', redirect: 'error' });
    assert.equal(empty.status, 204);
    assert.equal(await empty.text(), '');
  });

  it('rejects at once when the signal is already aborted, without sending', async () => {
    const before = seen.length;
    const controller = new AbortController();
    controller.abort(new DOMException('gone', 'AbortError'));
    await assert.rejects(slackFetch(`${base}chat.postMessage`, { method: 'POST', body: 'x=1', redirect: 'error', signal: controller.signal }), { name: 'AbortError' });
    assert.equal(seen.length, before);
  });

  it('tells its observers each call’s method, result and duration, naming only Web API methods', async () => {
    const observed: Array<{ method: string; result: SlackCallResult; seconds: number }> = [];
    const stop = observeSlackCalls((method, result, seconds) => observed.push({ method, result, seconds }));
    try {
      const call = (path: string) => slackFetch(`${base}${path}`, { method: 'POST', body: 'x=1', redirect: 'error' }, 1000);
      await call('chat.postMessage');
      await call('conversations.refused');
      await call('conversations.limited');
      await call('slow').catch(() => undefined);
      await call('hangup').catch(() => undefined);
      // A file's address names its workspace and file: never a label.
      await call('files-pri/T0TEAM-F0FILE/list.csv');
    } finally {
      stop();
    }
    assert.deepEqual(
      observed.map(({ method, result }) => ({ method, result })),
      [
        { method: 'chat.postMessage', result: 'ok' },
        { method: 'conversations.refused', result: 'error' },
        { method: 'conversations.limited', result: 'rate_limited' },
        { method: 'other', result: 'timeout' },
        { method: 'other', result: 'network_error' },
        { method: 'other', result: 'ok' },
      ],
    );
    assert.ok(observed.every((o) => o.seconds >= 0));
    const count = observed.length;
    await slackFetch(`${base}chat.postMessage`, { method: 'POST', body: 'x=1', redirect: 'error' });
    assert.equal(observed.length, count, 'no longer observed once stopped');
  });
});
