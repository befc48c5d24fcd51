// Reads what a person typed or chose into plain values. Pure, and total: any payload, however
// malformed, yields a value or undefined, never an exception.
import type { ShareDraft } from '../../invites/share-channel/validate.js';
import { SHARE_CHANNEL } from '../ids.js';
import { uploadedFiles } from './file-input.js';
import { readInvitees } from '../../invites/share-channel/invitee-list.js';

export interface CommandPrefill {
  email?: string;
  userId?: string;
}

const MENTION = /^<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>$/;
const MAILTO = /^<mailto:([^>]+)>$/;
const BARE_EMAIL = /^[^\s<>@]+@[^\s<>@]+$/;

/** `/share-channel bob@partner.com` or `/share-channel @bob`: what to pre-fill. */
export function parseShareCommandText(text: unknown): CommandPrefill {
  const first = typeof text === 'string' ? text.trim().split(/\s+/)[0] ?? '' : '';
  const mention = MENTION.exec(first);
  if (mention) return { userId: mention[1]! };
  const mailto = MAILTO.exec(first);
  if (mailto) return { email: mailtoAddress(mailto[1]!) };
  return BARE_EMAIL.test(first) && first.length <= 254 ? { email: first } : {};
}

/**
 * Slack writes a typed address as `<mailto:X|X>`. An address may itself contain `|` (it is legal
 * in the local part), so the two halves are split in the middle, not at the first `|`.
 */
function mailtoAddress(inner: string): string {
  const middle = (inner.length - 1) / 2;
  if (Number.isInteger(middle) && inner[middle] === '|' && inner.slice(0, middle) === inner.slice(middle + 1)) return inner.slice(0, middle);
  return inner.split('|')[0]!;
}

type StateValues = Record<string, Record<string, Record<string, unknown> | undefined> | undefined>;

export function stateValues(view: unknown): StateValues {
  const state = (view as { state?: { values?: unknown } } | undefined)?.state?.values;
  return state !== null && typeof state === 'object' ? (state as StateValues) : {};
}

export function stringField(values: StateValues, blockId: string, actionId: string, key: string): string | undefined {
  const value = values[blockId]?.[actionId]?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The /share-channel form as sent: one channel, any number of invitees (typed, chosen, uploaded). */
export interface ShareForm {
  channelId: string | undefined;
  /** What was typed or pasted in the email box: one address, a list, or CSV. */
  emailsText: string | undefined;
  userIds: string[];
  fileIds: string[];
  externalLimited: boolean;
  /** Or a new channel the form names (its name as typed): created, then the invitations sent. */
  newChannel?: { name: string; isPrivate: boolean; memberUserIds: string[]; usergroupId?: string | undefined } | undefined;
}

const USER_ID = /^[UW][A-Z0-9]{2,20}$/;
const USERGROUP_ID = /^S[A-Z0-9]{2,20}$/;

export function parseShareForm(view: unknown): ShareForm {
  const values = stateValues(view);
  const { blocks, actions } = SHARE_CHANNEL;
  const selected = values[blocks.limited]?.[actions.limited]?.selected_options;
  const externalLimited = Array.isArray(selected) && selected.some((o) => (o as { value?: unknown })?.value === SHARE_CHANNEL.limitedOption);
  const people = values[blocks.user]?.[actions.user];
  // A multi_users_select sends selected_users; the single select this form had before, selected_user.
  const chosen = Array.isArray(people?.selected_users) ? people.selected_users : [people?.selected_user];
  const newName = stringField(values, blocks.newChannel, actions.newChannel, 'value');
  const privateChoice = values[blocks.newChannelPrivate]?.[actions.newChannelPrivate]?.selected_options;
  const members = values[blocks.newChannelMembers]?.[actions.newChannelMembers]?.selected_users;
  const group = (values[blocks.newChannelGroup]?.[actions.newChannelGroup]?.selected_option as { value?: unknown } | null | undefined)?.value;
  return {
    newChannel: newName
      ? {
          name: newName,
          isPrivate: Array.isArray(privateChoice) && privateChoice.some((o) => (o as { value?: unknown })?.value === SHARE_CHANNEL.privateOption),
          memberUserIds: Array.isArray(members) ? [...new Set(members.filter((u): u is string => typeof u === 'string' && USER_ID.test(u)))] : [],
          usergroupId: typeof group === 'string' && USERGROUP_ID.test(group) ? group : undefined,
        }
      : undefined,
    channelId: stringField(values, blocks.channel, actions.channel, 'selected_conversation'),
    emailsText: stringField(values, blocks.email, actions.email, 'value'),
    userIds: [...new Set(chosen.filter((u): u is string => typeof u === 'string' && USER_ID.test(u)))],
    fileIds: uploadedFiles(view, blocks.file, actions.file).map((f) => f.id),
    externalLimited,
  };
}

/**
 * The form as one invitation, when it names at most one invitee (one address, however malformed,
 * or one person, and no file): sent and shown as a single invitation. Undefined: a batch.
 */
export function singleDraftOf(form: ShareForm): ShareDraft | undefined {
  if (form.fileIds.length > 0) return undefined;
  const typed = form.emailsText?.trim() ?? '';
  const entries = typed === '' ? 0 : typed.split(/[\s,;]+/).filter(Boolean).length;
  // One entry written as a list writes it ("Jane Doe <jane@…>"): still one invitation.
  const listed = entries > 1 ? readInvitees(typed) : undefined;
  const one = listed && !('refused' in listed) && listed.invitees.length === 1 && listed.problems.length === 0 ? listed.invitees[0]!.email : undefined;
  if ((one ? 1 : entries) + form.userIds.length > 1) return undefined;
  return { channelId: form.channelId, email: one ?? (entries === 1 ? typed : undefined), userId: form.userIds[0], externalLimited: form.externalLimited };
}

/** The form read as one invitation (the single path's reader). */
export function parseShareSubmission(view: unknown): ShareDraft {
  const form = parseShareForm(view);
  return singleDraftOf(form) ?? { channelId: form.channelId, email: form.emailsText, userId: form.userIds[0], externalLimited: form.externalLimited };
}
