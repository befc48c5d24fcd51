// Reads /invite-private's command text and form into plain values. Pure and total: any payload,
// however malformed, yields a value, never an exception.
import { MAX_PEOPLE, type PrivateDraft } from '../../invites/private-channel/validate.js';
import { INVITE_PRIVATE } from '../ids.js';
import { stateValues, stringField } from './share-channel.js';

// Slack escapes a mention as <@U123> or <@U123|name>; only these, never a bare "@name", are IDs.
const MENTIONS = /<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>/g;

/** `/invite-private @bob @carol`: the people mentioned, once each, at most as many as one invite takes. */
export function parseInvitePrivateCommandText(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  const ids = new Set<string>();
  for (const match of text.matchAll(MENTIONS)) {
    ids.add(match[1] as string);
    if (ids.size === MAX_PEOPLE) break;
  }
  return [...ids];
}

export function parseInvitePrivateSubmission(view: unknown): PrivateDraft {
  const values = stateValues(view);
  const { blocks, actions } = INVITE_PRIVATE;
  const selected = values[blocks.users]?.[actions.users]?.selected_users;
  return {
    channelId: stringField(values, blocks.channel, actions.channel, 'selected_conversation'),
    userIds: Array.isArray(selected) ? selected.filter((id): id is string => typeof id === 'string' && id !== '') : [],
  };
}
