// The /invite-private service with its ports replaced by small fakes: what it asks Slack again
// after a rate limit, and what it does when the database or Slack's look-ups let it down.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { RecordingFailedError } from '../../src/invites/steps.js';
import type { PrivateChannelGateway, PrivateInviteRecord, PrivateInviteResult, UserFacts, WorkspaceDirectory } from '../../src/invites/ports.js';
import { createPrivateChannelService, type PrivateChannelServiceDeps } from '../../src/invites/private-channel/service.js';

const logger = pino({ level: 'silent' });
const requester = { teamId: 'T0TEAM', userId: 'U0ALICE' };
const person = (id: string): UserFacts => ({ id, teamId: 'T0TEAM', name: id, email: undefined, isBot: false, isAdmin: false, isOwner: false, deleted: false });

function scriptedGateway(script: PrivateInviteResult[]) {
  const asked: string[][] = [];
  const gateway: PrivateChannelGateway = {
    method: 'groups.invite',
    async invite(_channelId, userIds) {
      asked.push([...userIds]);
      const next = script.shift();
      assert.ok(next, 'no more answers scripted');
      return next;
    },
  };
  return { gateway, asked };
}

function serviceWith(overrides: Partial<PrivateChannelServiceDeps>) {
  const slept: number[] = [];
  const saved: unknown[] = [];
  const deps: PrivateChannelServiceDeps = {
    repo: {
      createPrivateChannel: async () => assert.fail('not expected'),
      markSending: async () => ({}) as never,
      recordPrivateChannelOutcome: async (_id, outcome) => {
        saved.push(outcome);
        return { recorded: true } as never;
      },
      recordUnresolved: async () => assert.fail('not expected'),
      renewLease: async () => true,
      reload: async () => assert.fail('not expected'),
      deferSend: async () => assert.fail('not expected'),
    },
    gateway: scriptedGateway([]).gateway,
    directory: {} as WorkspaceDirectory,
    clock: { now: () => new Date(0), sleep: async (ms) => void slept.push(ms) },
    logger,
    appName: 'Connect Invites',
    botUserId: 'U0BOT',
    ...overrides,
  };
  return { service: createPrivateChannelService(deps), slept, saved };
}

const invite = (userIds: string[]) => ({ id: 'i1', channelId: 'G1', recipients: userIds.map((userId) => ({ userId })) }) as unknown as PrivateInviteRecord;

