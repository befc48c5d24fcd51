// Many invitees at once, from what people really paste and upload: a mail client's To field, a
// typed list, spreadsheet exports (Excel, Google Sheets, Numbers) in their dialects, and what is
// not a list at all.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  INLINE_ERROR_MAX,
  MAX_INVITEES,
  describeProblems,
  parseInviteeCsv,
  parseInviteeList,
  readInvitees,
  type InviteeList,
} from '../../src/invites/share-channel/invitee-list.js';

function list(result: ReturnType<typeof readInvitees>): InviteeList {
  assert.ok(!('refused' in result), `refused: ${JSON.stringify(result)}`);
  return result;
}

const emails = (l: InviteeList) => l.invitees.map((i) => i.email);
const people = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `person${from + i}@example.com`);

describe('pasted lists', () => {
  it('reads Outlook’s To field: "Last, First" <address>; separated by semicolons', () => {
    const l = parseInviteeList('"Doe, Jane" <jane@x.com>; bob@y.com');
    assert.deepEqual(l, { invitees: [{ line: 1, email: 'jane@x.com', name: 'Doe, Jane' }, { line: 1, email: 'bob@y.com' }], problems: [], duplicates: 0 });
  });

  it('reads Outlook’s unquoted form, Doe, Jane <address>, as one person named "Doe, Jane"', () => {
    const l = parseInviteeList('Doe, Jane <jane@x.com>; Smith, Bob <bob@y.com>');
    assert.deepEqual(l.invitees, [
      { line: 1, email: 'jane@x.com', name: 'Doe, Jane' },
      { line: 1, email: 'bob@y.com', name: 'Smith, Bob' },
    ]);
    assert.deepEqual(l.problems, []);
  });

  it('reads Gmail’s copy of recipients: Name <address>, comma-separated, and <address> alone', () => {
    const l = parseInviteeList('Jane Doe <jane@x.com>, Bob Smith <bob@y.com>, <carol@z.org>');
    assert.deepEqual(l.invitees, [
      { line: 1, email: 'jane@x.com', name: 'Jane Doe' },
      { line: 1, email: 'bob@y.com', name: 'Bob Smith' },
      { line: 1, email: 'carol@z.org' },
    ]);
  });

  it('takes new lines, commas, semicolons, tabs and spaces as separators, with line numbers of the input', () => {
    const l = parseInviteeList('a@x.com\r\nb@x.com, c@x.com;d@x.com\te@x.com   f@x.com\n\n\ng@x.com');
    assert.deepEqual(l.invitees.map((i) => [i.line, i.email]), [
      [1, 'a@x.com'], [2, 'b@x.com'], [2, 'c@x.com'], [2, 'd@x.com'], [2, 'e@x.com'], [2, 'f@x.com'], [5, 'g@x.com'],
    ]);
  });

  it('tolerates mailto: links (with their ?subject=) and a pasted column from a sheet', () => {
    const l = parseInviteeList('mailto:jane@x.com\nMAILTO:bob@y.com?subject=Hello\n"Carol King" carol@z.org\n');
    assert.deepEqual(l.invitees, [
      { line: 1, email: 'jane@x.com' },
      { line: 2, email: 'bob@y.com' },
      { line: 3, email: 'carol@z.org', name: 'Carol King' },
    ]);
  });

  it('normalizes addresses and drops repeats that differ only in case, counting them', () => {
    const l = parseInviteeList('Jane@X.com\njane@x.com, JANE@x.COM\nJane Doe <jane@x.com>');
    assert.deepEqual(l.invitees, [{ line: 1, email: 'jane@x.com', name: 'Jane Doe' }], 'the first keeps its place; a later name fills in');
    assert.equal(l.duplicates, 3);
    assert.deepEqual(l.problems, []);
  });

  it('names every bad entry with its line, the text and why', () => {
    const l = parseInviteeList('jane@x.com\nbob@\nalice\nJane Doe\n<>\nx@y.com Bob <bob@@y.com>');
    assert.deepEqual(emails(l), ['jane@x.com', 'x@y.com']);
    assert.deepEqual(l.problems, [
      { line: 2, text: 'bob@', reason: '“bob@” is not an email address.' },
      { line: 3, text: 'alice', reason: '“alice” is not an email address.' },
      { line: 4, text: 'Jane', reason: '“Jane” is not an email address.' },
      { line: 4, text: 'Doe', reason: '“Doe” is not an email address.' },
      { line: 5, text: '<>', reason: '“<>” has no email address.' },
      { line: 6, text: 'Bob <bob@@y.com>', reason: '“Bob <bob@@y.com>” is not an email address.' },
    ]);
  });

  it('cuts a long entry to 80 characters in what it shows', () => {
    const long = `${'x'.repeat(200)}@`;
    const [problem] = parseInviteeList(long).problems;
    assert.equal(problem?.text.length, 80);
    assert.ok(problem?.text.endsWith('…'));
    assert.ok(problem?.reason.startsWith(`“${problem.text}”`));
  });

  it(`takes exactly ${MAX_INVITEES}, and names the first one over the limit with its line`, () => {
    const exactly = parseInviteeList(people(MAX_INVITEES).join('\n'));
    assert.equal(exactly.invitees.length, MAX_INVITEES);
    assert.deepEqual(exactly.problems, []);

    const over = parseInviteeList(people(MAX_INVITEES + 1).join('\n'));
    assert.equal(over.invitees.length, MAX_INVITEES);
    assert.deepEqual(over.problems.map((p) => [p.line, p.text]), [[101, 'person100@example.com']]);
    assert.match(over.problems[0]!.reason, /at most 100 people, and this list has 101: “person100@example\.com” is one too many/);

    const far = parseInviteeList([...people(MAX_INVITEES), ...people(30, MAX_INVITEES), ...people(5)].join(', '));
    assert.equal(far.invitees.length, MAX_INVITEES);
    assert.equal(far.duplicates, 5, 'repeats are not counted against the limit');
    assert.equal(far.problems.length, 1);
    assert.match(far.problems[0]!.reason, /this list has 130: “person100@example\.com” and the 29 after it are too many/);
  });

  it('keeps a line of problems in order among lines over the limit', () => {
    const text = [...people(MAX_INVITEES), 'bad@', 'extra@example.com'].join('\n');
    const l = parseInviteeList(text);
    assert.deepEqual(l.problems.map((p) => p.line), [101, 102]);
  });
});

