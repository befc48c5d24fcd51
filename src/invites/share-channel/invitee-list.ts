// Many invitees at once: a pasted list (what people copy from a mail client's To field, a
// spreadsheet column, or type) or a CSV file. Every entry is checked before anything is sent, and
// each one that is not an invitee is named with its line, so the form can say which to fix.
// Pure and total: never throws, whatever the text.
import { isEmailAddress, normalizeEmail } from '../email.js';
import { detectDelimiter, looksBinary, readCsvRecords, sepDirective, stripBom, type CsvRecord } from './csv.js';

/**
 * The most invitees one submission takes. Each is one conversations.inviteShared call (Tier 2:
 * 20 a minute per workspace), so 100 is five minutes of the workspace's allowance at the most;
 * larger lists go in several submissions.
 */
export const MAX_INVITEES = 100;

/**
 * Slack documents no length for a form's inline error (`response_action: 'errors'`); 2,000 is
 * the longest plain text Block Kit takes in an input's label or hint, and what the app's other
 * inline errors are cut to.
 */
export const INLINE_ERROR_MAX = 2000;

const TEXT_MAX = 80;
const NAME_MAX = 100;

export interface ListedInvitee {
  line: number;
  /** normalizeEmail()'s form: what is compared, stored and sent. */
  email: string;
  name?: string;
}

export interface ListProblem {
  line: number;
  /** What was on the line (or the CSV row), trimmed, cut to 80 characters. */
  text: string;
  /** A sentence naming the entry and what is wrong with it ("“bob@” is not an email address."). */
  reason: string;
}

export interface InviteeList {
  invitees: ListedInvitee[];
  problems: ListProblem[];
  /** Entries whose email (compared normalized) came earlier: dropped, counted, not a problem. */
  duplicates: number;
}

export type ListRefusal = 'empty' | 'not_csv' | 'no_email_column';
export interface RefusedList {
  refused: ListRefusal;
  reason: string;
}

const REFUSALS: Readonly<Record<ListRefusal, string>> = {
  empty: 'That file has no addresses in it: it is empty, or has only its header line. Put one email address on each row, or paste the addresses.',
  not_csv:
    'That file is not a CSV file (plain text with one row per line). Save the sheet as CSV (in Excel: Save As, CSV UTF-8; in Google Sheets: File, Download, CSV), or paste the addresses.',
  no_email_column: 'The first line of that file does not name an email column. Name the column of addresses “email” on the first line, or paste the addresses.',
};

function refuse(refused: ListRefusal): RefusedList {
  return { refused, reason: REFUSALS[refused] };
}

// ------------------------------------------------------------------ shared by both forms

function shown(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= TEXT_MAX ? t : `${t.slice(0, TEXT_MAX - 1).trimEnd()}…`;
}

function cleanName(text: string | undefined): string | undefined {
  let t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) t = t.slice(1, -1).replace(/\\"/g, '"').trim();
  if (!t) return undefined;
  return t.length <= NAME_MAX ? t : t.slice(0, NAME_MAX).trimEnd();
}

/** What a person may put around an address: `mailto:` (with a ?subject=…) and spaces. */
function cleanAddress(text: string): string {
  let t = text.trim();
  if (/^mailto:/i.test(t)) t = t.slice(7).split('?')[0] ?? '';
  return t.trim();
}

/** Gathers entries in order: checks each, drops repeats, stops taking at the limit. */
class Collector {
  private readonly invitees: ListedInvitee[] = [];
  private readonly problems: ListProblem[] = [];
  private readonly seen = new Map<string, ListedInvitee>();
  private duplicates = 0;
  private over: { line: number; text: string; count: number } | undefined;

  /** `subject`: what the reason quotes, when not the whole text (a CSV row's email cell). */
  problem(line: number, text: string, reason: (quoted: string) => string, subject: string = text): void {
    this.problems.push({ line, text: shown(text), reason: reason(`“${shown(subject)}”`) });
  }

