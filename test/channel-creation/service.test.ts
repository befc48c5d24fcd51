// "Create the channel and invite in one step", service level: the real channel gateway, invite
// gateway, directory and user-group look-ups over real WebClients pointed at the fake Slack (over
// HTTP, at Slack's rate limits), and the real repository on a migrated PostgreSQL database.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import type { Config } from '../../src/config.js';
import { createChannelCreationRepository } from '../../src/db/channel-creation-repository.js';
import { createPrismaClient } from '../../src/db/database.js';
import { createChannelCreationService, type ChannelCreation, type NewChannelRequest } from '../../src/invites/channel-creation/service.js';
import type { Requester } from '../../src/invites/ports.js';
import { createSlackClients } from '../../src/slack/clients.js';
import { createChannelGateway } from '../../src/slack/gateways/channels.js';
import { createWorkspaceDirectory } from '../../src/slack/gateways/directory.js';
import { createPrivateChannelGateway } from '../../src/slack/gateways/private-channel.js';
import { createUserGroupDirectory } from '../../src/slack/gateways/usergroups.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack, manifestBotScopes, WORLD } from '../helpers/fake-slack.js';

const logger = pino({ level: 'silent' });
const { alice, bob, carol, guest, admin, owner } = WORLD.users;
const ALICE: Requester = { teamId: WORLD.teamId, userId: alice };
const GROUP = 'S0PARTNERS';

