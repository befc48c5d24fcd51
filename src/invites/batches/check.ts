// The checks of a form with several invitees, before anything is recorded or sent: the typed list
// and the chosen people (pure), then the uploaded file (read from Slack), then Slack's facts
// about the channel and each person. Every problem is named where it is: the line of the list,
// the person, the line of the file; a problem with the channel stops them all.
import { describeProblems, INLINE_ERROR_MAX, MAX_INVITEES, readInvitees, type InviteeList, type ListedInvitee, type ListProblem } from '../share-channel/invitee-list.js';
import type { Requester } from '../ports.js';
import type { ValidDraft } from '../share-channel/validate.js';
import type { BatchDraft } from './service.js';
import type { BatchInvitee } from './types.js';

export type BatchField = 'channel' | 'invitees' | 'users' | 'file';
export type BatchErrors = Partial<Record<BatchField, string>>;

/** What the form gave, read but not yet judged. */
export interface BatchFormInput {
  channelId: string | undefined;
  emailsText: string | undefined;
  userIds: readonly string[];
  fileIds: readonly string[];
  externalLimited: boolean;
}

/** Where an invitee came from, to name it in a problem. */
type Source = { from: 'typed'; line: number; text: string } | { from: 'users'; userId: string } | { from: 'file'; line: number; text: string };

export interface SourcedDraft {
  channelId: string;
  externalLimited: boolean;
  invitees: Array<{ invitee: BatchInvitee; source: Source }>;
  fileIds: readonly string[];
}

export type UploadedText = { ok: true; name: string; text: string } | { ok: false; problem: string };

export interface BatchCheckDeps {
  checkMany(channelId: string, drafts: readonly ValidDraft[], requester: Requester): Promise<{ errors?: { channel?: string; invitees?: ReadonlyArray<string | undefined> }; channelName?: string }>;
  /** The text of an uploaded file, or why it cannot be used. */
  readFile(fileId: string): Promise<UploadedText>;
}

const asInvitee = (l: ListedInvitee): BatchInvitee => ({ email: l.email, ...(l.name ? { name: l.name } : {}) });

/** The form alone: the typed list, the chosen people, the count. */
export function validateBatchForm(form: BatchFormInput, requester: Requester): { ok: true; draft: SourcedDraft } | { ok: false; errors: BatchErrors } {
  const errors: BatchErrors = {};
  if (!form.channelId) errors.channel = 'Choose the channel to share.';
  const typed: InviteeList = form.emailsText?.trim() ? asList(readInvitees(form.emailsText), (reason) => (errors.invitees = reason)) : { invitees: [], problems: [], duplicates: 0 };
  if (typed.problems.length > 0) errors.invitees = describeProblems(typed, INLINE_ERROR_MAX);
  if (form.userIds.includes(requester.userId)) errors.users = 'You cannot invite yourself. Take yourself out of the people chosen.';
  const total = typed.invitees.length + form.userIds.length;
  if (total > MAX_INVITEES) errors.users ??= `That is ${total} people; one form sends at most ${MAX_INVITEES} invitations. Send the rest from another.`;
  if (total === 0 && form.fileIds.length === 0) errors.invitees ??= 'Enter their email addresses, choose people, or upload a CSV.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    draft: {
      channelId: form.channelId as string,
      externalLimited: form.externalLimited,
      fileIds: form.fileIds,
      invitees: [
        ...typed.invitees.map((l) => ({ invitee: asInvitee(l), source: { from: 'typed' as const, line: l.line, text: l.email } })),
        ...form.userIds.map((userId) => ({ invitee: { userId }, source: { from: 'users' as const, userId } })),
      ],
    },
  };
}

function asList(read: ReturnType<typeof readInvitees>, refused: (reason: string) => void): InviteeList {
  if ('refused' in read) {
    refused(read.reason);
    return { invitees: [], problems: [], duplicates: 0 };
  }
  return read;
}

/**
 * The file, then Slack's facts. Returns the errors by field, or the batch to record (the file's
 * invitees after the typed ones and the chosen people; an address already listed is listed once).
 */
export async function checkBatch(draft: SourcedDraft, requester: Requester, deps: BatchCheckDeps): Promise<{ errors?: BatchErrors; channelName?: string; draft?: SourcedDraft }> {
  const invitees = [...draft.invitees];
  for (const fileId of draft.fileIds) {
    const file = await deps.readFile(fileId);
    if (!file.ok) return { errors: { file: file.problem } };
    const read = readInvitees(file.text);
    if ('refused' in read) return { errors: { file: `${file.name}: ${read.reason}` } };
    if (read.problems.length > 0) return { errors: { file: `${file.name}: ${describeProblems(read, INLINE_ERROR_MAX - file.name.length - 2)}` } };
    const listed = new Set(invitees.map((i) => i.invitee.email).filter(Boolean));
    for (const l of read.invitees) if (!listed.has(l.email)) invitees.push({ invitee: asInvitee(l), source: { from: 'file', line: l.line, text: l.email } });
  }
  if (invitees.length === 0) return { errors: { file: 'The file lists nobody to invite. Add a row with an email address under the header.' } };
  if (invitees.length > MAX_INVITEES) return { errors: { file: `With the file that is ${invitees.length} people; one form sends at most ${MAX_INVITEES} invitations. Send the rest from another.` } };

  const drafts: ValidDraft[] = invitees.map(({ invitee }) =>
    invitee.email !== undefined ? { channelId: draft.channelId, externalLimited: draft.externalLimited, email: invitee.email } : { channelId: draft.channelId, externalLimited: draft.externalLimited, userId: invitee.userId },
  );
  const checked = await deps.checkMany(draft.channelId, drafts, requester);
  if (checked.errors?.channel) return { errors: { channel: checked.errors.channel } };
  const perInvitee = checked.errors?.invitees;
  if (perInvitee) {
    const bySource: Record<'typed' | 'users' | 'file', ListProblem[]> = { typed: [], users: [], file: [] };
    perInvitee.forEach((problem, i) => {
      const source = invitees[i]?.source;
      if (!problem || !source) return;
      if (source.from === 'users') bySource.users.push({ line: 0, text: source.userId, reason: problem });
      else bySource[source.from].push({ line: source.line, text: source.text, reason: problem });
    });
    const errors: BatchErrors = {};
    if (bySource.typed.length) errors.invitees = describeProblems({ invitees: [], problems: bySource.typed, duplicates: 0 }, INLINE_ERROR_MAX);
    if (bySource.users.length) errors.users = cut(bySource.users.map((p) => p.reason).join(' '));
    if (bySource.file.length) errors.file = describeProblems({ invitees: [], problems: bySource.file, duplicates: 0 }, INLINE_ERROR_MAX);
    return { errors };
  }
  // The file is read: what is recorded is the whole list.
  return { channelName: checked.channelName, draft: { ...draft, invitees, fileIds: [] } };
}

/** The checked form as the batch to record. */
export function toBatchDraft(draft: SourcedDraft): BatchDraft {
  return { channelId: draft.channelId, externalLimited: draft.externalLimited, invitees: draft.invitees.map((i) => i.invitee) };
}

function cut(text: string): string {
  return text.length <= INLINE_ERROR_MAX ? text : `${text.slice(0, INLINE_ERROR_MAX - 1)}…`;
}
