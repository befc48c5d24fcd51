// The Connect admin gateway: its mapping functions on Slack's recorded answers
// (docs/slack-samples/api), and the gateway itself against a minimal local Web API stub (what
// each method is sent, how answers, pages and failures come back in the port's terms).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { toBoltLogger } from '../../src/logger.js';
import {
  createConnectAdminGateway,
  denialMessage,
  toInviteRequest,
  toPendingApprovals,
  type ConnectInviteItem,
  type InviteRequestItem,
} from '../../src/slack/gateways/connect-admin.js';

type Json = Record<string, any>;
const sample = (name: string): Json => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../docs/slack-samples/api', name), 'utf8'));
const clone = <T>(value: T): T => structuredClone(value);

const LIST_SAMPLE = sample('conversations.listConnectInvites.json');
const REQUESTS_SAMPLE = sample('conversations.requestSharedInvite.list.docs_success.json');
/** The listConnectInvites sample's one item (SHAPE ONLY: real keys and types, placeholder values). */
const ITEM: Json = LIST_SAMPLE.invites[0];

/** The sample's item with the values Slack's own example gives a pending acceptance. */
function pendingItem(direction = 'outgoing'): Json {
  const item = clone(ITEM);
  item.direction = direction;
  item.acceptances[0].approval_status = 'pending_approval';
  return item;
}

describe('mapping listConnectInvites items (toPendingApprovals)', () => {
  it('takes the recorded sample as it is: its empty direction and approval status are not guessed at', () => {
    assert.deepEqual(LIST_SAMPLE.invites.flatMap((i: ConnectInviteItem) => toPendingApprovals(i)), []);
  });

  it('maps a pending acceptance: direction, channel, both parties, users, recipient, access, expiry', () => {
    assert.deepEqual(toPendingApprovals(pendingItem()), [{
      inviteId: 'I00000000',
      direction: 'outgoing',
      channelId: 'C00000000',
      channelName: undefined, // the sample's "" is no name
      isPrivate: false,
      invitingTeam: { id: 'E00000000', name: undefined, domain: undefined },
      invitingUserId: 'U00000000',
      acceptingTeam: { id: 'T00000000', name: undefined, domain: undefined },
      acceptingUserId: 'U00000000',
      recipientEmail: undefined,
      recipientUserId: 'U00000000',
      externalLimited: false,
      expiresAt: new Date(12345 * 1000),
    }]);
  });

  it('reads names and domains, lower-cases the address, and reads is_external_limited only when present', () => {
    const item = pendingItem('incoming');
    Object.assign(item.channel, { name: 'partners', is_private: true });
    Object.assign(item.invite.inviting_team, { name: 'Other Corp', domain: 'other-corp' });
    Object.assign(item.acceptances[0].accepting_team, { name: 'Acme', domain: 'acme' });
    item.invite.recipient_email = 'Pat@Example.COM';
    item.invite_payload.is_external_limited = true;
    const [approval] = toPendingApprovals(item);
    assert.equal(approval?.direction, 'incoming');
    assert.equal(approval?.channelName, 'partners');
    assert.equal(approval?.isPrivate, true);
    assert.deepEqual(approval?.invitingTeam, { id: 'E00000000', name: 'Other Corp', domain: 'other-corp' });
    assert.deepEqual(approval?.acceptingTeam, { id: 'T00000000', name: 'Acme', domain: 'acme' });
    assert.equal(approval?.recipientEmail, 'pat@example.com');
    assert.equal(approval?.externalLimited, true);
    delete item.invite_payload;
    assert.equal(toPendingApprovals(item)[0]?.externalLimited, undefined);
  });

  it("expires with the acceptance's date_invalid, else the invitation's", () => {
    const item = pendingItem();
    item.acceptances[0].date_invalid = 1_800_000_000;
    item.invite.date_invalid = 1_700_000_000;
    assert.deepEqual(toPendingApprovals(item)[0]?.expiresAt, new Date(1_800_000_000_000));
    delete item.acceptances[0].date_invalid;
    assert.deepEqual(toPendingApprovals(item)[0]?.expiresAt, new Date(1_700_000_000_000));
  });

  it('gives one approval per pending acceptance (each names its own target team), none for settled ones', () => {
    const item = pendingItem();
    const second = clone(item.acceptances[0]);
    second.accepting_team.id = 'E0SECOND';
    const approved = clone(item.acceptances[0]);
    approved.approval_status = 'approved';
    item.acceptances = [item.acceptances[0], approved, second];
    assert.deepEqual(toPendingApprovals(item).map((a) => a.acceptingTeam?.id), ['T00000000', 'E0SECOND']);
    item.acceptances = [approved];
    assert.deepEqual(toPendingApprovals(item), []);
    delete item.acceptances;
    assert.deepEqual(toPendingApprovals(item), [], 'an invitation nobody accepted waits for no approval');
  });

  it('reads an item whose invitation keys sit at the top level (as the recorded sample also shows)', () => {
    const item = pendingItem();
    delete item.invite;
    const [approval] = toPendingApprovals(item);
    assert.equal(approval?.inviteId, 'I00000000');
    assert.equal(approval?.invitingTeam?.id, 'E00000000');
    assert.equal(approval?.recipientUserId, 'U00000000');
  });

  it('skips items without an invitation ID or a channel', () => {
    const noChannel = pendingItem();
    delete noChannel.channel;
    const noId = pendingItem();
    noId.invite.id = '';
    assert.deepEqual([...toPendingApprovals(noChannel), ...toPendingApprovals(noId)], []);
  });
});