describe('channel creation (service, fake Slack over HTTP, real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: ReturnType<typeof createPrismaClient>;
  let fake: FakeSlack;
  let keys = 0;
  const key = () => `view-${++keys}-${Date.now()}`;

  before(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url, 4);
  });
  after(async () => {
    await prisma.$disconnect();
    await db.drop();
  });
  beforeEach(async () => {
    fake = await FakeSlack.start();
    fake.seedDefaultWorld();
    fake.usergroups.add({ id: GROUP, handle: 'partners-team', name: 'Partners team', users: [carol, admin] });
  });
  afterEach(() => fake.stop());

  /** The workspace's service as build.ts makes it, over `fake`, with a short timeout for Slack's answers. */
  function service(timeoutMs = 2000) {
    const slack: Config['slack'] = { botToken: fake.botToken, oauth: undefined, signingSecret: 'x', appToken: undefined, apiUrl: fake.url, privateInviteMethod: 'conversations.invite', inviteTimeoutMs: timeoutMs };
    const clients = createSlackClients(slack, logger, async () => fake.botToken);
    return createChannelCreationService({
      repo: createChannelCreationRepository(prisma),
      gateway: createChannelGateway(clients.invites),
      inviter: createPrivateChannelGateway(clients.invites, 'conversations.invite'),
      directory: createWorkspaceDirectory(clients.directory),
      usergroups: createUserGroupDirectory(clients.lookups),
      botUserId: fake.botUserId,
      appName: 'Connect Invites',
      logger,
    });
  }

  const request = (name: string, more: Partial<NewChannelRequest> = {}): NewChannelRequest => ({ name, isPrivate: false, memberUserIds: [], ...more });
  const channelsNamed = (name: string) => fake.callsTo('conversations.create').filter((c) => c.args.name === name && (c.response as { ok?: boolean })?.ok === true);
  const ok = (r: ChannelCreation) => {
    assert.ok(r.ok, `expected a channel, got ${JSON.stringify(r)}`);
    return r;
  };
  const row = async (idempotencyKey: string) => (await db.query<{ channel_id: string | null; status: string; attempts: number; error_code: string | null }>('SELECT channel_id, status, attempts, error_code FROM channel_creations WHERE idempotency_key = $1', [idempotencyKey]))[0];

  it('creates the channel once, with the bot in it, and adds the requester, the colleagues and the user group’s members', async () => {
    const k = key();
    const r = ok(await service().ensureChannel(ALICE, request('acme-partners', { memberUserIds: [bob], usergroupId: GROUP }), k));
    assert.equal(r.created, true);
    assert.equal(r.channelName, 'acme-partners');
    assert.deepEqual(r.notAdded, []);
    const ch = fake.channel(r.channelId)!;
    assert.equal(ch.creator, fake.botUserId);
    assert.equal(ch.isPrivate, false);
    assert.deepEqual([...ch.members].sort(), [fake.botUserId, alice, bob, carol, admin].sort());
    assert.equal(fake.callsTo('conversations.create').length, 1);
    assert.deepEqual(fake.callsTo('conversations.create')[0]!.args, { name: 'acme-partners', is_private: false });
    const stored = await row(k);
    assert.deepEqual(stored, { channel_id: r.channelId, status: 'COMPLETED', attempts: 1, error_code: null });
  });

  it('always adds the requester, even when nobody else is chosen, and never the app itself', async () => {
    const r = ok(await service().ensureChannel(ALICE, request('#just-alice', { memberUserIds: [fake.botUserId, alice] }), key()));
    assert.equal(r.channelName, 'just-alice', 'a leading # is dropped');
    assert.deepEqual([...fake.channel(r.channelId)!.members].sort(), [fake.botUserId, alice].sort());
    const invite = fake.callsTo('conversations.invite');
    assert.equal(invite.length, 1);
    assert.deepEqual(invite[0]!.args.users, [alice]);
  });

  it('creates a private channel when asked', async () => {
    const r = ok(await service().ensureChannel(ALICE, request('secret-deal', { isPrivate: true, memberUserIds: [bob] }), key()));
    const ch = fake.channel(r.channelId)!;
    assert.equal(ch.isPrivate, true);
    assert.deepEqual([...ch.members].sort(), [fake.botUserId, alice, bob].sort());
    assert.equal(fake.callsTo('conversations.create')[0]!.args.is_private, true);
  });

  it('a retried submission (same key) gets the same channel and creates none', async () => {
    const k = key();
    const svc = service();
    const first = ok(await svc.ensureChannel(ALICE, request('retried-once', { memberUserIds: [bob] }), k));
    const again = ok(await svc.ensureChannel(ALICE, request('retried-once', { memberUserIds: [bob] }), k));
    assert.equal(again.channelId, first.channelId);
    assert.equal(again.created, false);
    assert.deepEqual(again.notAdded, [], 'people already in it are not failures');
    assert.equal(fake.callsTo('conversations.create').length, 1, 'no second conversations.create');
    // Even a retry that now names another channel gets the one this submission created.
    const renamed = ok(await svc.ensureChannel(ALICE, request('another-name'), k));
    assert.equal(renamed.channelId, first.channelId);
    assert.equal(fake.callsTo('conversations.create').length, 1);
  });

  it('two deliveries of one submission at once make one channel, and both answer it', async () => {
    const k = key();
    // Each delivery as another replica would run it: its own clients and service.
    const [a, b] = await Promise.all([
      service().ensureChannel(ALICE, request('at-once', { memberUserIds: [bob] }), k),
      service().ensureChannel(ALICE, request('at-once', { memberUserIds: [bob] }), k),
    ]);
    const one = ok(a);
    const two = ok(b);
    assert.equal(one.channelId, two.channelId);
    assert.deepEqual([one.created, two.created].sort(), [false, true]);
    assert.equal(channelsNamed('at-once').length, 1);
    assert.deepEqual([...fake.channel(one.channelId)!.members].sort(), [fake.botUserId, alice, bob].sort());
    assert.equal((await row(k))!.channel_id, one.channelId);
  });

  it('Slack’s answer to create is lost (the channel exists): the same attempt finds and adopts it, no second channel', async () => {
    const k = key();
    fake.loseAnswerNext('conversations.create');
    const first = ok(await service(400).ensureChannel(ALICE, request('lost-answer', { memberUserIds: [bob] }), k));
    assert.equal(first.created, false);
    assert.equal(fake.callsTo('conversations.create').length, 1);
    assert.equal(fake.callsTo('conversations.create')[0]!.httpStatus, 0, 'Slack never answered');
    assert.deepEqual([...fake.channel(first.channelId)!.members].sort(), [fake.botUserId, alice, bob].sort());
    assert.equal((await row(k))!.status, 'COMPLETED');
  });

  it('the answer is lost and the look-up fails too: explained; the retried submission adopts the channel', async () => {
    const k = key();
    fake.loseAnswerNext('conversations.create');
    fake.failNext('conversations.list', 'internal_error');
    const first = await service(400).ensureChannel(ALICE, request('lost-twice', { memberUserIds: [bob] }), k);
    assert.equal(first.ok, false);
    if (first.ok) return;
    assert.equal(first.errorCode, 'slack_timeout');
    assert.match(first.problem, /doesn't know yet whether the channel was created/);
    assert.match(first.problem, /never creates it twice/);

    const retry = ok(await service().ensureChannel(ALICE, request('lost-twice', { memberUserIds: [bob] }), k));
    assert.equal(retry.created, false);
    assert.equal(channelsNamed('lost-twice').length, 1, 'one channel made: the one whose answer was lost');
    assert.equal(fake.callsTo('conversations.create').length, 2);
    assert.equal((fake.callsTo('conversations.create')[1]!.response as { error?: string }).error, 'name_taken');
    const named = fake.callsTo('conversations.create')[0]!.response as { channel: { id: string } };
    assert.equal(retry.channelId, named.channel.id, 'the channel the lost answer would have named');
    assert.deepEqual([...fake.channel(retry.channelId)!.members].sort(), [fake.botUserId, alice, bob].sort());
    assert.deepEqual(await row(k), { channel_id: retry.channelId, status: 'COMPLETED', attempts: 2, error_code: null });
  });

  it('a process that died between Slack’s answer and the database write: the retry gets name_taken and adopts the bot’s channel', async () => {
    const k = key();
    // The first delivery: recorded, attempt counted, Slack created the channel, then the process died.
    const repo = createChannelCreationRepository(prisma);
    const recorded = await repo.record({ teamId: WORLD.teamId, requesterUserId: alice, idempotencyKey: k, name: 'died-midway', isPrivate: false });
    await repo.startAttempt(recorded.id, 'died-midway', false);
    const bot = fake.callsTo('conversations.create').length;
    const slackSide = await fetch(`${fake.url}conversations.create`, { method: 'POST', headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'died-midway' }) });
    const created = ((await slackSide.json()) as { channel: { id: string } }).channel.id;
    assert.equal(fake.callsTo('conversations.create').length, bot + 1);

    const retry = ok(await service().ensureChannel(ALICE, request('died-midway', { memberUserIds: [bob] }), k));
    assert.equal(retry.channelId, created);
    assert.equal(retry.created, false);
    assert.equal(channelsNamed('died-midway').length, 1, 'one channel');
    const last = fake.callsTo('conversations.create').at(-1)!;
    assert.equal((last.response as { error?: string }).error, 'name_taken');
    assert.deepEqual([...fake.channel(created)!.members].sort(), [fake.botUserId, alice, bob].sort());
    assert.deepEqual(await row(k), { channel_id: created, status: 'COMPLETED', attempts: 2, error_code: null });
  });

  it('name_taken by a channel the requester is in: offers it (existingChannelId), adopts nothing', async () => {
    const r = await service().ensureChannel(ALICE, request('project-x'), key());
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.errorCode, 'name_taken');
    assert.equal(r.existingChannelId, WORLD.channels.public);
    assert.equal(r.existingChannelName, 'project-x');
    assert.equal(r.problem, '#project-x already exists and you are in it: choose it above, or pick another name.');
  });

  it('name_taken by a channel the requester is not in (or cannot be seen): explains, without the channel', async () => {
    for (const [requester, name] of [
      [{ teamId: WORLD.teamId, userId: carol }, 'project-x'], // public, carol is not in it
      [ALICE, 'private-nobot'], // private, the app is not in it: not listed
    ] as const) {
      const k = key();
      const r = await service().ensureChannel(requester, request(name), k);
      assert.equal(r.ok, false);
      if (r.ok) continue;
      assert.equal(r.errorCode, 'name_taken');
      assert.equal(r.existingChannelId, undefined);
      assert.equal(r.existingChannelName, undefined);
      assert.match(r.problem, /already exists/);
      assert.match(r.problem, /Pick another name/);
      assert.doesNotMatch(r.problem, /C0|G0|project-x|private-nobot/);
      assert.equal((await row(k))!.status, 'FAILED');
    }
  });

  it('a channel the bot created for another submission is not adopted by a retry of this one', async () => {
    const svc = service();
    const other = ok(await svc.ensureChannel({ teamId: WORLD.teamId, userId: bob }, request('bobs-room'), key()));
    const k = key();
    // This submission's first attempt failed; its retry names the same channel.
    fake.failNext('conversations.create', 'internal_error');
    const first = await svc.ensureChannel({ teamId: WORLD.teamId, userId: carol }, request('bobs-room'), k);
    assert.equal(first.ok, false);
    const retry = await svc.ensureChannel({ teamId: WORLD.teamId, userId: carol }, request('bobs-room'), k);
    assert.equal(retry.ok, false);
    if (retry.ok) return;
    assert.equal(retry.errorCode, 'name_taken');
    assert.equal(retry.existingChannelId, undefined);
    assert.ok(!fake.channel(other.channelId)!.members.includes(carol));
  });

  it('explains a missing scope, naming it, and creates nothing', async () => {
    fake.setBotScopes(manifestBotScopes().filter((s) => s !== 'channels:manage'));
    const k = key();
    const r = await service().ensureChannel(ALICE, request('no-scope'), k);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.errorCode, 'missing_scope');
    assert.match(r.problem, /"channels:manage"/);
    assert.match(r.problem, /Ask whoever runs Connect Invites to reinstall/);
    assert.deepEqual(await row(k), { channel_id: null, status: 'FAILED', attempts: 1, error_code: 'missing_scope' });
    // The private kind needs groups:write, which the manifest grants.
    ok(await service().ensureChannel(ALICE, request('no-scope-private', { isPrivate: true }), key()));
  });

  it('explains other refusals of conversations.create in its own words', async () => {
    fake.failNext('conversations.create', 'restricted_action');
    const r = await service().ensureChannel(ALICE, request('blocked'), key());
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.errorCode, 'restricted_action');
    assert.match(r.problem, /does not let Connect Invites create channels/);
    assert.match(r.problem, /Ask a workspace admin or owner to /);
  });

  it('refuses an invalid name before asking Slack, with a suggestion', async () => {
    const r = await service().ensureChannel(ALICE, request('Acme Partners'), key());
    assert.deepEqual(r, { ok: false, errorCode: 'invalid_name_specials', problem: 'Channel names are lower case, without spaces: try acme-partners.' });
    assert.equal(fake.callsTo('conversations.create').length, 0);
  });

  it('people Slack cannot add are listed in notAdded; the others are added', async () => {
    const r = ok(await service().ensureChannel(ALICE, request('some-cannot', { memberUserIds: [bob, guest, 'U0NOBODY', WORLD.users.ext] }), key()));
    assert.deepEqual(
      [...r.notAdded].sort((x, y) => x.userId.localeCompare(y.userId)),
      [
        { userId: 'U0EXT', errorCode: 'cant_invite' },
        { userId: guest, errorCode: 'ura_max_channels' },
        { userId: 'U0NOBODY', errorCode: 'user_not_found' },
      ].sort((x, y) => x.userId.localeCompare(y.userId)),
    );
    assert.deepEqual([...fake.channel(r.channelId)!.members].sort(), [fake.botUserId, alice, bob].sort());
  });

  it('a user group Slack does not know is reported under its ID; everyone else is added', async () => {
    const r = ok(await service().ensureChannel(ALICE, request('no-group', { memberUserIds: [owner], usergroupId: 'S0GONE' }), key()));
    assert.deepEqual(r.notAdded, [{ userId: 'S0GONE', errorCode: 'usergroup_not_found' }]);
    assert.deepEqual([...fake.channel(r.channelId)!.members].sort(), [fake.botUserId, alice, owner].sort());
  });
});
