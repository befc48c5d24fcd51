// Turns a catalogue entry into the words a person reads: one voice, addressed to them. Who acts
// is said once, inside what to do ("Ask a workspace admin or owner to …"), never as a label
// beside it. Placeholders are filled in one pass, and everything that comes from outside (the
// code, the app's name, a scope, a button's label) is cleaned first, so no text can carry
// mrkdwn, a mention or a link. Pure: nothing here talks to Slack.
import {
  CATALOGUE,
  FALLBACK,
  OVERRIDES,
  WARNING_CODES,
  WARNING_ENTRY,
  type Actor,
  type Entry,
  type Fix,
  type Override,
  type SlackMethod,
} from './catalogue.js';

export interface ExplanationContext {
  method?: SlackMethod;
  retryAfterSeconds?: number;
  neededScope?: string;
  appName?: string;
  now?: Date;
  /** Where the person asked, so "try again" can say how: the slash command they typed, or the button they clicked. */
  retry?: { command: string } | { button: string };
}

export interface ErrorExplanation {
  code: string;
  documented: boolean;
  title: string;
  whatHappened: string;
  /** Addressed to the reader, naming whoever acts when it is not them. */
  whatToDo: string;
  whoActs: Actor;
  retryable: boolean;
}

export const LIMITS = { title: 60, whatHappened: 300, whatToDo: 300 } as const;

const DEFAULT_APP_NAME = 'Connect Invites';

/** How the reader is asked to get someone else to act; the entry's `ask` completes the sentence. */
const ASK: Record<Exclude<Actor, 'requester'>, string> = {
  workspace_admin: 'Ask a workspace admin or owner to ',
  app_operator: 'Ask whoever runs {app} to ',
};

export function isWarningCode(code: string): boolean {
  return WARNING_CODES.includes(code);
}

/** Every error code the catalogue explains (warnings excluded: see WARNING_CODES). */
export function documentedCodes(): readonly string[] {
  return [...CATALOGUE.keys()].sort();
}

/**
 * Explains an error code in words a Slack user understands. Never throws: unknown
 * codes get a fallback with `documented: false`. Warning codes get a harmless
 * "nothing to do" text, though callers should log rather than show them.
 */
export function explainError(code: string, context: ExplanationContext = {}): ErrorExplanation {
  const base = CATALOGUE.get(code);
  const entry: Entry = base
    ? { ...base, ...overrideFor(context.method, code) }
    : isWarningCode(code) ? WARNING_ENTRY : FALLBACK;

  const shownCode = safeCode(code);
  const values: Record<string, string> = {
    app: safeAppName(context.appName),
    when: retryWhen(context, entry.wait ?? 'in a few minutes'),
    scope: scopePhrase(context.neededScope),
    again: againPhrase(context.retry),
    code: shownCode ? `: "${shownCode}"` : '',
  };
  // One pass with a callback, so substituted values are never themselves expanded.
  const render = (template: string, limit: number) =>
    fit(template.replace(/\{(app|when|scope|again|code)\}/g, (_, key: string) => values[key] ?? ''), limit);

  return {
    code,
    documented: base !== undefined || isWarningCode(code),
    title: render(entry.title, LIMITS.title),
    whatHappened: render(entry.whatHappened, LIMITS.whatHappened),
    whatToDo: render(whatToDo(entry.fix), LIMITS.whatToDo),
    whoActs: entry.fix.by,
    retryable: entry.retryable,
  };
}

function whatToDo(fix: Fix): string {
  if (fix.by === 'requester') return fix.todo;
  const ask = `${ASK[fix.by]}${fix.ask}.`;
  return fix.then ? `${ask} ${fix.then}` : ask;
}

function overrideFor(method: SlackMethod | undefined, code: string): Override | undefined {
  // Object.hasOwn: method and code may come from untyped callers ("__proto__", ...).
  if (method === undefined || !Object.hasOwn(OVERRIDES, method)) return undefined;
  const forMethod = OVERRIDES[method];
  return Object.hasOwn(forMethod, code) ? forMethod[code] : undefined;
}

// Codes come from the network: show only what a Slack error code could contain,
// so nothing in it can be read as mrkdwn, a mention or a link.
function safeCode(code: string): string {
  return String(code).replace(/[^a-z0-9_.-]/g, '').slice(0, 80);
}

function safeName(name: string | undefined, max: number): string {
  return (name ?? '').replace(/[^\p{L}\p{N} .'()-]/gu, '').replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

function safeAppName(name: string | undefined): string {
  return safeName(name, 40) || DEFAULT_APP_NAME;
}

function againPhrase(retry: ExplanationContext['retry']): string {
  if (retry && 'command' in retry && typeof retry.command === 'string' && /^\/[a-z0-9_-]{1,32}$/.test(retry.command)) {
    return `run \`${retry.command}\` again`;
  }
  const label = retry && 'button' in retry ? safeName(retry.button, 40) : '';
  return label ? `click "${label}" again` : 'try again';
}

function scopePhrase(needed: string | undefined): string {
  const scopes = (needed ?? '').split(',').map((s) => s.replace(/[^a-z0-9_.:-]/gi, '').slice(0, 60)).filter(Boolean).slice(0, 3);
  if (scopes.length === 0) return 'all the permissions (scopes) it asks for';
  const quoted = scopes.map((s) => `"${s}"`).join(', ');
  return scopes.length === 1 ? `the ${quoted} permission (scope)` : `the ${quoted} permissions (scopes)`;
}

function retryWhen(context: ExplanationContext, fallback: string): string {
  const seconds = context.retryAfterSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return fallback;

  let phrase: string;
  if (seconds < 60) phrase = plural(Math.ceil(seconds), 'second');
  else if (seconds < 2 * 3600) phrase = plural(Math.ceil(seconds / 60), 'minute');
  else phrase = plural(Math.ceil(seconds / 3600), 'hour');

  // A bare HH:MM is only unambiguous within the next day.
  const now = context.now instanceof Date ? context.now.getTime() : Date.now();
  if (seconds >= 24 * 3600 || !Number.isFinite(now)) return `in about ${phrase}`;
  // Round up to the next whole minute so the clock time is never too early.
  const at = new Date(Math.ceil((now + seconds * 1000) / 60_000) * 60_000);
  if (Number.isNaN(at.getTime())) return `in about ${phrase}`;
  const hhmm = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
  return `in about ${phrase} (from ${hhmm} UTC)`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

// Safety net only: entries are written to fit even with the longest app name.
function fit(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}
