// keepLease (the heartbeat that renews a send's lease) and sendUnderLease, with a clock the test
// moves and a renew function the test answers. Real timers tick (every 10 ms), but every assertion
// is about a state reached after awaiting what causes it, never about how long something took.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { keepLease, leasePolicy, LeaseLostError, type LeaseKeeper } from '../../src/invites/lease.js';
import type { PrivateInviteRecord } from '../../src/invites/ports.js';
import { sendUnderLease } from '../../src/invites/steps.js';

interface LogLine {
  level: number;
  msg: string;
  err?: { message: string };
  leaseVersion?: number;
}

function memoryLogger() {
  const lines: LogLine[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { log, lines, warnings: () => lines.filter((l) => l.level === 40).map((l) => l.msg) };
}

/** Lets every pending promise callback and due timer of this turn run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 5000; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await pause(2);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A renew function whose every call waits for the test to answer it. */
function scriptedRenew(clock: { t: number }) {
  interface Call {
    startedAt: number;
    resolve(held: boolean): void;
    reject(err: Error): void;
  }
  const pending: Call[] = [];
  let calls = 0;
  const renew = () =>
    new Promise<boolean>((resolve, reject) => {
      calls++;
      pending.push({ startedAt: clock.t, resolve, reject });
    });
  return {
    renew,
    calls: () => calls,
    pending: () => pending.length,
    /** The next renewal the heartbeat starts. */
    next: () => waitFor('the next renewal', () => pending.shift()),
  };
}

describe('keepLease', () => {
  const keepers: LeaseKeeper[] = [];
  afterEach(() => {
    for (const k of keepers.splice(0)) k.stop();
  });
  const policy = { renewEveryMs: 10, callWindowMs: 100 };

  function start(options: { since?: number } = {}) {
    const clock = { t: 0 };
    const script = scriptedRenew(clock);
    const logger = memoryLogger();
    const keeper = keepLease(script.renew, policy, logger.log, () => clock.t, options.since);
    keepers.push(keeper);
    return { clock, script, logger, keeper };
  }

  it('keeps mayCallSlack() true as long as renewals are confirmed, well past one call window', async () => {
    const { clock, script, keeper, logger } = start();
    assert.equal(keeper.mayCallSlack(), true);
    // The clock moves only while a renewal is pending: no renewal can start in between, so each
    // one starts at the time the previous round left.
    for (let i = 0; i < 10; i++) {
      const call = await script.next();
      assert.equal(call.startedAt, clock.t);
      clock.t += 40;
      assert.equal(keeper.mayCallSlack(), true, `before renewal ${i + 1} is answered (t = ${clock.t})`);
      call.resolve(true);
      await settle();
      assert.equal(keeper.mayCallSlack(), true, `after renewal ${i + 1} (t = ${clock.t})`);
      assert.doesNotThrow(() => keeper.assertHeld());
    }
    assert.equal(clock.t, 4 * policy.callWindowMs);
    assert.deepEqual(logger.warnings(), []);
  });

  it('counts the window from the start of the last confirmed renewal, not from when it was answered', async () => {
    const { clock, script, keeper } = start();
    clock.t = 50;
    const call = await script.next();
    assert.equal(call.startedAt, 50);
    clock.t = 140; // answered late: 90 ms after it started
    call.resolve(true);
    await settle();
    assert.equal(keeper.mayCallSlack(), true, '90 ms since the renewal started');
    clock.t = 150;
    assert.equal(keeper.mayCallSlack(), false, '100 ms since the renewal started: a call begun now could outlast the lease');
  });

  it('starts one renewal at a time: a slow one is not overlapped by the next beat', async () => {
    const { script } = start();
    const call = await script.next();
    await pause(60); // six beats
    assert.equal(script.calls(), 1);
    call.resolve(true);
    await script.next();
    assert.equal(script.calls(), 2);
  });

  it('turns false for good, stops renewing and warns once renew says the lease is gone', async () => {
    const { clock, script, keeper, logger } = start();
    (await script.next()).resolve(true);
    await settle();
    assert.equal(keeper.mayCallSlack(), true);
    (await script.next()).resolve(false);
    await settle();
    assert.equal(keeper.mayCallSlack(), false);
    assert.throws(() => keeper.assertHeld(), LeaseLostError);
    assert.deepEqual(logger.warnings(), ['lease taken over by another process; this one makes no further call to Slack for the invitation']);
    const calls = script.calls();
    await pause(60); // six beats
    assert.equal(script.calls(), calls, 'no renewal after the lease was lost');
    clock.t = 1; // well within any window
    assert.equal(keeper.mayCallSlack(), false, 'still false');
  });

  it('says nothing of a renewal refused after it was stopped: the send it guarded has finished, and its own write ended the lease', async () => {
    const { script, keeper, logger } = start();
    const inFlight = await script.next();
    keeper.stop(); // the send ends while a renewal is on its way to the database
    inFlight.resolve(false); // which then finds the invitation no longer sending
    await settle();
    assert.deepEqual(logger.warnings(), []);
    const calls = script.calls();
    await pause(60); // six beats
    assert.equal(script.calls(), calls, 'no renewal after stop()');
  });

  it('retries a renewal that throws; while it keeps failing the window runs out, and a later success restores it', async () => {
    const { clock, script, keeper, logger } = start();
    // As above, the clock moves only while a renewal is pending.
    (await script.next()).reject(new Error('database unreachable'));
    await settle();
    assert.equal(keeper.mayCallSlack(), true, 'an error is not a lost lease');
    assert.deepEqual(logger.warnings(), ['could not renew the lease; retrying at the next beat']);
    assert.equal(logger.lines[0]!.err?.message, 'database unreachable');

    const retry = await script.next();
    clock.t = 60;
    retry.reject(new Error('database unreachable'));
    await settle();
    assert.equal(keeper.mayCallSlack(), true, '60 ms since the last confirmed renewal');

    const failing = await script.next();
    assert.equal(failing.startedAt, 60, 'retried at the next beat');
    clock.t = 100;
    assert.equal(keeper.mayCallSlack(), false, 'a whole window since the last confirmed renewal');
    assert.throws(() => keeper.assertHeld(), LeaseLostError);
    failing.reject(new Error('still unreachable'));
    await settle();
    assert.equal(keeper.mayCallSlack(), false);

    const success = await script.next();
    assert.equal(success.startedAt, 100);
    clock.t = 130;
    assert.equal(keeper.mayCallSlack(), false, 'not before the renewal is confirmed');
    success.resolve(true);
    await settle();
    assert.equal(keeper.mayCallSlack(), true, 'the renewal that started at 100 holds the lease again');
    assert.doesNotThrow(() => keeper.assertHeld());
    // Later renewals may start now, but none is confirmed: the window still counts from 100.
    clock.t = 199;
    assert.equal(keeper.mayCallSlack(), true);
    clock.t = 200;
    assert.equal(keeper.mayCallSlack(), false);
    assert.equal(logger.warnings().length, 3, 'one warning per failed renewal');
  });

  it('counts from `since`, when the lease was last set, and from now when none is given', async () => {
    const clock = { t: 1000 };
    const script = scriptedRenew(clock);
    const { log } = memoryLogger();
    const old = keepLease(script.renew, policy, log, () => clock.t, 900);
    const fresh = keepLease(script.renew, policy, log, () => clock.t);
    keepers.push(old, fresh);
    assert.equal(old.mayCallSlack(), false, 'set 100 ms ago: the window is used up');
    assert.throws(() => old.assertHeld(), LeaseLostError);
    assert.equal(fresh.mayCallSlack(), true);
    clock.t = 1099;
    assert.equal(fresh.mayCallSlack(), true);
    clock.t = 1100;
    assert.equal(fresh.mayCallSlack(), false);
  });

  it('stop() ends the renewals', async () => {
    const { script, keeper } = start();
    (await script.next()).resolve(true);
    await settle();
    keeper.stop();
    const calls = script.calls();
    // A renewal already started when stop() was called may still be answered; none starts after.
    await pause(60); // six beats
    assert.equal(script.calls(), calls);
  });
});

describe('leasePolicy', () => {
  it('renews four times per lease and leaves the longest call’s time at the end of the window', () => {
    assert.deepEqual(leasePolicy(60_000, 10_000), { renewEveryMs: 15_000, callWindowMs: 50_000 });
    assert.deepEqual(leasePolicy(2_000, 1_000), { renewEveryMs: 500, callWindowMs: 1_000 });
    assert.equal(leasePolicy(200, 50).renewEveryMs, 100, 'never more often than every 100 ms');
  });
});

describe('sendUnderLease', () => {
  interface Sent {
    id: string;
    leaseVersion: number;
    status: string;
  }
  const invite: Sent = { id: 'inv-1', leaseVersion: 0, status: 'RECORDED' };
  const newOwners: Sent = { id: 'inv-1', leaseVersion: 1, status: 'AWAITING_ACCEPTANCE' };
  const policy = { renewEveryMs: 10, callWindowMs: 60_000 };

  function fakeRepo(markSending: () => Promise<{ attempts: number }>, reload: () => Promise<Sent> = async () => newOwners) {
    const calls = { markSending: 0, renewLease: 0, reload: 0 };
    const repo = {
      markSending: async () => {
        calls.markSending++;
        return markSending();
      },
      renewLease: async () => {
        calls.renewLease++;
        return true;
      },
      reload: async (id: string) => {
        calls.reload++;
        assert.equal(id, invite.id);
        return (await reload()) as unknown as PrivateInviteRecord;
      },
    };
    return { repo, calls };
  }

  it('runs the work with the attempts markSending counted, renewing the lease while it runs, and stops renewing after', async () => {
    const { repo, calls } = fakeRepo(async () => ({ attempts: 3 }));
    const { log, warnings } = memoryLogger();
    let seen: number | undefined;
    const result = await sendUnderLease<Sent>(invite, { repo, policy, log }, async (attempts, lease) => {
      seen = attempts;
      assert.equal(lease.mayCallSlack(), true);
      await waitFor('a renewal', () => (calls.renewLease >= 2 ? true : undefined));
      return { ...invite, status: 'AWAITING_ACCEPTANCE' };
    });
    assert.equal(seen, 3);
    assert.deepEqual(result, { ...invite, status: 'AWAITING_ACCEPTANCE' });
    const renewals = calls.renewLease;
    await pause(60);
    assert.equal(calls.renewLease, renewals, 'the heartbeat stopped with the work');
    assert.equal(calls.reload, 0);
    assert.deepEqual(warnings(), []);
  });

  it('when markSending finds the lease taken over: never runs the work, returns the invite as reloaded, and says so', async () => {
    const { repo, calls } = fakeRepo(async () => {
      throw new LeaseLostError();
    });
    const { log, lines } = memoryLogger();
    let ran = false;
    const result = await sendUnderLease<Sent>(invite, { repo, policy, log }, async () => {
      ran = true;
      return invite;
    });
    assert.equal(ran, false);
    assert.deepEqual(result, newOwners);
    assert.equal(calls.reload, 1);
    const warning = lines.find((l) => l.level === 40);
    assert.equal(warning?.msg, "lease taken over by another process before sending; this process's result was not recorded");
    assert.equal(warning?.leaseVersion, 0);
    await pause(30);
    assert.equal(calls.renewLease, 0, 'no heartbeat was started');
  });

  it('when the work finds the lease taken over: returns the invite as reloaded, with the heartbeat stopped', async () => {
    const { repo, calls } = fakeRepo(async () => ({ attempts: 1 }));
    const { log, warnings } = memoryLogger();
    const result = await sendUnderLease<Sent>(invite, { repo, policy, log }, async () => {
      await waitFor('a renewal', () => (calls.renewLease >= 1 ? true : undefined));
      throw new LeaseLostError();
    });
    assert.deepEqual(result, newOwners);
    assert.equal(calls.reload, 1);
    assert.deepEqual(warnings(), ["lease taken over by another process while sending; this process's result was not recorded"]);
    const renewals = calls.renewLease;
    await pause(60);
    assert.equal(calls.renewLease, renewals, 'the heartbeat stopped');
  });

  it('returns the invite it was given when the reload fails after a takeover', async () => {
    const { repo } = fakeRepo(
      async () => {
        throw new LeaseLostError();
      },
      async () => {
        throw new Error('database unreachable');
      },
    );
    const { log } = memoryLogger();
    assert.equal(await sendUnderLease<Sent>(invite, { repo, policy, log }, async () => newOwners), invite);
  });

  it('lets any other error through, from markSending or from the work, with the heartbeat stopped', async () => {
    const { log, warnings } = memoryLogger();
    const down = fakeRepo(async () => {
      throw new Error('database unreachable');
    });
    let ran = false;
    await assert.rejects(
      sendUnderLease<Sent>(invite, { repo: down.repo, policy, log }, async () => {
        ran = true;
        return invite;
      }),
      /database unreachable/,
    );
    assert.equal(ran, false);

    const ok = fakeRepo(async () => ({ attempts: 1 }));
    await assert.rejects(
      sendUnderLease<Sent>(invite, { repo: ok.repo, policy, log }, async () => {
        await waitFor('a renewal', () => (ok.calls.renewLease >= 1 ? true : undefined));
        throw new Error('bug in the work');
      }),
      /bug in the work/,
    );
    const renewals = ok.calls.renewLease;
    await pause(60);
    assert.equal(ok.calls.renewLease, renewals, 'the heartbeat stopped');
    assert.equal(down.calls.reload + ok.calls.reload, 0);
    assert.deepEqual(warnings(), []);
  });
});
