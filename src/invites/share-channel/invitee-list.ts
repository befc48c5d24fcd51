// PLACEHOLDER until feat-list lands (same exports): a free list of addresses, one problem per bad entry.
import { isEmailAddress, normalizeEmail } from '../email.js';

export const MAX_INVITEES = 100;
export interface ListedInvitee { line: number; email: string; name?: string }
export interface ListProblem { line: number; text: string; reason: string }
export interface InviteeList { invitees: ListedInvitee[]; problems: ListProblem[]; duplicates: number }

export function parseInviteeList(text: string): InviteeList {
  const out: InviteeList = { invitees: [], problems: [], duplicates: 0 };
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((row, i) => {
    for (const part of row.split(/[,;\s]+/).filter(Boolean)) {
      const email = normalizeEmail(part.replace(/^<|>$/g, ''));
      if (!isEmailAddress(email)) out.problems.push({ line: i + 1, text: part.slice(0, 80), reason: 'is not an email address' });
      else if (seen.has(email)) out.duplicates++;
      else if (out.invitees.length >= MAX_INVITEES) out.problems.push({ line: i + 1, text: part, reason: `is past the limit of ${MAX_INVITEES} invitees` });
      else (seen.add(email), out.invitees.push({ line: i + 1, email }));
    }
  });
  return out;
}

export function readInvitees(text: string): InviteeList | { refused: 'empty' | 'not_csv' | 'no_email_column'; reason: string } {
  return parseInviteeList(text);
}
export const parseInviteeCsv = readInvitees;

export function describeProblems(list: InviteeList, max: number): string {
  const all = list.problems.map((p) => `Line ${p.line}: “${p.text}” ${p.reason}.`).join(' ');
  return all.length <= max ? all : `${all.slice(0, max - 12)}… and more`;
}
