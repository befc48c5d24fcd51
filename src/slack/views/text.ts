// Text that goes into Block Kit: escaped where it is mrkdwn, cut to Slack's limits, and IDs
// checked before they become mentions, so nothing a person typed can ping or break a view.

/** Escapes the three characters Slack's mrkdwn gives meaning to (no mention or link can survive). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts to at most `max` characters (by code point, so no half emoji), with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Escaped and cut, for user-supplied text inside mrkdwn. */
export function safeText(text: string, max = 200): string {
  return escapeMrkdwn(truncate(text, max));
}

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,20}$/;
const USER_ID = /^[UWB][A-Z0-9]{2,20}$/;

export function channelMention(id: string | null | undefined, fallbackName?: string | null): string {
  if (id && CHANNEL_ID.test(id)) return `<#${id}>`;
  return fallbackName ? `#${safeText(fallbackName, 80)}` : 'an unknown channel';
}

export function userMention(id: string | null | undefined): string {
  return id && USER_ID.test(id) ? `<@${id}>` : 'an unknown person';
}

export const plain = (text: string, max = 3000) => ({ type: 'plain_text' as const, text: truncate(text, max), emoji: true });
export const mrkdwn = (text: string, max = 3000) => ({ type: 'mrkdwn' as const, text: truncate(text, max) });

/**
 * A name from data (another organization's, a reason someone typed) inside mrkdwn: escaped, on
 * one line, and its formatting characters swapped for look-alikes, so "*bold*" or "`x`" cannot
 * restyle the line around it (mrkdwn has no escape for them).
 */
export function inertText(text: string, max = 200): string {
  return safeText(text.replace(/\s+/g, ' ').trim(), max).replace(FORMATTING, (c) => LOOKALIKE[c] ?? c);
}

const LOOKALIKE: Record<string, string> = { '*': '\u2217', _: '\u02CD', '~': '\u223C', '`': '\u02CB' };
/** An underscore inside a word ("first_last") styles nothing, so it stays. */
const FORMATTING = /[*~`]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/** A date and time each reader sees in their own zone (Slack's date formatting); the fallback is UTC. */
export function slackDate(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  if (!Number.isFinite(seconds)) return 'at an unknown time';
  return `<!date^${seconds}^{date_short_pretty} at {time}|${date.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

/** A time each reader sees in their own zone (Slack's date formatting), UTC where it cannot be shown. */
export function slackTime(at: Date): string {
  if (!Number.isFinite(at.getTime())) return 'shortly';
  const unix = Math.ceil(at.getTime() / 1000);
  return `at <!date^${unix}^{time}|${at.toISOString().slice(11, 16)} UTC>`;
}

/** When an invitation deferred by Slack's rate limit goes: its lease's end (set from the database's clock). */
export function deferredUntil(invite: { leaseExpiresAt: Date | null; retryAfterSeconds: number | null }, now: Date = new Date()): Date {
  return invite.leaseExpiresAt ?? new Date(now.getTime() + (invite.retryAfterSeconds ?? 60) * 1000);
}
