// Reading CSV text as spreadsheets write it (RFC 4180 and what Excel and Google Sheets add): quoted
// fields holding delimiters, quotes ("") and new lines; CRLF, LF or CR line ends; a UTF-8 BOM;
// Excel's `sep=;` first line; comma, semicolon or tab as the delimiter. Pure and total: any text
// gives records, however broken (an unclosed quote runs to the end, as spreadsheets read it).

export type Delimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** The 1-based line of the text the record starts on (a quoted field may span lines). */
  line: number;
  cells: string[];
  /** The record as it is in the text, without its line end. */
  raw: string;
}

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Excel's first line naming the delimiter (`sep=;`, sometimes quoted), or undefined. */
export function sepDirective(line: string): Delimiter | undefined {
  const m = /^"?sep=(.)"?\s*$/i.exec(line);
  const d = m?.[1];
  return d !== undefined && (DELIMITERS as readonly string[]).includes(d) ? (d as Delimiter) : undefined;
}

/** The delimiter a header line uses the most outside quotes; a comma when it uses none (one column). */
export function detectDelimiter(line: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, (counts.get(ch as Delimiter) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * Whether the text is not text a person or a spreadsheet wrote: a NUL, more than a few control
 * characters or undecodable bytes (U+FFFD after UTF-8 decoding), or the start of a file format that
 * is not CSV (a spreadsheet's ZIP, a PDF, an HTML page).
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const start = text.slice(0, 16).trimStart().toLowerCase();
  if (start.startsWith('pk\u0003\u0004') || start.startsWith('%pdf') || start.startsWith('<!doctype') || start.startsWith('<html') || start.startsWith('<?xml')) return true;
  let odd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0xfffd) odd++;
  }
  return odd > Math.max(2, text.length / 100);
}

/** The records of `text` (BOM already stripped), blank lines included as records of one empty cell. */
export function readCsvRecords(text: string, delimiter: Delimiter): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false; // a quote opens a quoted field only at the field's start
  let line = 1;
  let recordLine = 1;
  let recordStart = 0;

  const endField = () => {
    cells.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = (end: number) => {
    endField();
    records.push({ line: recordLine, cells, raw: text.slice(recordStart, end) });
    cells = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else if (ch === '\r' || ch === '\n') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        field += '\n';
        line++;
      } else field += ch;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      endRecord(i);
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      recordLine = line;
      recordStart = i + 1;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (recordStart < text.length || cells.length > 0 || field !== '') endRecord(text.length);
  return records;
}
