// The lease a process holds on an unfinished invite while it works on it. Leases are fenced: each
// takeover by recovery increments the invite's lease version, and every write names the version
// its writer holds, so a process that lost its lease can no longer change the invite. While a send
// is under way a heartbeat renews the lease, so a send that outlasts one lease is not taken over.
import type { Logger } from '../logger.js';

/** An invite as its holder knows it: which one, and the fencing token it was given. */
export interface LeaseHold {
  id: string;
  leaseVersion: number;
}

/** Another process took the invite over: this one's write was refused, or it must not call Slack again. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
  constructor() {
    super('the lease on this invitation was taken over by another process');
  }
}

export interface LeasePolicy {
  /** How often a send in progress renews its lease. */
  renewEveryMs: number;
  /**
   * How long after its last renewal a new call to Slack may still start: the lease minus the
   * longest one call can take, so a call started in time ends before the lease could expire.
   */
  callWindowMs: number;
}

export interface LeaseKeeper {
  /** Whether a new call to Slack may start: the lease is held, and long enough for one call. */
  mayCallSlack(): boolean;
  /** Throws LeaseLostError unless a new call to Slack may start. */
  assertHeld(): void;
  stop(): void;
}

/**
 * Renews the lease every `renewEveryMs` until stopped. `renew` resolves false once the lease is
 * fenced off (taken over); an error (the database unreachable) is retried at the next beat, and
 * only the time since the last confirmed renewal limits new calls. Durations are measured on the
 * process's monotonic clock; the expiry itself is set by the database's.
 */
export function keepLease(
  renew: () => Promise<boolean>,
  policy: LeasePolicy,
  log: Logger,
  now: () => number = () => performance.now(),
  /** When the lease was last set (before the statement that set it). */
  since: number = now(),
): LeaseKeeper {
  let confirmedAt = since;
  let lost = false;
  let renewing = false;
  // Once stopped, a renewal still on its way is moot: the send has ended, and its final write
  // (which ends the sending state) may be what makes that renewal find nothing to renew.
  let stopped = false;
  const timer = setInterval(() => {
    if (renewing || lost) return;
    renewing = true;
    const startedAt = now();
    renew()
      .then((held) => {
        if (stopped) return;
        if (held) confirmedAt = startedAt;
        else {
          lost = true;
          clearInterval(timer);
          log.warn('lease taken over by another process; this one makes no further call to Slack for the invitation');
        }
      })
      .catch((err: unknown) => {
        if (!stopped) log.warn({ err }, 'could not renew the lease; retrying at the next beat');
      })
      .finally(() => {
        renewing = false;
      });
  }, policy.renewEveryMs);
  timer.unref();
  const keeper: LeaseKeeper = {
    mayCallSlack: () => !lost && now() - confirmedAt < policy.callWindowMs,
    assertHeld() {
      if (!keeper.mayCallSlack()) throw new LeaseLostError();
    },
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
  return keeper;
}

/** The lease rules for a lease of `leaseMs` and Slack calls that time out after `callTimeoutMs`. */
export function leasePolicy(leaseMs: number, callTimeoutMs: number): LeasePolicy {
  return { renewEveryMs: Math.max(100, Math.floor(leaseMs / 4)), callWindowMs: leaseMs - callTimeoutMs };
}