  /** `row`: the entry is a CSV row, and a bad address is quoted alone. */
  address(line: number, text: string, address: string, name: string | undefined, row = false): void {
    const candidate = cleanAddress(address);
    if (!candidate) return this.problem(line, text, (q) => (row ? `The row ${q} has no email address.` : `${q} has no email address.`));
    if (!isEmailAddress(candidate)) return this.problem(line, text, (q) => `${q} is not an email address.`, row ? address.trim() : text);
    const email = normalizeEmail(candidate);
    const earlier = this.seen.get(email);
    if (earlier) {
      this.duplicates++;
      if (earlier.name === undefined && name !== undefined) earlier.name = name;
      return;
    }
    if (this.invitees.length >= MAX_INVITEES) {
      if (this.over) this.over.count++;
      else this.over = { line, text: shown(text), count: 1 };
      this.seen.set(email, { line, email }); // a repeat of one left out is still a repeat
      return;
    }
    const invitee: ListedInvitee = name !== undefined ? { line, email, name } : { line, email };
    this.invitees.push(invitee);
    this.seen.set(email, invitee);
  }

  finish(): InviteeList {
    const problems = [...this.problems];
    if (this.over) {
      const { line, text, count } = this.over;
      const total = MAX_INVITEES + count;
      const reason =
        count === 1
          ? `One invitation goes to at most ${MAX_INVITEES} people, and this list has ${total}: “${text}” is one too many. Send it in another invitation.`
          : `One invitation goes to at most ${MAX_INVITEES} people, and this list has ${total}: “${text}” and the ${count - 1} after it are too many. Send them in another invitation.`;
      problems.push({ line, text, reason });
    }
    problems.sort((a, b) => a.line - b.line);
    return { invitees: this.invitees, problems, duplicates: this.duplicates };
  }
}

// ------------------------------------------------------------------ pasted lists

const LINE_BREAK = /\r\n|\r|\n/;

/** A line cut at commas and semicolons outside "quotes" and <angle brackets>. */
function segmentsOf(line: string): string[] {
  const segments: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const ch of line) {
    if (ch === '"' && !angled) quoted = !quoted;
    else if (ch === '<' && !quoted) angled = true;
    else if (ch === '>' && !quoted) angled = false;
    if ((ch === ',' || ch === ';') && !quoted && !angled) {
      segments.push(current);
      current = '';
    } else current += ch;
  }
  segments.push(current);
  return segments.map((s) => s.trim()).filter((s) => s !== '');
}

/** Words cut at white space outside "quotes". */
function wordsOf(segment: string): string[] {
  const words: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of segment) {
    if (ch === '"') quoted = !quoted;
    if (/\s/.test(ch) && !quoted) {
      if (current) words.push(current);
      current = '';
    } else current += ch;
  }
  if (current) words.push(current);
  return words;
}

const ANGLED = /^([^<]*)<([^<>]*)>(.*)$/s;
const NAME_WORDS = /^[\p{L}][\p{L}\p{M}'’.\- ]*$/u;

/** A segment holding only a name, as the "Doe" of Outlook's `Doe, Jane <jane@x.com>`. */
function isBareName(segment: string): boolean {
  return !segment.includes('@') && !segment.includes('<') && NAME_WORDS.test(segment);
}

function readSegment(collector: Collector, line: number, segment: string, prefix?: string): void {
  const angled = ANGLED.exec(segment);
  if (angled) {
    const [, whole = '', inner = '', after = ''] = angled;
    // `x@y.com Bob <bob@y.com>`: only the words after the last address before the bracket are the name.
    const words = wordsOf(whole);
    let cut = words.length;
    while (cut > 0 && !(words[cut - 1] as string).includes('@')) cut--;
    if (cut > 0) readSegment(collector, line, words.slice(0, cut).join(' '), prefix);
    const before = words.slice(cut).join(' ');
    if (cut > 0) prefix = undefined;
    const name = cleanName(prefix !== undefined ? `${prefix}, ${cleanName(before) ?? ''}` : before);
    const label = [prefix !== undefined ? `${prefix},` : '', before, `<${inner}>`].filter(Boolean).join(' ');
    collector.address(line, label, inner, name);
    if (after.trim()) readSegment(collector, line, after.trim());
    return;
  }
  const words = wordsOf(segment);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    // `"Jane Doe" jane@x.com`: a quoted name before a bare address is its name.
    if (word.length >= 2 && word.startsWith('"') && word.endsWith('"') && next !== undefined && next.includes('@')) {
      collector.address(line, `${word} ${next}`, next, cleanName(word));
      i++;
    } else if (word.includes('@') || /^mailto:/i.test(word)) {
      collector.address(line, word, word, undefined);
    } else {
      collector.problem(line, word, (q) => (/^".*"$/.test(word) ? `${q} has no email address.` : `${q} is not an email address.`));
    }
  }
}

