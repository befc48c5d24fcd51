/**
 * Slack's rate limits for the methods the fake implements, and the window that enforces them.
 *
 * Slack limits each method per workspace per app, in per-minute windows (docs.slack.dev
 * "Rate limits": Tier 1 1+/min, Tier 2 20+/min, Tier 3 50+/min, Tier 4 100+/min, Special:
 * method-specific). A call past the limit answers HTTP 429 with `Retry-After` (seconds) and
 * `{ok:false, error:'ratelimited'}`, and blocks only that method for that workspace (REF
 * connect-admin-and-oauth.md section 5). Slack allows unpublished short bursts above a tier; the
 * fake does not model them, so it is a little stricter than Slack (a sliding 60-second window
 * holds at most the tier's number of calls).
 *
 * Sources (`source`): DSD = the method's docs.slack.dev page, "Rate Limits" facts (read through
 * public copies: the Markdown pages and hex.pm `slack_kit` 1.0.0-alpha.0 priv/docs/methods/*.json);
 * REF = /work/shared/reference/slack-api/.
 */

export interface RateLimit {
  /** Calls allowed within `windowSeconds` (before the multiplier). */
  calls: number;
  windowSeconds: number;
  /** What one window counts: the workspace's calls to the method, or those to one channel. */
  per: 'workspace' | 'channel';
  source: string;
}

const tier = (n: 1 | 2 | 3 | 4, source: string): RateLimit => ({ calls: [0, 1, 20, 50, 100][n] as number, windowSeconds: 60, per: 'workspace', source: `Tier ${n}: ${source}` });

export const RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  // Special: "This method allows hundreds of requests per minute" (DSD auth.test). No number is
  // published; 300 a minute is "hundreds" at its most cautious.
  'auth.test': { calls: 300, windowSeconds: 60, per: 'workspace', source: 'Special: DSD auth.test "allows hundreds of requests per minute"' },
  'apps.connections.open': tier(1, 'DSD apps.connections.open'),

  // Special: about one message a second per channel (DSD chat.postMessage and the rate-limits
  // page "Posting messages"); a workspace-wide limit of several hundred a minute also exists,
  // which the fake does not model.
  'chat.postMessage': { calls: 1, windowSeconds: 1, per: 'channel', source: 'Special: DSD chat.postMessage, 1 message per second per channel' },
  'chat.postEphemeral': tier(4, 'DSD chat.postEphemeral'),
  'chat.update': tier(3, 'DSD chat.update'),

  'conversations.info': tier(3, 'DSD conversations.info; REF section 5'),
  'conversations.members': tier(4, 'DSD conversations.members'),
  'conversations.invite': tier(3, 'DSD conversations.invite; REF README'),
  'conversations.create': tier(2, 'REF connect-admin-and-oauth.md 2.1 and section 5'),
  'conversations.list': tier(2, 'DSD conversations.list'),
  'conversations.inviteShared': tier(2, 'DSD conversations.inviteShared; REF README'),
  'conversations.listConnectInvites': tier(1, 'DSD conversations.listConnectInvites; REF README and section 5'),
  'conversations.approveSharedInvite': tier(3, 'REF connect-admin-and-oauth.md 1.1 and section 5'),
  'conversations.declineSharedInvite': tier(3, 'REF connect-admin-and-oauth.md 1.2 and section 5'),
  'conversations.acceptSharedInvite': tier(2, 'REF connect-admin-and-oauth.md 1.3 and section 5'),
  'conversations.requestSharedInvite.approve': tier(2, 'REF connect-admin-and-oauth.md 1.5 and section 5'),
  'conversations.requestSharedInvite.deny': tier(2, 'REF connect-admin-and-oauth.md 1.6 and section 5'),
  'conversations.requestSharedInvite.list': tier(2, 'REF connect-admin-and-oauth.md 1.7 and section 5'),
  'conversations.externalInvitePermissions.set': tier(2, 'REF connect-admin-and-oauth.md 1.9 and section 5'),

  'users.conversations': tier(3, 'DSD users.conversations'),
  'users.info': tier(4, 'DSD users.info'),
  'users.list': tier(2, 'DSD users.list'),
  'users.lookupByEmail': tier(3, 'DSD users.lookupByEmail'),
  'usergroups.list': tier(2, 'DSD usergroups.list'),
  'usergroups.users.list': tier(2, 'DSD usergroups.users.list; REF section 5'),

  'files.info': tier(4, 'DSD files.info'),

  'views.open': tier(4, 'DSD views.open'),
  'views.push': tier(4, 'DSD views.push'),
  'views.update': tier(4, 'DSD views.update'),
  'views.publish': tier(4, 'DSD views.publish'),

  'groups.invite': tier(3, 'retired; DSD listed Tier 3 for the groups.* write methods'),

  // Counted per app (there is no workspace before the exchange), not per workspace.
  'oauth.v2.access': { calls: 600, windowSeconds: 60, per: 'workspace', source: 'Special: REF connect-admin-and-oauth.md 4.2 and 5, 600 requests per minute' },
};

/**
 * `multiplier`: each limit allows this many times Slack's calls (a test that compresses minutes of
 * a workspace's use into seconds says so, and why); `methods`: a multiplier for some methods
 * instead; `minuteMs`: how long the fake's minute lasts (default 60,000), every window scaled with
 * it, for a test that shortens the app's own rate window the same way. 'off': no limits at all
 * (the fake's own unit tests, the bench).
 */
export type RateLimitSetting = { multiplier: number; methods?: Readonly<Record<string, number>>; minuteMs?: number } | 'off';

/**
 * The default: Slack's own numbers. Measured on 2026-12-04, every test file that uses the fake
 * passed at them except those that tell one person many outcomes at once (recovery of 12 or 50
 * invitations of one requester: at one direct message a second per channel that takes longer than
 * the tests wait), which raise chat.postMessage's limit and say so; the load test states its own.
 * A test that passes here works within Slack's limits.
 */
export const DEFAULT_RATE_LIMITS: RateLimitSetting = { multiplier: 1 };

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A sliding window per key: at most `limit` accepted calls in any `windowMs`. Refused calls do not count. */
export class SlidingWindows {
  private readonly windows = new Map<string, number[]>();

  take(key: string, limit: number, windowMs: number, now: number): Verdict {
    let log = this.windows.get(key);
    if (!log) this.windows.set(key, (log = []));
    let drop = 0;
    while (drop < log.length && (log[drop] as number) <= now - windowMs) drop++;
    if (drop > 0) log.splice(0, drop);
    if (log.length < limit) {
      log.push(now);
      return { ok: true };
    }
    // The oldest call in the window leaves it at oldest + windowMs; Slack's Retry-After is whole seconds.
    const waitMs = (log[0] as number) + windowMs - now;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  clear(): void {
    this.windows.clear();
  }
}

/** Calls of `method` allowed per window under a setting; Infinity when limits are off. */
export function allowedCalls(limit: RateLimit, setting: RateLimitSetting, method?: string): number {
  if (setting === 'off') return Number.POSITIVE_INFINITY;
  const multiplier = (method !== undefined ? setting.methods?.[method] : undefined) ?? setting.multiplier;
  return Math.max(1, Math.floor(limit.calls * multiplier));
}
