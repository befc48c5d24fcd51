// Look-ups shared by everyone asking about the same channel or person at the same moment: one
// Slack call answers all concurrent askers (single-flight), and answers are reused for a few
// seconds. Two hundred people sharing one channel at once cost one conversations.info, not 200,
// which keeps the checks inside Slack's 3-second window and well under its rate limits.
// Memberships are an authorization check, so they are shared only while in flight, never reused:
// someone removed from a channel loses access at once. Failures are never cached.
import type { WorkspaceDirectory } from './ports.js';

export interface DirectoryCacheOptions {
  /** Channel facts (archived, #general, the app's membership): a few seconds. */
  channelTtlMs?: number;
  /** People's profiles (admin flag, email) change rarely. */
  userTtlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export function createCachedDirectory(directory: WorkspaceDirectory, options: DirectoryCacheOptions = {}): WorkspaceDirectory {
  const { channelTtlMs = 10_000, userTtlMs = 60_000, maxEntries = 50_000, now = () => Date.now() } = options;
  const cache = new Map<string, { value: Promise<unknown>; until: number }>();

  function remember<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.value as Promise<T>;
    if (cache.size >= maxEntries) cache.clear();
    const value = load();
    // In flight: shared until it settles; then kept for the TTL if it succeeded.
    cache.set(key, { value, until: Number.POSITIVE_INFINITY });
    const forget = () => cache.get(key)?.value === value && cache.delete(key);
    value.then(() => (ttlMs > 0 ? cache.set(key, { value, until: now() + ttlMs }) : forget()), forget);
    return value;
  }

  return {
    channel: (channelId) => remember(`c:${channelId}`, channelTtlMs, () => directory.channel(channelId)),
    isMember: (channelId, userId) => remember(`m:${channelId}:${userId}`, 0, () => directory.isMember(channelId, userId)),
    user: (userId) => remember(`u:${userId}`, userTtlMs, () => directory.user(userId)),
  };
}
