// The user groups a menu offers as someone types: those whose handle or name contains the text
// ("@" optional), by handle, at most `limit`. Pure.
import type { UserGroup } from './ports.js';

export function matchingGroups(groups: readonly UserGroup[], query: string, limit: number): UserGroup[] {
  const q = query.trim().toLowerCase().replace(/^@/, '');
  return groups
    .filter((g) => q === '' || g.handle.toLowerCase().includes(q) || g.name.toLowerCase().includes(q))
    .sort((a, b) => a.handle.localeCompare(b.handle))
    .slice(0, limit);
}