describe('CSV files', () => {
  it('reads a Google Sheets export: header, commas, quoted names with commas, LF', () => {
    const l = list(readInvitees('Name,Email,Company\n"Doe, Jane",jane@x.com,Acme\nBob Smith,BOB@y.com,"Widgets, Inc."\n'));
    assert.deepEqual(l, {
      invitees: [
        { line: 2, email: 'jane@x.com', name: 'Doe, Jane' },
        { line: 3, email: 'bob@y.com', name: 'Bob Smith' },
      ],
      problems: [],
      duplicates: 0,
    });
  });

  it('reads an Excel "CSV UTF-8" export: BOM, CRLF, and a last line without its line end', () => {
    const l = list(readInvitees('\uFEFFE-mail Address,Full Name\r\njane@x.com,Jane Doe\r\nbob@y.com,Bob\r\ncarol@z.org,'));
    assert.deepEqual(l.invitees, [
      { line: 2, email: 'jane@x.com', name: 'Jane Doe' },
      { line: 3, email: 'bob@y.com', name: 'Bob' },
      { line: 4, email: 'carol@z.org' },
    ]);
  });

  it('reads Excel’s semicolon exports (European locales), with and without the sep=; line', () => {
    const withSep = list(readInvitees('sep=;\r\nFirst name;Last name;Email\r\nJane;Doe;jane@x.com\r\nBob;;bob@y.com\r\n'));
    assert.deepEqual(withSep.invitees, [
      { line: 3, email: 'jane@x.com', name: 'Jane Doe' },
      { line: 4, email: 'bob@y.com', name: 'Bob' },
    ]);
    const withoutSep = list(readInvitees('Vorname;Nachname;E-Mail\nJane;Doe;jane@x.com\n'));
    assert.deepEqual(withoutSep.invitees, [{ line: 2, email: 'jane@x.com' }], 'E-Mail is found; German name headers are not');
  });

  it('reads tab-separated text (a range copied out of a spreadsheet)', () => {
    const l = list(readInvitees('email\tname\njane@x.com\tJane Doe\nbob@y.com\tBob'));
    assert.deepEqual(emails(l), ['jane@x.com', 'bob@y.com']);
    assert.equal(l.invitees[0]?.name, 'Jane Doe');
  });

  it('reads quoted fields holding quotes and new lines, and counts lines of the file', () => {
    const text = 'mail,name\n"jane@x.com","Jane ""JD"" Doe"\n"bob@y.com","Bob\nSmith"\nbad,Carol\n';
    const l = list(readInvitees(text));
    assert.deepEqual(l.invitees, [
      { line: 2, email: 'jane@x.com', name: 'Jane "JD" Doe' },
      { line: 3, email: 'bob@y.com', name: 'Bob Smith' },
    ]);
    assert.deepEqual(l.problems, [{ line: 5, text: 'bad,Carol', reason: '“bad” is not an email address.' }], 'the multi-line field took lines 3 and 4');
  });

  it('refuses bad rows line by line, skipping blank rows', () => {
    const l = list(readInvitees('Email,Name\njane@x.com,Jane\n\n,No Address\n  ,  \nbob@,Bob\n,,\njane@X.com,Again\n'));
    assert.deepEqual(emails(l), ['jane@x.com']);
    assert.equal(l.duplicates, 1);
    assert.deepEqual(l.problems, [
      { line: 4, text: ',No Address', reason: 'The row “,No Address” has no email address.' },
      { line: 6, text: 'bob@,Bob', reason: '“bob@” is not an email address.' },
    ]);
  });

  it('refuses a header with no rows, an empty file, and a file of blank lines as empty', () => {
    for (const text of ['email,name\n', 'Email\r\n\r\n\r\n', '', '\uFEFF', '   \n\n', 'sep=,\n']) {
      const result = readInvitees(text);
      assert.ok('refused' in result && result.refused === 'empty', `${JSON.stringify(text)}: ${JSON.stringify(result)}`);
      assert.match(result.reason, /paste the addresses/);
    }
    assert.deepEqual(parseInviteeCsv('email,name\n\n'), { refused: 'empty', reason: (readInvitees('email\n') as { reason: string }).reason });
  });

  it('refuses binary files (an .xlsx, a PDF, an image) and HTML as not CSV', () => {
    const xlsx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]).toString('utf8');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]).toString('utf8');
    for (const text of [xlsx, png, '%PDF-1.7\n%âãÏÓ\n1 0 obj', '<!DOCTYPE html><html><body>Sign in</body></html>', `email\n${'\u0001\u0002\u0003'.repeat(10)}`]) {
      const result = readInvitees(text);
      assert.ok('refused' in result && result.refused === 'not_csv', `${JSON.stringify(text.slice(0, 20))}: ${JSON.stringify(result)}`);
      assert.match(result.reason, /not a CSV file/);
    }
  });

  it('refuses a CSV whose header names no email column', () => {
    const result = parseInviteeCsv('Name,Phone\nJane,555-0100\n');
    assert.ok('refused' in result);
    assert.equal(result.refused, 'no_email_column');
    assert.match(result.reason, /“email”/);
  });

  it('reads text without an email header as a list, so one address a line needs no header', () => {
    const l = list(readInvitees('jane@x.com\nbob@y.com\n'));
    assert.deepEqual(emails(l), ['jane@x.com', 'bob@y.com']);
    const headerless = list(readInvitees('Jane Doe,jane@x.com\n'));
    assert.deepEqual(emails(headerless), ['jane@x.com']);
    assert.deepEqual(headerless.problems.map((p) => p.text), ['Jane', 'Doe'], 'words that are not addresses are named, never silently taken as a name');
  });

  it(`takes ${MAX_INVITEES} rows and names row ${MAX_INVITEES + 2} (the 101st person) as over the limit`, () => {
    const rows = (n: number) => ['email,name', ...people(n).map((e, i) => `${e},Person ${i}`)].join('\r\n');
    assert.deepEqual(list(readInvitees(rows(MAX_INVITEES))).problems, []);
    const over = list(readInvitees(rows(MAX_INVITEES + 1)));
    assert.equal(over.invitees.length, MAX_INVITEES);
    assert.equal(over.problems.length, 1);
    assert.equal(over.problems[0]?.line, MAX_INVITEES + 2);
    assert.match(over.problems[0]!.reason, /at most 100 people/);
  });
});

