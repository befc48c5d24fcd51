// The caches with a size limit drop the least recently used entry when full, not everything:
// a hot key read again and again stays cached while cold ones come and go.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cachedAdminCheck } from '../../src/invites/dashboard/service.js';
import { evictOldest, touch } from '../../src/invites/lru.js';
import { createSettingsReader } from '../../src/invites/settings/service.js';
import { createSingleFlightCache } from '../../src/invites/single-flight-cache.js';

describe('least-recently-used eviction', () => {
  it('touch moves a key to the most recent end; evictOldest drops from the other', () => {
    const map = new Map([['a', 1], ['b', 2], ['c', 3]]);
    touch(map, 'a', 1);
    evictOldest(map, 2);
    assert.deepEqual([...map.keys()], ['c', 'a']);
    evictOldest(map, 5);
    assert.deepEqual([...map.keys()], ['c', 'a'], 'nothing goes while there is room');
  });

  it('the single-flight cache keeps a key in use and forgets the one used longest ago', async () => {
    const cache = createSingleFlightCache({ maxEntries: 3, now: () => 0 });
    const loads: string[] = [];
    const get = (key: string) => cache.remember(key, 60_000, async () => (loads.push(key), key));
    for (const key of ['hot', 'a', 'b']) await get(key);
    await get('hot'); // used: now the most recent
    await get('c'); // full: 'a', used longest ago, goes
    await get('hot');
    await get('b');
    assert.deepEqual(loads, ['hot', 'a', 'b', 'c'], 'hot and b still cached');
    await get('a');
    assert.deepEqual(loads, ['hot', 'a', 'b', 'c', 'a'], 'a was evicted, and only a');
    assert.equal(cache.fresh('hot'), true, 'one eviction at a time, never all at once');
  });

  it('the admin check and the settings reader evict one entry at a time too', async () => {
    let lookups = 0;
    const isAdmin = cachedAdminCheck(async () => (lookups++, undefined));
    await isAdmin('T1', 'U0HOT');
    for (let i = 0; i < 10_001; i++) {
      await isAdmin('T1', `U${i}`);
      if (i % 1000 === 0) await isAdmin('T1', 'U0HOT');
    }
    const before = lookups;
    await isAdmin('T1', 'U0HOT');
    assert.equal(lookups, before, 'the person who keeps opening App Home is still cached after 10,001 others');

    let reads = 0;
    const reader = createSettingsReader({ get: async () => (reads++, undefined) }, 60_000, () => 0);
    await reader.get('T0HOT', { fresh: false });
    for (let i = 0; i < 10_001; i++) {
      await reader.get(`T${i}`, { fresh: false });
      if (i % 1000 === 0) await reader.get('T0HOT', { fresh: false });
    }
    const readsBefore = reads;
    await reader.get('T0HOT', { fresh: false });
    assert.equal(reads, readsBefore);
    await reader.get('T0', { fresh: false });
    assert.equal(reads, readsBefore + 1, 'the coldest went');
  });
});
