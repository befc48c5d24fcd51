import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCachedDirectory } from '../../src/invites/cached-directory.js';
import type { ChannelFacts, WorkspaceDirectory } from '../../src/invites/ports.js';

function countingDirectory(overrides: Partial<WorkspaceDirectory> = {}) {
  const calls = { channel: 0, isMember: 0, user: 0 };
  const facts: ChannelFacts = { id: 'C1', name: 'x', isIm: false, isMpim: false, isPrivate: false, isArchived: false, isGeneral: false, appIsMember: true };
  const directory: WorkspaceDirectory = {
    channel: async () => (calls.channel++, await new Promise((r) => setTimeout(r, 20)), facts),
    isMember: async () => (calls.isMember++, await new Promise((r) => setTimeout(r, 20)), true),
    user: async () => (calls.user++, undefined),
    ...overrides,
  };
  return { directory, calls };
}

describe('cached directory', () => {
  it('answers concurrent askers with one call', async () => {
    const { directory, calls } = countingDirectory();
    const cached = createCachedDirectory(directory);
    await Promise.all(Array.from({ length: 50 }, () => Promise.all([cached.channel('C1'), cached.isMember('C1', 'U1')])));
    assert.deepEqual(calls, { channel: 1, isMember: 1, user: 0 });
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
    assert.deepEqual(calls, { channel: 1, isMember: 2, user: 0 });
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
});