describe('describeProblems: one inline error naming the bad lines', () => {
  it('names each line in order', () => {
    const l = parseInviteeList('ok@x.com\nbob@\nok2@x.com\n\n\n\nnobody');
    assert.equal(describeProblems(l, INLINE_ERROR_MAX), 'Line 2: “bob@” is not an email address. Line 7: “nobody” is not an email address.');
    assert.equal(describeProblems(l, INLINE_ERROR_MAX), describeProblems(l, Number.NaN), 'a nonsense maximum falls back to the default');
  });

  it('is empty when nothing is wrong', () => {
    assert.equal(describeProblems(parseInviteeList('a@x.com'), 100), '');
  });

  it('stops at the maximum with "And N more."', () => {
    const l = parseInviteeList(Array.from({ length: 60 }, (_, i) => `bad${i}@`).join('\n'));
    const text = describeProblems(l, 150);
    assert.ok(text.length <= 150, `${text.length}`);
    assert.match(text, /^Line 1: “bad0@” is not an email address\. Line 2: .* And \d+ more\.$/);
    const shownCount = (text.match(/Line \d+:/g) ?? []).length;
    assert.ok(text.endsWith(`And ${60 - shownCount} more.`));
    const full = describeProblems(l, INLINE_ERROR_MAX);
    assert.ok(full.length <= INLINE_ERROR_MAX);
    for (const max of [1, 5, 12, 30, 49, 50, 51]) assert.ok(describeProblems(l, max).length <= max, `max ${max}`);
  });

  it(`defaults to ${INLINE_ERROR_MAX} characters`, () => {
    const l = parseInviteeList(Array.from({ length: 200 }, (_, i) => `bad${i}@`).join('\n'));
    const text = describeProblems(l, undefined as unknown as number);
    assert.ok(text.length <= INLINE_ERROR_MAX && text.length > INLINE_ERROR_MAX - 100, `${text.length}`);
  });
});

describe('total: never throws, whatever arrives', () => {
  it('on any text, and on what is not text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: -5, max: 3000 }), (text, max) => {
        const l = parseInviteeList(text);
        describeProblems(l, max);
        const r = readInvitees(text);
        if (!('refused' in r)) {
          assert.ok(r.invitees.length <= MAX_INVITEES);
          for (const p of r.problems) assert.ok(p.text.length <= 80 && p.line >= 1);
          assert.ok(describeProblems(r, max).length <= (max >= 1 ? max : INLINE_ERROR_MAX));
        }
        parseInviteeCsv(text);
      }),
      { numRuns: 300 },
    );
    for (const junk of [undefined, null, 42, {}, ['a@x.com']]) {
      assert.deepEqual(parseInviteeList(junk as unknown as string), { invitees: [], problems: [], duplicates: 0 });
      assert.ok('refused' in readInvitees(junk as unknown as string));
      assert.ok('refused' in parseInviteeCsv(junk as unknown as string));
    }
    assert.equal(describeProblems(undefined as unknown as InviteeList, 10), '');
  });
});
