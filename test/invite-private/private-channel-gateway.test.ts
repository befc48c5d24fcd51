// The private-channel gateway against the fake Slack Web API: what each method is sent, and how
// every shape of answer becomes one answer per person (or a failure of the whole call).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebClient } from '@slack/web-api';
import { createPrivateChannelGateway } from '../../src/slack/gateways/private-channel.js';
import { FakeSlack, WORLD } from '../helpers/fake-slack.js';

const { alice, bob, carol, admin, guest } = WORLD.users;
const NOBODY = 'U0NOBODY';

describe('private-channel gateway', () => {
  let fake: FakeSlack;
  const client = (token: string) => new WebClient(token, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });

  before(async () => {
    fake = await FakeSlack.start();
    fake.seedDefaultWorld();
  });
  after(() => fake.stop());

  describe('groups.invite (one call per person)', () => {
    it('with a user token: invited, already a member (already_in_group), and per-person refusals', async () => {
      fake.setGroupsInviteRetired(false);
      // The user token acts as admin, who must be in the channel to invite into it.
      fake.channel(WORLD.channels.private)!.members.push(admin);
      const gateway = createPrivateChannelGateway(client(fake.userToken), 'groups.invite');
      const before = fake.callsTo('groups.invite').length;

      const result = await gateway.invite(WORLD.channels.private, [bob, alice, guest, NOBODY]);

      assert.equal(gateway.method, 'groups.invite');
      const calls = fake.callsTo('groups.invite').slice(before);
      assert.deepEqual(calls.map((c) => c.args), [bob, alice, guest, NOBODY].map((user) => ({ channel: WORLD.channels.private, user })));
      assert.equal((calls[1]!.response as { already_in_group?: boolean }).already_in_group, true);
      assert.deepEqual(result.answers, [
        { userId: bob, outcome: 'INVITED' },
        { userId: alice, outcome: 'ALREADY_MEMBER' },
        { userId: guest, outcome: 'FAILED', errorCode: 'ura_max_channels' },
        { userId: NOBODY, outcome: 'FAILED', errorCode: 'user_not_found' },
      ]);
      assert.equal(result.failure, undefined);
      assert.ok(fake.channel(WORLD.channels.private)!.members.includes(bob));
    });

    it('stops at the first error that is about the call, not the person (the bot token: user_is_bot)', async () => {
      fake.setGroupsInviteRetired(false);
      const gateway = createPrivateChannelGateway(client(fake.botToken), 'groups.invite');
      const before = fake.callsTo('groups.invite').length;
      const result = await gateway.invite(WORLD.channels.private, [carol, NOBODY]);
      assert.equal(fake.callsTo('groups.invite').length - before, 1);
      assert.deepEqual(result.answers, []);
      assert.deepEqual(result.failure, { kind: 'slack_error', code: 'user_is_bot' });
    });

    it('keeps the answers given before a failure of the call, and asks no one after it', async () => {
      fake.setGroupsInviteRetired(false);
      const channel = fake.addChannel({ id: 'G0GWAY1', name: 'gway-1', isPrivate: true, members: [admin] }).id;
      fake.delayNext('groups.invite', 0); // the first call goes through
      fake.rateLimitNext('groups.invite', 30); // the second is rate limited
      const gateway = createPrivateChannelGateway(client(fake.userToken), 'groups.invite');
      const before = fake.callsTo('groups.invite').length;
      const result = await gateway.invite(channel, [bob, carol, NOBODY]);
      assert.deepEqual(fake.callsTo('groups.invite').slice(before).map((c) => c.args.user), [bob, carol]);
      assert.deepEqual(result, { answers: [{ userId: bob, outcome: 'INVITED' }], failure: { kind: 'rate_limited', retryAfterSeconds: 30 }, warnings: [] });
    });
  });

  describe('conversations.invite (everyone in one call)', () => {
    it('sends the IDs comma-separated with force, and reads the per-person errors of an ok answer', async () => {
      const channel = fake.addChannel({ id: 'G0GWAY2', name: 'gway-2', isPrivate: true, members: [alice, WORLD.users.bot, carol] }).id;
      const gateway = createPrivateChannelGateway(client(fake.botToken), 'conversations.invite');
      const before = fake.callsTo('conversations.invite').length;
      const result = await gateway.invite(channel, [bob, carol, guest]);
      const [call] = fake.callsTo('conversations.invite').slice(before);
      assert.deepEqual(call!.args, { channel, users: [bob, carol, guest], force: true });
      assert.equal((call!.response as { ok: boolean }).ok, true);
      assert.deepEqual(result.answers, [
        { userId: bob, outcome: 'INVITED' },
        { userId: carol, outcome: 'FAILED', errorCode: 'already_in_channel' },
        { userId: guest, outcome: 'FAILED', errorCode: 'ura_max_channels' },
      ]);
      assert.equal(result.failure, undefined);
    });

    it('reads the per-person errors of an ok:false answer too, and reports the call failed', async () => {
      const channel = fake.addChannel({ id: 'G0GWAY3', name: 'gway-3', isPrivate: true, members: [alice, WORLD.users.bot, carol] }).id;
      const gateway = createPrivateChannelGateway(client(fake.botToken), 'conversations.invite');
      const result = await gateway.invite(channel, [carol, guest]);
      assert.deepEqual(result.answers, [
        { userId: carol, outcome: 'FAILED', errorCode: 'already_in_channel' },
        { userId: guest, outcome: 'FAILED', errorCode: 'ura_max_channels' },
      ]);
      assert.deepEqual(result.failure, { kind: 'slack_error', code: 'already_in_channel' });
    });

    it('reports a whole-call error with no answer for anyone', async () => {
      const gateway = createPrivateChannelGateway(client(fake.botToken), 'conversations.invite');
      const result = await gateway.invite(WORLD.channels.privateNoBot, [bob]);
      assert.deepEqual(result, { answers: [], failure: { kind: 'slack_error', code: 'channel_not_found' }, warnings: [] });
    });

    it('collects warnings from both ok and failed answers', async () => {
      const answers = [
        { ok: true, warning: 'superfluous_charset', response_metadata: { warnings: ['superfluous_charset', 'missing_charset'] } },
      ];
      const stub = { conversations: { invite: async () => answers[0] } } as unknown as WebClient;
      const ok = await createPrivateChannelGateway(stub, 'conversations.invite').invite('G0X', [bob]);
      assert.deepEqual(ok.warnings, ['superfluous_charset', 'missing_charset']);
      assert.deepEqual(ok.answers, [{ userId: bob, outcome: 'INVITED' }]);

      fake.failNext('conversations.invite', 'cant_invite', {
        extra: { warning: 'missing_charset', errors: [{ user: carol, ok: false, error: 'cant_invite' }] },
      });
      const failed = await createPrivateChannelGateway(client(fake.botToken), 'conversations.invite').invite(WORLD.channels.private, [carol]);
      assert.deepEqual(failed.warnings, ['missing_charset']);
      assert.deepEqual(failed.answers, [{ userId: carol, outcome: 'FAILED', errorCode: 'cant_invite' }]);
    });

    it('ignores per-person errors about people it did not ask for', async () => {
      fake.failNext('conversations.invite', 'cant_invite', { extra: { errors: [{ user: 'U0STRANGER', ok: false, error: 'cant_invite' }, 'junk'] } });
      const result = await createPrivateChannelGateway(client(fake.botToken), 'conversations.invite').invite(WORLD.channels.private, [carol]);
      assert.deepEqual(result.answers, []);
      assert.deepEqual(result.failure, { kind: 'slack_error', code: 'cant_invite' });
    });
  });
});