/**
 * A pasted list: entries separated by new lines, commas, semicolons or white space; each a bare
 * address, `Name <address>`, `"Last, First" <address>` or `<address>`, with `mailto:` tolerated.
 */
export function parseInviteeList(text: string): InviteeList {
  const collector = new Collector();
  const lines = (typeof text === 'string' ? stripBom(text) : '').split(LINE_BREAK);
  lines.forEach((content, index) => {
    const line = index + 1;
    const segments = segmentsOf(content);
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] as string;
      const next = segments[i + 1];
      const nextAngled = next !== undefined ? ANGLED.exec(next) : null;
      if (isBareName(segment) && nextAngled && cleanName(nextAngled[1]) !== undefined) {
        readSegment(collector, line, next as string, segment.trim());
        i++;
      } else readSegment(collector, line, segment);
    }
  });
  return collector.finish();
}

// ------------------------------------------------------------------ CSV

const EMAIL_HEADERS = new Set(['email', 'e mail', 'email address', 'e mail address', 'emailaddress', 'mail', 'mail address']);
const NAME_HEADERS = new Set(['name', 'full name', 'fullname', 'display name']);
const FIRST_HEADERS = new Set(['first name', 'firstname', 'given name']);
const LAST_HEADERS = new Set(['last name', 'lastname', 'surname', 'family name']);

function headerKey(cell: string): string {
  return cell.trim().toLowerCase().replace(/[\s_-]+/g, ' ').trim();
}

interface Columns {
  email: number;
  name?: number;
  first?: number;
  last?: number;
}

function columnsOf(header: readonly string[]): Columns | undefined {
  const keys = header.map(headerKey);
  const email = keys.findIndex((k) => EMAIL_HEADERS.has(k));
  if (email < 0) return undefined;
  const find = (names: ReadonlySet<string>) => {
    const i = keys.findIndex((k) => names.has(k));
    return i < 0 ? undefined : i;
  };
  const columns: Columns = { email };
  const name = find(NAME_HEADERS);
  const first = find(FIRST_HEADERS);
  const last = find(LAST_HEADERS);
  if (name !== undefined) columns.name = name;
  if (first !== undefined) columns.first = first;
  if (last !== undefined) columns.last = last;
  return columns;
}

interface CsvStart {
  records: CsvRecord[];
  /** Index of the header among the records. */
  header: number;
  columns: Columns | undefined;
}

/** The records after an optional `sep=` line, and the first non-blank one as the header. */
function startCsv(text: string): CsvStart | undefined {
  const body = stripBom(text);
  const firstLine = body.split(LINE_BREAK, 1)[0] ?? '';
  const sep = sepDirective(firstLine);
  const rest = sep ? body.slice(firstLine.length) : body;
  const firstContent = rest.split(LINE_BREAK).find((l) => l.trim() !== '') ?? '';
  const records = readCsvRecords(rest, sep ?? detectDelimiter(firstContent));
  // `rest` keeps the `sep=` line's line end, so line numbers still count from the file's first line.
  if (sep && records[0]?.raw === '') records.shift();
  const header = records.findIndex((r) => !isBlank(r));
  if (header < 0) return undefined;
  return { records, header, columns: columnsOf((records[header] as CsvRecord).cells) };
}

