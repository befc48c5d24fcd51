// The user groups as a select menu's options: "@handle (name)", at most 75 characters, the group ID as the value. Pure.
import type { PlainTextOption } from '@slack/types';
import type { UserGroup } from '../../invites/ports.js';
import { plain, truncate } from './text.js';

export function groupOptions(groups: readonly UserGroup[]): PlainTextOption[] {
  return groups.map((g) => ({ text: plain(truncate(g.name && g.name !== g.handle ? `@${g.handle} (${g.name})` : `@${g.handle}`, 75), 75), value: g.id }));
}
