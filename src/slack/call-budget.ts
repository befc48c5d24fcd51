// Slack's rate tiers for the look-ups, counted by this process, so that a big check (100 people's
// profiles, a channel's member pages) waits its turn instead of spending a whole minute's
// allowance at once and leaving other people's checks answered HTTP 429.
//
// Slack limits each Web API method per workspace and app, per minute, by tier
// (docs.slack.dev, "Rate limits"): Tier 2 about 20 calls, Tier 3 about 50, Tier 4 about 100.
// A call waits until fewer than its tier's calls were made in the last minute (a sliding
// window: within every fixed minute and every token bucket of that rate too). Calls for a person
// waiting on a form ('person') may use the whole allowance; bulk look-ups ('bulk', such as the
// profiles of everyone chosen in /invite-private) leave a share of it free for them. When Slack
// answers 429 anyway (another replica, another process), the method waits Retry-After.
//
// Per process: replicas each count their own calls, and Slack's 429 is the backstop.

/** Calls a minute Slack allows per workspace, by tier. */
export const TIER_CALLS_PER_MINUTE = { 2: 20, 3: 50, 4: 100 } as const;

/** The tiers of the methods the look-ups use (docs.slack.dev method reference). */
export const LOOKUP_TIERS = {
  'users.info': 4,
  'conversations.members': 4,
  'conversations.info': 3,
  'users.conversations': 3,
  // A new channel's name check (src/slack/gateways/channels.ts): Tier 2.
  'conversations.list': 2,
  'conversations.create': 2,
} as const satisfies Record<string, keyof typeof TIER_CALLS_PER_MINUTE>;

export type LookupMethod = keyof typeof LOOKUP_TIERS;
export type CallPriority = 'person' | 'bulk';

export interface CallBudgetOptions {
  /** The tiers' window: one minute; tests shorten it to see a window pass. */
  windowMs?: number;
  /** The share of each allowance bulk look-ups leave to people's own checks. */
  reservedShare?: number;
  /**
   * How much longer than the window a call is counted: the call reaches Slack a little after it is
   * counted here, so a window Slack counts from its arrival must not see the next calls early.
   */
  marginMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told how long a call waited for its turn, when it waited (the operator's metrics). */
  onWait?: (ms: number) => void;
}

export interface CallBudget {
  /** Waits until `method` may be called without going over its tier, then counts the call. */
  take(method: LookupMethod, priority: CallPriority): Promise<void>;
  /** Slack answered 429: no call to `method` before `retryAfterSeconds`. */
  pause(method: LookupMethod, retryAfterSeconds: number): void;
  /** Calls counted in the current window (for logs and tests). */
  used(method: LookupMethod): number;
  /** Calls a window allows `method`. */
  limit(method: LookupMethod): number;
}

const unrefSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    // A look-up still waiting for its turn must not keep a stopping process alive.
    setTimeout(resolve, ms).unref();
  });

export function createCallBudget({ windowMs = 60_000, reservedShare = 0.2, marginMs = windowMs / 60, now = () => Date.now(), sleep = unrefSleep, onWait }: CallBudgetOptions = {}): CallBudget {
  const span = windowMs + marginMs;
  const calls = new Map<LookupMethod, number[]>();
  const pausedUntil = new Map<LookupMethod, number>();
  const limitOf = (method: LookupMethod) => TIER_CALLS_PER_MINUTE[LOOKUP_TIERS[method]];

  function recent(method: LookupMethod, at: number): number[] {
    let list = calls.get(method);
    if (!list) calls.set(method, (list = []));
    let expired = 0;
    while (expired < list.length && (list[expired] as number) <= at - span) expired++;
    if (expired > 0) list.splice(0, expired);
    return list;
  }

  return {
    async take(method, priority) {
      const limit = limitOf(method);
      const cap = priority === 'person' ? limit : Math.max(1, limit - Math.ceil(limit * reservedShare));
      let since: number | undefined;
      for (;;) {
        const at = now();
        const list = recent(method, at);
        const paused = (pausedUntil.get(method) ?? 0) - at;
        if (paused <= 0 && list.length < cap) {
          list.push(at);
          if (since !== undefined) onWait?.(at - since);
          return;
        }
        since ??= at;
        // The earliest moment a slot frees: the pause ends, or enough calls leave the window.
        const slotIn = list.length < cap ? 0 : (list[list.length - cap] as number) + span - at;
        await sleep(Math.max(1, paused, slotIn));
      }
    },
    pause(method, retryAfterSeconds) {
      const until = now() + retryAfterSeconds * 1000;
      if (until > (pausedUntil.get(method) ?? 0)) pausedUntil.set(method, until);
    },
    used: (method) => recent(method, now()).length,
    limit: limitOf,
  };
}