function isBlank(record: CsvRecord): boolean {
  return record.cells.every((c) => c.trim() === '');
}

function hasSepLine(text: string): boolean {
  return sepDirective(stripBom(text).split(LINE_BREAK, 1)[0] ?? '') !== undefined;
}

/**
 * A CSV file (pasted or uploaded): a header row naming the email column (email, e-mail, email
 * address, mail) and optionally a name (name, full name, or first name and last name); one
 * invitee a row. Rows without an email or with a bad one are problems by their line in the file.
 */
export function parseInviteeCsv(text: string): InviteeList | RefusedList {
  if (typeof text !== 'string' || text.trim() === '' || stripBom(text).trim() === '') return refuse('empty');
  if (looksBinary(text)) return refuse('not_csv');
  const start = startCsv(text);
  if (!start) return refuse('empty');
  const { records, header, columns } = start;
  if (!columns) return refuse('no_email_column');
  const collector = new Collector();
  let rows = 0;
  for (const record of records.slice(header + 1)) {
    if (isBlank(record)) continue;
    rows++;
    const cell = (i: number | undefined) => (i === undefined ? '' : (record.cells[i] ?? '').trim());
    const name = cleanName(columns.name !== undefined && cell(columns.name) ? cell(columns.name) : [cell(columns.first), cell(columns.last)].filter(Boolean).join(' '));
    const address = cell(columns.email).replace(/^<(.*)>$/s, '$1');
    collector.address(record.line, record.raw, address, name, true);
  }
  if (rows === 0) return refuse('empty');
  return collector.finish();
}

/** Whether the text's first line (after a `sep=` line) is a header naming an email column. */
function isCsvWithHeader(text: string): boolean {
  return startCsv(text)?.columns !== undefined;
}

/**
 * Pasted text or an uploaded file's text, read the way it is written: as CSV when it starts with
 * Excel's `sep=` line or a header naming an email column, else as a list. Text that is not text
 * (binary) is refused as not CSV, and nothing at all as empty.
 */
export function readInvitees(text: string): InviteeList | RefusedList {
  if (typeof text !== 'string' || stripBom(text).trim() === '') return refuse('empty');
  if (looksBinary(text)) return refuse('not_csv');
  return hasSepLine(text) || isCsvWithHeader(text) ? parseInviteeCsv(text) : parseInviteeList(text);
}

/**
 * One inline-error text naming the problems in line order ("Line 3: “bob@” is not an email
 * address. Line 7: …"), at most `max` characters: the problems that fit whole, then "And N more."
 */
export function describeProblems(list: InviteeList, max: number = INLINE_ERROR_MAX): string {
  const limit = Number.isFinite(max) && max >= 1 ? Math.floor(max) : INLINE_ERROR_MAX;
  const problems = Array.isArray(list?.problems) ? list.problems : [];
  const parts = problems.map((p) => `Line ${p.line}: ${p.reason}`);
  const all = parts.join(' ');
  if (all.length <= limit) return all;
  let text = '';
  let shownCount = 0;
  for (const part of parts) {
    const candidate = text ? `${text} ${part}` : part;
    const rest = parts.length - shownCount - 1;
    if (candidate.length + (rest > 0 ? ` And ${rest} more.`.length : 0) > limit) break;
    text = candidate;
    shownCount++;
  }
  const rest = parts.length - shownCount;
  if (shownCount > 0) return `${text} And ${rest} more.`;
  // Not even the first fits whole: as much of it as fits.
  const tail = rest > 1 ? ` And ${rest - 1} more.` : '';
  const room = limit - tail.length;
  return room >= 2 ? `${(parts[0] as string).slice(0, room - 1).trimEnd()}…${tail}` : (parts[0] as string).slice(0, limit);
}
