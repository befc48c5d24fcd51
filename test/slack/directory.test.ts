// The channel and people look-ups against the fake Slack Web API: membership asked the cheaper
// way for the channel's size (counted in the fake's recorded calls), profiles in bulk, a 429 waited out.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { LogLevel, WebClient } from '@slack/web-api';
import { createWorkspaceDirectory, membershipMethod } from '../../src/slack/gateways/directory.js';
import { createCallBudget } from '../../src/slack/call-budget.js';
import { FakeSlack, manyMemberIds, WORLD } from '../helpers/fake-slack.js';

const silent = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

describe('membershipMethod: the cheaper way for the channel’s size', () => {
  it('pages a channel that fits in one page, and asks for the person’s channels beyond it', () => {
    // conversations.members: ceil(n / 1000) Tier-4 calls (1/100 of a minute each); users.conversations: one Tier-3 call (1/50).
    assert.equal(membershipMethod(3), 'conversations.members');
    assert.equal(membershipMethod(1000), 'conversations.members');
    assert.equal(membershipMethod(1001), 'users.conversations', 'two pages cost as much as one Tier-3 call: the single call wins');
    assert.equal(membershipMethod(10_000), 'users.conversations');
    assert.equal(membershipMethod(undefined), 'users.conversations', 'unknown size: the cost that does not grow with it');
  });
});

describe('workspace directory against the fake Slack', () => {
  let fake: FakeSlack;
  let client: WebClient;
  const BIG = 'C0BIG';
  before(async () => {
    fake = await FakeSlack.start();
    fake.seedDefaultWorld();
    fake.addChannel({ id: BIG, name: 'everyone-big', members: [...manyMemberIds(10_000), WORLD.users.bob, WORLD.users.bot] });
    client = new WebClient(fake.botToken, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silent });
  });
  beforeEach(() => fake.reset());
  after(() => fake.stop());

  it("gives the channel's size with its facts", async () => {
    const directory = createWorkspaceDirectory(client);
    const facts = await directory.channel(BIG);
    assert.equal(facts?.memberCount, 10_002);
    assert.deepEqual(fake.callsTo('conversations.info').map((c) => c.args), [{ channel: BIG, include_num_members: true }]);
  });

  it('answers for a 10,000-member channel with one users.conversations call, member or not', async () => {
    const directory = createWorkspaceDirectory(client);
    assert.equal(await directory.isMember(BIG, WORLD.users.bob, 10_002), true);
    assert.equal(await directory.isMember(BIG, WORLD.users.carol, 10_002), false);
    assert.equal(fake.callsTo('conversations.members').length, 0, 'the channel is never paged');
    assert.deepEqual(fake.callsTo('users.conversations').map((c) => c.args), [
      { user: WORLD.users.bob, types: 'public_channel,private_channel', limit: 1000 },
      { user: WORLD.users.carol, types: 'public_channel,private_channel', limit: 1000 },
    ]);
  });

  it('pages a small channel once instead', async () => {
    const directory = createWorkspaceDirectory(client);
    assert.equal(await directory.isMember(WORLD.channels.public, WORLD.users.alice, 3), true);
    assert.equal(await directory.isMember(WORLD.channels.public, WORLD.users.carol, 3), false);
    assert.equal(fake.callsTo('users.conversations').length, 0);
    assert.equal(fake.callsTo('conversations.members').length, 2);
  });

  it("finds a private channel among the person's channels (the app is in it)", async () => {
    const directory = createWorkspaceDirectory(client);
    assert.equal(await directory.isMember(WORLD.channels.private, WORLD.users.alice), true);
    assert.equal(await directory.isMember(WORLD.channels.private, WORLD.users.bob), false);
  });

  it('looks many people up at once, in the order asked, unknown people as undefined', async () => {
    const directory = createWorkspaceDirectory(client);
    const ids = [WORLD.users.carol, 'U0NOBODY', WORLD.users.alice];
    const found = await directory.users(ids);
    assert.deepEqual([...found.keys()], ids);
    assert.equal(found.get(WORLD.users.carol)?.name, 'carol');
    assert.equal(found.get('U0NOBODY'), undefined);
    assert.equal(fake.callsTo('users.info').length, 3);
  });

  it('waits out a short 429 on a look-up, then counts the method as paused', async () => {
    const budget = createCallBudget();
    const directory = createWorkspaceDirectory(client, { budget });
    fake.rateLimitNext('users.info', 1);
    assert.equal((await directory.user(WORLD.users.bob))?.id, WORLD.users.bob);
    assert.deepEqual(fake.callsTo('users.info').map((c) => c.httpStatus), [429, 200]);
  });

  it('fails a look-up Slack rate-limits for longer than a person can wait', async () => {
    const directory = createWorkspaceDirectory(client);
    fake.rateLimitNext('conversations.info', 120);
    await assert.rejects(directory.channel(BIG));
    assert.equal(fake.callsTo('conversations.info').length, 1);
  });
});