describe('private-channel service', () => {
  it('after a short rate limit, asks again only for the people Slack has not answered about', async () => {
    const { gateway, asked } = scriptedGateway([
      { answers: [{ userId: 'U1', outcome: 'INVITED' }], failure: { kind: 'rate_limited', retryAfterSeconds: 2 } },
      { answers: [{ userId: 'U2', outcome: 'ALREADY_MEMBER' }, { userId: 'U3', outcome: 'INVITED' }] },
    ]);
    const { service, slept, saved } = serviceWith({ gateway });
    await service.send(invite(['U1', 'U2', 'U3']));
    assert.deepEqual(asked, [['U1', 'U2', 'U3'], ['U2', 'U3']]);
    assert.deepEqual(slept, [2000]);
    assert.deepEqual(saved, [
      {
        status: 'COMPLETED',
        errorCode: undefined,
        recipients: [
          { userId: 'U1', outcome: 'INVITED' },
          { userId: 'U2', outcome: 'ALREADY_MEMBER' },
          { userId: 'U3', outcome: 'INVITED' },
        ],
      },
    ]);
  });

  it('does not wait out a long rate limit: the people left carry it', async () => {
    const { gateway, asked } = scriptedGateway([{ answers: [{ userId: 'U1', outcome: 'INVITED' }], failure: { kind: 'rate_limited', retryAfterSeconds: 60 } }]);
    const { service, slept, saved } = serviceWith({ gateway, maxRateLimitWaitSeconds: 10 });
    await service.send(invite(['U1', 'U2']));
    assert.equal(asked.length, 1);
    assert.deepEqual(slept, []);
    assert.deepEqual(saved, [
      {
        status: 'PARTIALLY_COMPLETED',
        errorCode: 'ratelimited',
        retryAfterSeconds: 60,
        recipients: [
          { userId: 'U1', outcome: 'INVITED' },
          { userId: 'U2', outcome: 'FAILED', errorCode: 'ratelimited' },
        ],
      },
    ]);
  });

  it('still shows the outcome when it cannot be saved', async () => {
    const { gateway } = scriptedGateway([{ answers: [{ userId: 'U1', outcome: 'INVITED' }] }]);
    const { service } = serviceWith({
      gateway,
      repo: {
        createPrivateChannel: async () => assert.fail('not expected'),
        markSending: async () => ({}) as never,
        recordPrivateChannelOutcome: async () => {
          throw new Error('database went away');
        },
        recordUnresolved: async () => assert.fail('not expected'),
        renewLease: async () => true,
        reload: async () => assert.fail('not expected'),
        deferSend: async () => assert.fail('not expected'),
      },
    });
    const shown = await service.send({ ...invite(['U1']), status: 'SENDING', recipients: [{ userId: 'U1', outcome: 'PENDING', errorCode: null }] } as PrivateInviteRecord);
    assert.equal(shown.status, 'COMPLETED');
    assert.deepEqual(shown.recipients.map((r) => r.outcome), ['INVITED']);
  });

  it('reports a recording failure as RecordingFailedError (nothing was sent)', async () => {
    const { gateway, asked } = scriptedGateway([]);
    const { service } = serviceWith({
      gateway,
      repo: {
        createPrivateChannel: async () => {
          throw new Error('database went away');
        },
        markSending: async () => assert.fail('not expected'),
        recordPrivateChannelOutcome: async () => assert.fail('not expected'),
        recordUnresolved: async () => assert.fail('not expected'),
        renewLease: async () => true,
        reload: async () => assert.fail('not expected'),
        deferSend: async () => assert.fail('not expected'),
      },
    });
    await assert.rejects(service.record({ channelId: 'G1', userIds: ['U1'] }, requester, { idempotencyKey: 'V1' }), RecordingFailedError);
    assert.deepEqual(asked, []);
  });

  it('fails closed when a look-up about one of the people never answers', async () => {
    const directory: WorkspaceDirectory = {
      channel: async (id) => ({ id, name: 'chan', isIm: false, isMpim: false, isPrivate: true, isArchived: false, isGeneral: false, appIsMember: true }),
      isMember: async () => true,
      user: async () => assert.fail('people are asked for together'),
      users: (ids) => (ids.includes('U2') ? new Promise(() => undefined) : Promise.resolve(new Map(ids.map((id) => [id, person(id)])))),
    };
    const { service } = serviceWith({ directory, lookupTimeoutMs: 50 });
    const checked = await service.check({ channelId: 'G1', userIds: ['U1', 'U2'] }, requester);
    assert.match(checked.errors?.channel ?? '', /Could not check this channel/);
  });

  it('passes a valid request, naming the channel for the record', async () => {
    const directory: WorkspaceDirectory = {
      channel: async (id) => ({ id, name: 'chan', isIm: false, isMpim: false, isPrivate: true, isArchived: false, isGeneral: false, appIsMember: true, memberCount: 3 }),
      isMember: async (_channel, user, memberCount) => (assert.equal(memberCount, 3, "the channel's size goes with the question"), user === requester.userId),
      user: async () => assert.fail('people are asked for together'),
      users: async (ids) => new Map(ids.map((id) => [id, person(id)])),
    };
    const { service } = serviceWith({ directory });
    assert.deepEqual(await service.check({ channelId: 'G1', userIds: ['U1', 'U2'] }, requester), { channelName: 'chan' });
  });

  it('asks about no one chosen when the requester may not add people to the channel', async () => {
    const asked: string[] = [];
    const directory: WorkspaceDirectory = {
      channel: async (id) => ({ id, name: 'chan', isIm: false, isMpim: false, isPrivate: true, isArchived: false, isGeneral: false, appIsMember: true, memberCount: 3 }),
      isMember: async () => false,
      user: async (id) => (asked.push(id), person(id)),
      users: async (ids) => (asked.push(...ids), new Map(ids.map((id) => [id, person(id)]))),
    };
    const { service } = serviceWith({ directory });
    const checked = await service.check({ channelId: 'G1', userIds: ['U1', 'U2'] }, requester);
    assert.match(checked.errors?.channel ?? '', /not a member of this private channel/);
    assert.deepEqual(asked, []);
  });
});