describe('mapping requestSharedInvite.list items (toInviteRequest)', () => {
  const [held, denied] = REQUESTS_SAMPLE.invite_requests as InviteRequestItem[];
  const beforeExpiry = new Date(1_723_000_000_000);

  it("maps Slack's example request: the invitee of target_user, the inviting team and user, access, expiry", () => {
    assert.deepEqual(toInviteRequest(held!, beforeExpiry), {
      inviteId: 'I12345',
      channelId: undefined,
      channelName: undefined,
      invitingUserId: 'U12345',
      invitingTeam: { id: 'E12345', name: 'Acme corp', domain: 'acme-corp' },
      // target_user (the one invitee this request is for) over the item's own recipient_email.
      recipientEmail: 'external-user1@other-corp.com',
      recipientUserId: 'U123456',
      externalLimited: false,
      expiresAt: new Date(1_723_581_931_000),
      state: 'pending',
    });
  });

  it('says denied for a request with date_denied, and reads its channel', () => {
    const request = toInviteRequest(denied!, beforeExpiry);
    assert.equal(request?.state, 'denied');
    assert.equal(request?.channelId, 'C12345');
    assert.equal(request?.channelName, 'channel-name');
    assert.equal(request?.recipientEmail, 'external-user@other-corp.com');
    assert.equal(request?.recipientUserId, undefined);
  });

  it('says expired once expires_at has passed', () => {
    assert.equal(toInviteRequest(held!, new Date(1_723_581_931_000))?.state, 'expired');
  });

  it('skips an item without an ID', () => {
    assert.equal(toInviteRequest({ ...held!, id: '' }), undefined);
  });
});

describe('denialMessage', () => {
  it("cuts the reason to Slack's 560 characters, never inside an emoji, and sends none for a blank one", () => {
    assert.equal(denialMessage('x'.repeat(600))?.length, 560);
    const emoji = denialMessage(`${'x'.repeat(559)}😀😀`)!;
    assert.equal([...emoji].length, 560);
    assert.ok(emoji.endsWith('😀'));
    assert.equal(denialMessage('  Not a partner we work with.  '), 'Not a partner we work with.');
    assert.equal(denialMessage('   '), undefined);
    assert.equal(denialMessage(undefined), undefined);
  });
});

// ------------------------------------------------------------------ the gateway over HTTP

interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body: Json;
}

/** A minimal Web API: records each call's form arguments, answers from a per-method script (the last answer repeats). */
class WebApiStub {
  readonly calls: Array<{ method: string; args: Record<string, string> }> = [];
  private readonly script = new Map<string, Answer[]>();
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      this.calls.push({ method, args: Object.fromEntries(new URLSearchParams(body)) });
      const queue = this.script.get(method) ?? [];
      const answer = (queue.length > 1 ? queue.shift() : queue[0]) ?? { body: { ok: false, error: 'unknown_method' } };
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }
  stop(): void {
    this.server.closeAllConnections();
    this.server.close();
  }
  answer(method: string, ...answers: Answer[]): void {
    this.script.set(method, answers);
  }
  reset(): void {
    this.calls.length = 0;
    this.script.clear();
  }
  argsOf(method: string): Array<Record<string, string>> {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }
}

