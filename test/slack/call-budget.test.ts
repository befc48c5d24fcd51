// The look-ups' count against Slack's rate tiers, on a scripted clock: no call over a tier in any
// window, bulk look-ups leaving room for people's own checks, a 429 waited out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCallBudget, TIER_CALLS_PER_MINUTE } from '../../src/slack/call-budget.js';
import { busiestWindow } from '../helpers/windows.js';

function scriptedClock() {
  const clock = {
    t: 0,
    slept: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}


describe('call budget', () => {
  it("lets a person's calls use the whole tier, then waits for the window to free a slot", async () => {
    const clock = scriptedClock();
    const budget = createCallBudget({ marginMs: 0, now: clock.now, sleep: clock.sleep });
    const times: number[] = [];
    for (let i = 0; i < 250; i++) {
      await budget.take('users.info', 'person');
      times.push(clock.t);
    }
    assert.equal(TIER_CALLS_PER_MINUTE[4], 100);
    assert.deepEqual([times[0], times[99], times[100], times[199], times[200]], [0, 0, 60_000, 60_000, 120_000]);
    assert.equal(busiestWindow(times, 60_000), 100, 'never more than Tier 4 in a minute');
  });

  it('keeps a fifth of each tier from bulk look-ups, for the people waiting on their own checks', async () => {
    const clock = scriptedClock();
    const budget = createCallBudget({ marginMs: 0, now: clock.now, sleep: clock.sleep });
    const bulk: number[] = [];
    for (let i = 0; i < 100; i++) {
      await budget.take('users.info', 'bulk');
      bulk.push(clock.t);
    }
    assert.equal(bulk.filter((t) => t === 0).length, 80, '80 at once, the other 20 a minute later');
    assert.equal(bulk[99], 60_000);
    // Meanwhile (a fresh budget at the moment the bulk look-ups had used their share): a person is not kept waiting.
    const other = scriptedClock();
    const shared = createCallBudget({ marginMs: 0, now: other.now, sleep: other.sleep });
    for (let i = 0; i < 80; i++) await shared.take('users.info', 'bulk');
    for (let i = 0; i < 20; i++) await shared.take('users.info', 'person');
    assert.equal(other.t, 0);
    assert.equal(shared.used('users.info'), 100);
  });

  it('counts a call a little longer than the window by default (it reaches Slack after it is counted)', async () => {
    const clock = scriptedClock();
    const budget = createCallBudget({ now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 101; i++) await budget.take('users.info', 'person');
    assert.equal(clock.t, 61_000);
  });

  it('counts each method against its own tier', async () => {
    const clock = scriptedClock();
    const budget = createCallBudget({ marginMs: 0, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 50; i++) await budget.take('users.conversations', 'person');
    for (let i = 0; i < 100; i++) await budget.take('conversations.members', 'person');
    assert.equal(clock.t, 0);
    assert.equal(budget.limit('users.conversations'), 50);
    await budget.take('users.conversations', 'person');
    assert.equal(clock.t, 60_000, 'the 51st Tier-3 call waits a minute');
  });

  it("waits out Slack's Retry-After for that method only", async () => {
    const clock = scriptedClock();
    const budget = createCallBudget({ marginMs: 0, now: clock.now, sleep: clock.sleep });
    budget.pause('users.info', 7);
    await budget.take('conversations.info', 'person');
    assert.equal(clock.t, 0);
    await budget.take('users.info', 'person');
    assert.equal(clock.t, 7000);
  });

  it('keeps to the tier when many wait at once', async () => {
    // Real timers with a shortened window: all 120 asked at once.
    const budget = createCallBudget({ windowMs: 200, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    const seen: number[] = [];
    await Promise.all(Array.from({ length: 120 }, () => budget.take('users.info', 'bulk').then(() => seen.push(budget.used('users.info')))));
    assert.equal(seen.length, 120);
    assert.ok(Math.max(...seen) <= 80, `at most 80 bulk calls counted in the window at any grant, saw ${Math.max(...seen)}`);
  });
});
