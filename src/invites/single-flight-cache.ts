// One Slack call answers everyone asking the same question at the same moment (single-flight),
// and a success is reused for `ttlMs` (0: shared only while in flight). Failures are never kept,
// so a look-up that failed is asked again next time. Shared by the directory and user-group caches.
// Full, it drops the least recently used entry, not everything: the hot entries stay.
import { evictOldest, touch } from './lru.js';

export interface SingleFlightCacheOptions {
  maxEntries: number;
  now: () => number;
}

export function createSingleFlightCache({ maxEntries, now }: SingleFlightCacheOptions) {
  const cache = new Map<string, { value: Promise<unknown>; until: number }>();
  const fresh = (key: string) => (cache.get(key)?.until ?? 0) > now();

  function remember<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && fresh(key)) {
      touch(cache, key, hit);
      return hit.value as Promise<T>;
    }
    const value = load();
    // In flight: shared until it settles; then kept for the TTL if it succeeded (and is still this key's).
    touch(cache, key, { value, until: Number.POSITIVE_INFINITY });
    evictOldest(cache, maxEntries);
    const current = () => cache.get(key)?.value === value;
    const forget = () => current() && cache.delete(key);
    value.then(() => current() && (ttlMs > 0 ? cache.set(key, { value, until: now() + ttlMs }) : cache.delete(key)), forget);
    return value;
  }

  return { remember, fresh };
}
