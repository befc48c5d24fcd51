// Look-ups shared by everyone asking about the same channel or person at the same moment: one
// Slack call answers all concurrent askers (single-flight), and answers are reused for a few
// seconds. Two hundred people sharing one channel at once cost one conversations.info, not 200,
// which keeps the checks inside Slack's 3-second window and well under its rate limits.
// Memberships are an authorization check, so they are shared only while in flight, never reused:
// someone removed from a channel loses access at once. Failures are never cached. Many profiles
// asked for at once (users) are answered from the cache where it can, and the rest in one batch.
import type { WorkspaceDirectory } from './ports.js';
import { createSingleFlightCache } from './single-flight-cache.js';

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
  const { remember, fresh } = createSingleFlightCache({ maxEntries, now });

  return {
    channel: (channelId) => remember(`c:${channelId}`, channelTtlMs, () => directory.channel(channelId)),
    isMember: (channelId, userId, memberCount) => remember(`m:${channelId}:${userId}`, 0, () => directory.isMember(channelId, userId, memberCount)),
    user: (userId) => remember(`u:${userId}`, userTtlMs, () => directory.user(userId)),
    async users(userIds) {
      const missing = userIds.filter((id) => !fresh(`u:${id}`));
      const batch = missing.length > 0 ? directory.users(missing) : undefined;
      const load = (id: string) => async () => {
        const found = batch && (await batch);
        // (Not in the batch only if the cache was cleared meanwhile: asked alone.)
        return found?.has(id) ? found.get(id) : directory.user(id);
      };
      const facts = await Promise.all(userIds.map((id) => remember(`u:${id}`, userTtlMs, load(id))));
      return new Map(userIds.map((id, i) => [id, facts[i]]));
    },
  };
}
