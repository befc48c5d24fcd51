// Slack's rules for a new channel's name (reference connect-admin-and-oauth.md §2.1), checked as
// the person types it, so a form can say what is wrong before Slack is asked: lower-case letters,
// digits, hyphens and underscores only, at most 80 characters, not only punctuation, not empty.
// Slack rejects upper case (invalid_name_specials) rather than lower-casing it, so this does not
// change the name either: where a valid one can be made from what was typed, it is suggested.
// A leading '#' (people write channels that way) is the only thing removed. Pure.

export const MAX_CHANNEL_NAME_LENGTH = 80;

const VALID = /^[a-z0-9_-]+$/;
const ONLY_PUNCTUATION = /^\p{P}+$/u;

export type ChannelNameCheck = { ok: true; name: string } | { ok: false; problem: string };

export function checkChannelName(raw: string | undefined): ChannelNameCheck {
  const name = (raw ?? '').trim().replace(/^#/, '');
  if (name === '') return { ok: false, problem: 'Give the new channel a name.' };
  if ([...name].length > MAX_CHANNEL_NAME_LENGTH) {
    return { ok: false, problem: withSuggestion(`Channel names can have at most ${MAX_CHANNEL_NAME_LENGTH} characters.`, name) };
  }
  if (ONLY_PUNCTUATION.test(name)) return { ok: false, problem: 'A channel name needs at least one letter or number.' };
  if (!VALID.test(name)) {
    const lead = /[A-Z\s]/.test(name)
      ? 'Channel names are lower case, without spaces'
      : 'Channel names can only have lower-case letters, numbers, hyphens and underscores';
    return { ok: false, problem: withSuggestion(`${lead}.`, name) };
  }
  return { ok: true, name };
}

/** A valid name made from what was typed (lower-cased, spaces as hyphens, anything else dropped), if one can be. */
export function suggestChannelName(raw: string): string | undefined {
  const made = raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // é → e
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_CHANNEL_NAME_LENGTH)
    .replace(/^-+|-+$/g, '');
  return made === '' || ONLY_PUNCTUATION.test(made) ? undefined : made;
}

function withSuggestion(sentence: string, name: string): string {
  const suggestion = suggestChannelName(name);
  // "Channel names are lower case, without spaces." → "…, without spaces: try acme-partners."
  return suggestion === undefined ? sentence : `${sentence.slice(0, -1)}: try ${suggestion}.`;
}

/** The code Slack answers conversations.create for such a name (§2.1), or undefined for a valid one. */
export function channelNameErrorCode(raw: string | undefined): string | undefined {
  const name = (raw ?? '').trim().replace(/^#/, '');
  if (name === '') return 'invalid_name_required';
  if ([...name].length > MAX_CHANNEL_NAME_LENGTH) return 'invalid_name_maxlength';
  if (ONLY_PUNCTUATION.test(name)) return 'invalid_name_punctuation';
  if (!VALID.test(name)) return 'invalid_name_specials';
  return undefined;
}
