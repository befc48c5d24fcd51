// Least-recently-used bookkeeping on a Map, whose keys iterate in insertion order: a hit is moved
// to the end (delete, then set again), and when the map holds too many the first keys, the ones
// used longest ago, go. Shared by the caches that have a maxEntries.

/** Marks `key` as just used. */
export function touch<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/** Drops the least recently used entries until at most `max` remain. */
export function evictOldest<K, V>(map: Map<K, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}
