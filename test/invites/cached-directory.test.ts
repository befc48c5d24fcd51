import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCachedDirectory } from '../../src/invites/cached-directory.js';
import type { ChannelFacts, UserFacts, WorkspaceDirectory } from '../../src/invites/ports.js';

const person = (id: string): UserFacts => ({ id, teamId: 'T1', name: id, email: undefined, isBot: false, isAdmin: false, isOwner: false, deleted: false });

function countingDirectory(overrides: Partial<WorkspaceDirectory> = {}) {
  const calls = { channel: 0, isMember: 0, user: 0, users: [] as string[][] };
  const facts: ChannelFacts = { id: 'C1', name: 'x', isIm: false, isMpim: false, isPrivate: false, isArchived: false, isGeneral: false, appIsMember: true };
  const directory: WorkspaceDirectory = {
    channel: async () => (calls.channel++, await new Promise((r) => setTimeout(r, 20)), facts),
    isMember: async () => (calls.isMember++, await new Promise((r) => setTimeout(r, 20)), true),
    user: async () => (calls.user++, undefined),
    users: async (ids) => (calls.users.push([...ids]), await new Promise((r) => setTimeout(r, 20)), new Map(ids.map((id) => [id, person(id)]))),
    ...overrides,
  };
  return { directory, calls };
}

describe('cached directory', () => {
  it('answers concurrent askers with one call', async () => {
    const { directory, calls } = countingDirectory();
    const cached = createCachedDirectory(directory);
    await Promise.all(Array.from({ length: 50 }, () => Promise.all([cached.channel('C1'), cached.isMember('C1', 'U1')])));
    assert.deepEqual(calls, { channel: 1, isMember: 1, user: 0, users: [] });
  });

  it('reuses channel facts within their TTL, but never a settled membership', async () => {
    let t = 0;
    const { directory, calls } = countingDirectory();
    const cached = createCachedDirectory(directory, { channelTtlMs: 1000, now: () => t });
    await cached.channel('C1');
    await cached.isMember('C1', 'U1');
    t = 500;
    await cached.channel('C1');
    await cached.isMember('C1', 'U1');
    assert.deepEqual(calls, { channel: 1, isMember: 2, user: 0, users: [] });
    t = 1500;
    await cached.channel('C1');
    assert.equal(calls.channel, 2);
  });

  it('does not keep a failure: the next asker tries again', async () => {
    let fail = true;
    const { directory } = countingDirectory({
      channel: async () => {
        if (fail) throw new Error('timeout');
        return undefined;
      },
    });
    const cached = createCachedDirectory(directory);
    await assert.rejects(cached.channel('C1'));
    fail = false;
    assert.equal(await cached.channel('C1'), undefined);
  });

  it('asks for many people in one batch, only for those it does not hold, in the order asked', async () => {
    let t = 0;
    const { directory, calls } = countingDirectory({ user: async (id) => person(id) });
    const cached = createCachedDirectory(directory, { userTtlMs: 1000, now: () => t });
    await cached.user('U2');
    const first = await cached.users(['U1', 'U2', 'U3']);
    assert.deepEqual([...first.keys()], ['U1', 'U2', 'U3']);
    assert.equal(first.get('U3')?.id, 'U3');
    assert.deepEqual(calls.users, [['U1', 'U3']], 'U2 came from the cache');
    // Concurrent batches share what is in flight; nothing is asked twice.
    t = 2000;
    await Promise.all([cached.users(['U1', 'U4']), cached.users(['U4', 'U5'])]);
    assert.deepEqual(calls.users.slice(1), [['U1', 'U4'], ['U5']]);
    t = 2500;
    await cached.users(['U1', 'U4', 'U5']);
    assert.equal(calls.users.length, 3, 'all within their TTL');
  });

  it('keeps none of a failed batch', async () => {
    let fail = true;
    const { directory, calls } = countingDirectory({
      users: async (ids) => {
        calls.users.push([...ids]);
        if (fail) throw new Error('timeout');
        return new Map(ids.map((id) => [id, person(id)]));
      },
    });
    const cached = createCachedDirectory(directory);
    await assert.rejects(cached.users(['U1', 'U2']));
    fail = false;
    assert.equal((await cached.users(['U1', 'U2'])).size, 2);
    assert.deepEqual(calls.users, [['U1', 'U2'], ['U1', 'U2']]);
  });
});