/** The recorded listConnectInvites sample as a success: its error-only keys dropped. */
function listPage(items: Json[], nextCursor = ''): Json {
  const { error: _e, arg: _a, needed: _n, provided: _p, ...page } = clone(LIST_SAMPLE);
  return { ...page, ok: true, invites: items, response_metadata: { ...page.response_metadata, next_cursor: nextCursor } };
}

describe('the Connect admin gateway against a Web API stub', () => {
  const stub = new WebApiStub();
  const logger = toBoltLogger(pino({ level: 'silent' }));
  // As the app builds its clients: no retries of its own, rate limits rejected rather than waited out.
  const gateway = () => createConnectAdminGateway(new WebClient('xoxb-test', { slackApiUrl: stub.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger }));

  before(() => stub.start());
  after(() => stub.stop());
  beforeEach(() => stub.reset());

  it('approves and declines with invite_id, and target_team only when given', async () => {
    stub.answer('conversations.approveSharedInvite', { body: { ok: true } });
    stub.answer('conversations.declineSharedInvite', { body: { ok: true } });
    assert.deepEqual(await gateway().approve('I0AAA', 'E0ORG'), { ok: true });
    assert.deepEqual(await gateway().approve('I0BBB', undefined), { ok: true });
    assert.deepEqual(await gateway().decline('I0CCC', 'T0TEAM'), { ok: true });
    assert.deepEqual(stub.argsOf('conversations.approveSharedInvite'), [{ invite_id: 'I0AAA', target_team: 'E0ORG' }, { invite_id: 'I0BBB' }]);
    assert.deepEqual(stub.argsOf('conversations.declineSharedInvite'), [{ invite_id: 'I0CCC', target_team: 'T0TEAM' }]);
  });

  it("classifies Slack's refusals as everywhere else, the missing scope included", async () => {
    stub.answer('conversations.approveSharedInvite', { body: { ok: false, error: 'already_approved' } });
    stub.answer('conversations.declineSharedInvite', { body: { ...sample('conversations.declineSharedInvite.json'), error: 'missing_scope', needed: 'conversations.connect:manage', provided: 'commands' } });
    assert.deepEqual(await gateway().approve('I0AAA', 'E0ORG'), { ok: false, kind: 'slack_error', code: 'already_approved' });
    assert.deepEqual(await gateway().decline('I0AAA', undefined), { ok: false, kind: 'slack_error', code: 'missing_scope', neededScope: 'conversations.connect:manage' });
  });

  it('answers a rate limit with when to try again, and an HTTP failure with its status', async () => {
    stub.answer('conversations.requestSharedInvite.approve', { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } });
    assert.deepEqual(await gateway().approveRequest('I0REQ'), { ok: false, kind: 'rate_limited', retryAfterSeconds: 30 });
    stub.answer('conversations.acceptSharedInvite', { status: 503, body: { ok: false } });
    assert.deepEqual(await gateway().accept({ inviteId: 'I0IN', channelName: 'partners', isPrivate: false }), { ok: false, kind: 'http_error', status: 503 });
  });

  it('says unreachable when nothing answers', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const nowhere = createConnectAdminGateway(new WebClient('xoxb-test', { slackApiUrl: `http://127.0.0.1:${port}/api/`, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger }));
    assert.deepEqual(await nowhere.listPendingApprovals(), { ok: false, kind: 'unreachable' });
  });

  it('accepts with channel_name, invite_id and is_private, and gives back the channel and implicit approval', async () => {
    stub.answer('conversations.acceptSharedInvite', { body: { ok: true, implicit_approval: true, channel_id: 'C0NEW', invite_id: 'I0IN', can_open_scdm: false } });
    assert.deepEqual(await gateway().accept({ inviteId: 'I0IN', channelName: 'partners', isPrivate: true }), { ok: true, channelId: 'C0NEW', implicitApproval: true });
    assert.deepEqual(stub.argsOf('conversations.acceptSharedInvite'), [{ channel_name: 'partners', invite_id: 'I0IN', is_private: 'true' }]);
    stub.answer('conversations.acceptSharedInvite', { body: { ok: true } });
    assert.deepEqual(await gateway().accept({ inviteId: 'I0IN', channelName: 'partners', isPrivate: false }), { ok: true, channelId: undefined, implicitApproval: undefined });
  });

  it('lists pending approvals page by page (count 500, the cursor Slack gave), keeping only pending acceptances', async () => {
    const other = pendingItem('incoming');
    other.invite.id = 'I0SECOND';
    stub.answer('conversations.listConnectInvites', { body: listPage([pendingItem(), clone(ITEM)], 'page-2') }, { body: listPage([other]) });
    const result = await gateway().listPendingApprovals();
    assert.equal(result.ok, true);
    assert.deepEqual(result.ok && result.approvals.map((a) => [a.inviteId, a.direction]), [['I00000000', 'outgoing'], ['I0SECOND', 'incoming']]);
    assert.deepEqual(stub.argsOf('conversations.listConnectInvites'), [{ count: '500' }, { count: '500', cursor: 'page-2' }]);
  });

  it('spends at most 10 pages of the Tier 1 listing, and fails as a whole when a page fails', async () => {
    stub.answer('conversations.listConnectInvites', { body: listPage([pendingItem()], 'more') });
    const capped = await gateway().listPendingApprovals();
    assert.equal(stub.argsOf('conversations.listConnectInvites').length, 10);
    assert.equal(capped.ok && capped.approvals.length, 10);
    stub.reset();
    stub.answer('conversations.listConnectInvites', { body: listPage([pendingItem()], 'more') }, { body: { ok: false, error: 'restricted_action' } });
    assert.deepEqual(await gateway().listPendingApprovals(), { ok: false, kind: 'slack_error', code: 'restricted_action' });
  });

  it('approves a request with its invite_id, and denies it with the reason cut to 560 characters', async () => {
    stub.answer('conversations.requestSharedInvite.approve', { body: { ok: true, invite_id: 'I0REQ' } });
    stub.answer('conversations.requestSharedInvite.deny', { body: { ok: true, invite_id: 'I0REQ' } });
    assert.deepEqual(await gateway().approveRequest('I0REQ'), { ok: true });
    assert.deepEqual(await gateway().denyRequest('I0REQ', 'y'.repeat(700)), { ok: true });
    assert.deepEqual(await gateway().denyRequest('I0REQ', undefined), { ok: true });
    assert.deepEqual(stub.argsOf('conversations.requestSharedInvite.approve'), [{ invite_id: 'I0REQ' }]);
    assert.deepEqual(stub.argsOf('conversations.requestSharedInvite.deny'), [{ invite_id: 'I0REQ', message: 'y'.repeat(560) }, { invite_id: 'I0REQ' }]);
    stub.answer('conversations.requestSharedInvite.deny', { body: { ok: false, error: 'invite_already_denied' } });
    assert.deepEqual(await gateway().denyRequest('I0REQ', 'no'), { ok: false, kind: 'slack_error', code: 'invite_already_denied' });
  });

  it("lists requests still pending (limit 200, nothing decided or expired asked for), page by page: Slack's example answer", async () => {
    const later = clone(REQUESTS_SAMPLE.invite_requests[0]);
    later.id = 'I0LATER';
    // Far enough ahead that the example's requests are still pending whenever the test runs.
    const pendingForever = (r: Json) => ({ ...r, expires_at: 4_102_444_800 });
    const first = { ...clone(REQUESTS_SAMPLE), invite_requests: REQUESTS_SAMPLE.invite_requests.map(pendingForever) };
    stub.answer('conversations.requestSharedInvite.list', { body: first }, { body: { ok: true, invite_requests: [pendingForever(later)], response_metadata: { next_cursor: '' } } });
    const result = await gateway().listRequests();
    // The example's second request was denied: not the admins' to act on any more.
    assert.deepEqual(result.ok && result.requests.map((r) => [r.inviteId, r.state]), [['I12345', 'pending'], ['I0LATER', 'pending']]);
    const flags = { include_approved: 'false', include_denied: 'false', include_expired: 'false', limit: '200' };
    assert.deepEqual(stub.argsOf('conversations.requestSharedInvite.list'), [flags, { ...flags, cursor: 'aWQ6STAxNkszN0FBQUU=' }]);
  });

  it('spends at most 10 pages listing requests, and drops the ones that expired', async () => {
    stub.answer('conversations.requestSharedInvite.list', { body: clone(REQUESTS_SAMPLE) });
    const result = await gateway().listRequests();
    assert.equal(stub.argsOf('conversations.requestSharedInvite.list').length, 10);
    // The example's requests expired in 2024.
    assert.deepEqual(result, { ok: true, requests: [] });
  });
});
